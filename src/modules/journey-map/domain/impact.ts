/**
 * The touchpoint impact score (docs/journey-map.md, "Touchpoint analysis"). Every part is 0–1 (or
 * null when there is no evidence of that kind); the score weighs how much friction a touchpoint
 * shows by how many people pass through it.
 */
export interface ImpactInput {
  readonly reports: number;
  readonly meToos: number;
  /** Mean severity (1–5) of the period's reports; null without reports. */
  readonly meanSeverity: number | null;
  /** People who entered the touchpoint's stage in the period. */
  readonly reach: number;
  /** Share of linked checklist tasks due in the period that were late or are overdue. */
  readonly lateShare: number | null;
  /** Share of negative comments on linked survey questions. */
  readonly negativeShare: number | null;
  /** Mean answer (1–5) of linked likert questions. */
  readonly questionMean: number | null;
}

export interface ImpactParts {
  /** (reports + me-toos) / reach, at most 1: the share of people who said it hurts. */
  readonly voice: number;
  /** (mean severity − 1) / 4. */
  readonly severity: number;
  readonly lateness: number | null;
  readonly sentiment: number | null;
  /** (5 − question mean) / 4. */
  readonly questions: number | null;
  /** Mean of the available signals, where pain = voice × (1 + severity) / 2. */
  readonly friction: number;
  /** (1 + reach) / (1 + the largest reach among the touchpoints compared). */
  readonly reachFactor: number;
}

export function impactParts(input: ImpactInput, maxReach: number): ImpactParts {
  const voice = Math.min(1, (input.reports + input.meToos) / Math.max(input.reach, 1));
  const severity = input.meanSeverity === null ? 0 : (input.meanSeverity - 1) / 4;
  const questions = input.questionMean === null ? null : (5 - input.questionMean) / 4;
  const pain = (voice * (1 + severity)) / 2;
  const signals = [pain, input.lateShare, input.negativeShare, questions].filter((x): x is number => x !== null);
  const friction = signals.reduce((a, b) => a + b, 0) / signals.length;
  return {
    voice: round(voice),
    severity: round(severity),
    lateness: input.lateShare === null ? null : round(input.lateShare),
    sentiment: input.negativeShare === null ? null : round(input.negativeShare),
    questions: questions === null ? null : round(questions),
    friction: round(friction),
    reachFactor: round((1 + input.reach) / (1 + maxReach)),
  };
}

/** 100 × friction × reach factor, one decimal. */
export function impactScore(parts: ImpactParts): number {
  return Math.round(parts.friction * parts.reachFactor * 1000) / 10;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
