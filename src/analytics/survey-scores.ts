/**
 * The survey measures, from rollups (counts per answer value). Pure; the anonymity guard decides
 * separately whether a group's measures may be shown at all.
 */

/** A rollup of one question over some respondents: answers, sum of values, and counts per value. */
export interface Tally {
  readonly answered: number;
  readonly total: number;
  readonly histogram: readonly number[];
}

export interface Enps {
  /** 100 × (promoters − detractors) / respondents, from −100 to 100. */
  readonly score: number;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  readonly respondents: number;
}

export interface LikertSummary {
  /** Mean answer, 1–5. */
  readonly mean: number;
  /** Share of answers 4 or 5, 0–1. */
  readonly favourable: number;
  readonly answered: number;
}

/** Adds tallies (of one question across segments, or of several questions of one driver). */
export function sumTallies(tallies: readonly Tally[]): Tally {
  const length = Math.max(0, ...tallies.map((t) => t.histogram.length));
  const histogram = new Array<number>(length).fill(0);
  let answered = 0;
  let total = 0;
  for (const tally of tallies) {
    answered += tally.answered;
    total += tally.total;
    tally.histogram.forEach((count, value) => (histogram[value]! += count));
  }
  return { answered, total, histogram };
}

/** eNPS of 0–10 answers: promoters answer 9–10, passives 7–8, detractors 0–6. Null with no answers. */
export function enps(tally: Tally): Enps | null {
  const count = (from: number, to: number) => tally.histogram.slice(from, to + 1).reduce((a, b) => a + b, 0);
  const promoters = count(9, 10);
  const passives = count(7, 8);
  const detractors = count(0, 6);
  const respondents = promoters + passives + detractors;
  if (respondents === 0) return null;
  return { score: round1((100 * (promoters - detractors)) / respondents), promoters, passives, detractors, respondents };
}

/** Mean and favourable share of likert (1–5) answers. Null with no answers. */
export function likert(tally: Tally): LikertSummary | null {
  if (tally.answered === 0) return null;
  const favourable = (tally.histogram[4] ?? 0) + (tally.histogram[5] ?? 0);
  return { mean: round2(tally.total / tally.answered), favourable: round2(favourable / tally.answered), answered: tally.answered };
}

/** A 1–5 mean on a 0–100 scale: (x − 1) / 4 × 100. */
export function toHundred(mean: number): number {
  return round1(((mean - 1) / 4) * 100);
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
