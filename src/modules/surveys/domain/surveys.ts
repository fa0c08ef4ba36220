import type { Stage, TenurePhase } from '#src/modules/employees/domain/journey.js';
import type { AskedQuestion } from './questions.js';

export const SURVEY_KINDS = ['pulse', 'lifecycle', 'adhoc'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

export const CADENCES = ['weekly', 'biweekly', 'monthly', 'quarterly'] as const;
export type Cadence = (typeof CADENCES)[number];

/** Who a round invites; an empty list does not restrict. Units include their sub-units. */
export interface Audience {
  readonly unitIds: string[];
  readonly stages: Stage[];
  readonly tenurePhases: TenurePhase[];
  readonly locations: string[];
}

/** Stages of people who work here: candidates (`attract`, `hire`) and leavers are not surveyed by default. */
export const DEFAULT_AUDIENCE_STAGES: Stage[] = ['onboard', 'engage', 'perform', 'develop'];

/** The instant the round after one opened at `from` is due. Months clamp to their last day. */
export function nextRoundAt(cadence: Cadence, from: Date): Date {
  const next = new Date(from);
  switch (cadence) {
    case 'weekly':
      next.setUTCDate(next.getUTCDate() + 7);
      return next;
    case 'biweekly':
      next.setUTCDate(next.getUTCDate() + 14);
      return next;
    case 'monthly':
      return addUtcMonths(from, 1);
    case 'quarterly':
      return addUtcMonths(from, 3);
  }
}

function addUtcMonths(from: Date, months: number): Date {
  const target = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(from.getUTCDate(), lastDay));
  target.setUTCHours(from.getUTCHours(), from.getUTCMinutes(), from.getUTCSeconds(), from.getUTCMilliseconds());
  return target;
}

/**
 * The questions round `roundNumber` (1-based) of a pulse asks. eNPS questions are asked every
 * round. The others are interleaved by driver — the first question of each driver, then the second
 * of each, and so on — and each round takes the next `perRound` of that cycle, so every driver is
 * asked within ⌈drivers / perRound⌉ rounds and every question within ⌈questions / perRound⌉.
 * `perRound` null (or at least the number of questions) asks them all.
 */
export function pulseSelection(questions: readonly AskedQuestion[], perRound: number | null, roundNumber: number): AskedQuestion[] {
  const always = questions.filter((q) => q.type === 'enps');
  const rotating = interleaveByDriver(questions.filter((q) => q.type !== 'enps'));
  if (perRound === null || perRound >= rotating.length) return [...questions];
  const start = ((roundNumber - 1) * perRound) % rotating.length;
  const chosen = new Set(Array.from({ length: perRound }, (_, i) => rotating[(start + i) % rotating.length]!.id));
  // Keep the survey's own order in what is asked.
  return questions.filter((q) => q.type === 'enps' ? always.includes(q) : chosen.has(q.id));
}

/** Round-robin over drivers (in order of first appearance; questions without a driver form one group). */
export function interleaveByDriver(questions: readonly AskedQuestion[]): AskedQuestion[] {
  const groups = new Map<string, AskedQuestion[]>();
  for (const question of questions) {
    const key = question.driverKey ?? '';
    groups.set(key, [...(groups.get(key) ?? []), question]);
  }
  const lists = [...groups.values()];
  const longest = Math.max(0, ...lists.map((list) => list.length));
  const result: AskedQuestion[] = [];
  for (let i = 0; i < longest; i++) for (const list of lists) if (list[i]) result.push(list[i]);
  return result;
}
