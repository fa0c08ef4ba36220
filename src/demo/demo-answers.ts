import type { QuestionType } from '#src/modules/surveys/domain/questions.js';
import type { Random } from './random.js';

/**
 * How the demo's people answer, and how its customers rate the teams. Everything here is a pure
 * function of a seeded generator and a "mood": the sum of the team's lasting offset, its drift that
 * month, the company's mood that month and the person's own offset, in points of a 1–5 answer.
 */

/** Each driver's typical answer (1–5) at a mood of 0: tools and growth are the company's weak spots. */
export const DRIVER_MEANS: Readonly<Record<string, number>> = {
  manager_relationship: 3.95,
  role_clarity: 3.85,
  team_contribution: 4.0,
  workspace: 3.6,
  wellbeing: 3.4,
  recognition: 3.3,
  growth: 3.2,
  tools_processes: 3.05,
  belonging: 3.8,
  customer_focus: 4.05,
  engagement: 3.7,
};

/** The company's mood per round, oldest first: a reorganisation dip in rounds 5–7, then recovery. */
export const COMPANY_MOOD: readonly number[] = [0.05, 0.05, 0, -0.05, -0.2, -0.25, -0.15, -0.05, 0, 0.05, 0.1, 0.12];

/**
 * The intended Pearson correlation, over team-months, between a team's measured eNPS and its
 * CSAT that month, and between its measured engagement and its NPS (see {@link cxFigures}).
 */
export const CX_CORRELATION = 0.5;

export interface QuestionRef {
  readonly id: string;
  readonly type: QuestionType;
  readonly driverKey: string | null;
  readonly options?: readonly unknown[] | null;
}

export interface DemoAnswer {
  readonly questionId: string;
  readonly value?: number;
  readonly text?: string;
}

/** The comments people write: what to change (negative), what to keep (positive), and plain wishes (mostly neutral). */
export const DEMO_COMMENTS = {
  change: [
    'Too many meetings leave no time for focused work, it is frustrating.',
    'The ticket tool is slow and crashes during busy hours, which is a real problem for us.',
    'Workload has been stressful since the reorganisation and people are tired.',
    'Career paths are unclear and promotions feel unfair.',
    'We are understaffed and it hurts our customers.',
    'Pay is poor compared to the market and good people leave.',
    'Decisions change every week without explanation, which is confusing and demotivating.',
    'Night shifts are a struggle and the rota comes too late.',
    'My laptop arrived a week late and the first days were wasted.',
    'I am worried that feedback goes nowhere.',
  ],
  keep: [
    'My team is supportive and great to work with.',
    'I love the flexibility to work from home.',
    'Our manager gives honest, helpful feedback.',
    'Great customers and interesting problems to solve.',
    'The learning budget is excellent, please keep it.',
    'Friendly colleagues who always help each other.',
    'I appreciate the recognition in our team meetings.',
    'Good tools and a clear plan for the quarter.',
  ],
  wishes: [
    'Please share the roadmap earlier in the quarter.',
    'We should move the team meeting to Tuesdays.',
    'Fewer tools, one place for documentation.',
  ],
} as const;

const STAY_COMMENTS = [
  'A clear path to a senior role and a fair raise would have kept me.',
  'Less pressure and a manageable workload.',
  'Honest feedback from my manager earlier on.',
  'Nothing really, it was a great place but the offer was too good.',
];

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Whether someone in this mood answers the round's invitation (between 45 % and 95 %). */
export function respondsTo(rng: Random, mood: number): boolean {
  return rng.chance(clamp(0.8 + 0.12 * mood, 0.45, 0.95));
}

/** One likert answer (1–5) of a driver. */
export function likertAnswer(rng: Random, driverKey: string | null, mood: number): number {
  return clamp(Math.round((DRIVER_MEANS[driverKey ?? ''] ?? 3.6) + mood + rng.normal(0, 0.8)), 1, 5);
}

/** One eNPS answer (0–10): about +9 company-wide at a mood of 0. */
export function enpsAnswer(rng: Random, mood: number): number {
  return clamp(Math.round(8 + 1.8 * (mood + rng.normal(0, 0.8))), 0, 10);
}

/**
 * A pulse response: every likert and eNPS question answered; and about one in three people write a
 * comment, whose tone follows their mood (what to change when low, what to keep when high).
 * `textQuestions` are the round's open questions: what to change, what to keep.
 */
export function pulseAnswers(rng: Random, questions: readonly QuestionRef[], mood: number, textQuestions: { change?: string; keep?: string }): DemoAnswer[] {
  const answers: DemoAnswer[] = [];
  for (const question of questions) {
    if (question.type === 'likert5') answers.push({ questionId: question.id, value: likertAnswer(rng, question.driverKey, mood) });
    else if (question.type === 'enps') answers.push({ questionId: question.id, value: enpsAnswer(rng, mood) });
  }
  if (rng.chance(0.3)) {
    const tone = mood + rng.normal(0, 0.5);
    if (tone < -0.1 && textQuestions.change) answers.push({ questionId: textQuestions.change, text: rng.pick(DEMO_COMMENTS.change) });
    else if (tone > 0.15 && textQuestions.keep) answers.push({ questionId: textQuestions.keep, text: rng.pick(DEMO_COMMENTS.keep) });
    else if (textQuestions.change) answers.push({ questionId: textQuestions.change, text: rng.pick(DEMO_COMMENTS.wishes) });
  }
  return answers;
}

/**
 * An exit interview's answers: the main reason given as the separation's (when the questionnaire
 * offers it), likert and eNPS from the leaver's mood, would they come back, and one text.
 */
export function exitAnswers(rng: Random, questions: readonly (QuestionRef & { text: string })[], mood: number, reasonOption: number | null): DemoAnswer[] {
  const answers: DemoAnswer[] = [];
  let wroteText = false;
  for (const question of questions) {
    switch (question.type) {
      case 'likert5':
        answers.push({ questionId: question.id, value: likertAnswer(rng, question.driverKey, mood) });
        break;
      case 'enps':
        answers.push({ questionId: question.id, value: enpsAnswer(rng, mood) });
        break;
      case 'single_choice': {
        const options = question.options?.length ?? 1;
        const reason = /reason/i.test(question.text) && reasonOption !== null && reasonOption < options;
        answers.push({ questionId: question.id, value: reason ? reasonOption : clamp(Math.round(rng.normal(mood < 0 ? 1.3 : 0.6, 0.7)), 0, options - 1) });
        break;
      }
      case 'text':
        if (!wroteText) answers.push({ questionId: question.id, text: rng.pick(STAY_COMMENTS) });
        wroteText = true;
        break;
      case 'multi_choice':
        break;
    }
  }
  return answers;
}

/** What the demo's people said in one team and month, as the EX → CX report reads it. */
export interface ExCell {
  readonly unitExternalId: string;
  /** YYYY-MM */
  readonly month: string;
  readonly respondents: number;
  /** 100 × (promoters − detractors) / eNPS answers. */
  readonly enps: number;
  /** Mean of the engagement driver's answers, rescaled (x − 1) / 4 × 100. */
  readonly engagement: number;
  readonly customerFacing: boolean;
}

export interface CxFigure {
  readonly unitExternalId: string;
  readonly metric: 'csat' | 'nps';
  readonly period: string;
  readonly value: number;
  readonly n: number;
}

/**
 * The customer figures of every team and month, built from what the team's people said that
 * month. Over the team-months of at least `k` respondents (the ones the report can show), with z
 * the standardised measured EX and e standardised noise made uncorrelated with z:
 *
 *   CSAT = 4.1 + 0.3 × (ρ·z(eNPS) + √(1 − ρ²)·e)         (1–5, two decimals)
 *   NPS  = 30 + 15 × (ρ·z(engagement) + √(1 − ρ²)·e′)    (−100…100, one decimal)
 *
 * so Pearson's r between measured eNPS and CSAT, and between measured engagement and NPS, over
 * those team-months is ρ = {@link CX_CORRELATION} (up to rounding and the rare clipped value): the
 * strength is known exactly, and the rest is noise. Months a team cannot be shown get figures from
 * noise alone (they are never paired). Customer-facing teams hear from 120–400 customers a month,
 * the others from 15–60 internal ones.
 */
export function cxFigures(rng: Random, cells: readonly ExCell[], k: number, rho = CX_CORRELATION): CxFigure[] {
  const shown = cells.map((cell) => cell.respondents >= k);
  const signal = (values: number[]) => {
    const z = standardised(values.filter((_, i) => shown[i]));
    let j = 0;
    return values.map((_, i) => (shown[i] ? z[j++]! : 0));
  };
  const noiseAgainst = (z: number[]) => {
    const raw = cells.map(() => rng.normal());
    const e = uncorrelated(raw.filter((_, i) => shown[i]), z.filter((_, i) => shown[i]));
    let j = 0;
    return raw.map((value, i) => (shown[i] ? e[j++]! : value));
  };
  const zEnps = signal(cells.map((cell) => cell.enps));
  const zEngagement = signal(cells.map((cell) => cell.engagement));
  const eCsat = noiseAgainst(zEnps);
  const eNps = noiseAgainst(zEngagement);
  const noise = Math.sqrt(1 - rho * rho);
  return cells.flatMap((cell, i) => {
    const n = cell.customerFacing ? rng.int(120, 400) : rng.int(15, 60);
    const csat = clamp(4.1 + 0.3 * (rho * zEnps[i]! + noise * eCsat[i]!), 1, 5);
    const nps = clamp(30 + 15 * (rho * zEngagement[i]! + noise * eNps[i]!), -100, 100);
    return [
      { unitExternalId: cell.unitExternalId, metric: 'csat' as const, period: cell.month, value: Math.round(csat * 100) / 100, n },
      { unitExternalId: cell.unitExternalId, metric: 'nps' as const, period: cell.month, value: Math.round(nps * 10) / 10, n },
    ];
  });
}

/** Mean 0, sample standard deviation 1 (all zeros when the values do not vary). */
function standardised(values: readonly number[]): number[] {
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(values.length - 1, 1));
  return values.map((value) => (sd > 0 ? (value - mean) / sd : 0));
}

/** `noise` with its least-squares part along `z` (mean 0) removed, standardised: uncorrelated with z. */
function uncorrelated(noise: readonly number[], z: readonly number[]): number[] {
  const centred = standardised(noise);
  const zz = z.reduce((a, b) => a + b * b, 0);
  const beta = zz > 0 ? centred.reduce((a, value, i) => a + value * z[i]!, 0) / zz : 0;
  return standardised(centred.map((value, i) => value - beta * z[i]!));
}
