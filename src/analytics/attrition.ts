/**
 * Attrition figures, from headcounts and the period's exits. Pure and documented in
 * docs/separations.md ("Attrition: the formulas"); the service gathers the inputs.
 */
import { addMonths, tenurePhase } from '#src/modules/employees/domain/tenure-phase.js';
import { roundTo } from './rounding.js';

/** One separation, as the formulas need it. */
export interface ExitFact {
  readonly type: 'voluntary' | 'involuntary' | 'retirement' | 'end_of_contract';
  readonly regrettable: boolean | null;
  readonly primaryReason: string;
  readonly secondaryReasons: readonly string[];
  /** `YYYY-MM-DD`, or null when the employee had no start date. */
  readonly startDate: string | null;
  readonly lastWorkingDay: string;
  readonly alumniOptIn: boolean;
}

export type ExitTenurePhase = 'onboarding' | 'initial_development' | 'ongoing_development' | 'unknown';

export interface AttritionFigures {
  readonly headcountStart: number;
  readonly headcountEnd: number;
  /** (start + end) / 2. */
  readonly averageHeadcount: number;
  readonly separations: number;
  /** separations / average headcount; null when the average is 0. */
  readonly attritionRate: number | null;
  /** attritionRate × 365 / days in the period. */
  readonly annualisedRate: number | null;
  readonly voluntary: number;
  readonly voluntaryRate: number | null;
  readonly regrettable: number;
  readonly regrettableRate: number | null;
  readonly earlyAttrition: {
    /** Leavers whose last working day came less than 90 days after their start date. */
    readonly within90Days: number;
    /** Leavers whose last working day came before the first anniversary of their start date. */
    readonly within12Months: number;
    /** Shares of the separations (null without separations). */
    readonly shareWithin90Days: number | null;
    readonly shareWithin12Months: number | null;
  };
  readonly reasons: { readonly primary: Record<string, number>; readonly secondary: Record<string, number> };
  readonly tenurePhaseAtExit: Record<ExitTenurePhase, number>;
  readonly alumniOptIns: number;
  /** alumni opt-ins / separations. */
  readonly alumniOptInRate: number | null;
}

/** Days from `from` to `to`, both included (`2026-01-01`…`2026-01-31` is 31). */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The tenure phase someone was in on their last working day (never `separation`). */
export function tenurePhaseAtExit(startDate: string | null, lastWorkingDay: string): ExitTenurePhase {
  // Any stage but depart: the phase they were in while still here.
  return (tenurePhase('engage', startDate, lastWorkingDay) as Exclude<ExitTenurePhase, 'unknown'> | null) ?? 'unknown';
}

/**
 * The figures of one group. Groups that have no headcount of their own (a reason, a type) take
 * the whole population's, so their rates add up to the overall rate.
 */
export function attritionFigures(input: {
  readonly headcountStart: number;
  readonly headcountEnd: number;
  readonly exits: readonly ExitFact[];
  readonly days: number;
}): AttritionFigures {
  const { headcountStart, headcountEnd, exits, days } = input;
  const averageHeadcount = (headcountStart + headcountEnd) / 2;
  const base = averageHeadcount;
  const rate = (count: number) => (base > 0 ? roundTo(count / base, 4) : null);
  const share = (count: number) => (exits.length > 0 ? roundTo(count / exits.length, 4) : null);
  const separations = exits.length;
  const voluntary = exits.filter((e) => e.type === 'voluntary').length;
  const regrettable = exits.filter((e) => e.regrettable === true).length;
  const within90Days = exits.filter((e) => e.startDate !== null && daysInclusive(e.startDate, e.lastWorkingDay) - 1 < 90).length;
  const within12Months = exits.filter((e) => e.startDate !== null && e.lastWorkingDay < addMonths(e.startDate, 12)).length;
  const primary: Record<string, number> = {};
  const secondary: Record<string, number> = {};
  const phases: Record<ExitTenurePhase, number> = { onboarding: 0, initial_development: 0, ongoing_development: 0, unknown: 0 };
  for (const exit of exits) {
    primary[exit.primaryReason] = (primary[exit.primaryReason] ?? 0) + 1;
    for (const reason of exit.secondaryReasons) secondary[reason] = (secondary[reason] ?? 0) + 1;
    phases[tenurePhaseAtExit(exit.startDate, exit.lastWorkingDay)] += 1;
  }
  const attritionRate = rate(separations);
  const alumniOptIns = exits.filter((e) => e.alumniOptIn).length;
  return {
    headcountStart,
    headcountEnd,
    averageHeadcount,
    separations,
    attritionRate,
    annualisedRate: base > 0 ? roundTo((separations / base) * (365 / days), 4) : null,
    voluntary,
    voluntaryRate: rate(voluntary),
    regrettable,
    regrettableRate: rate(regrettable),
    earlyAttrition: { within90Days, within12Months, shareWithin90Days: share(within90Days), shareWithin12Months: share(within12Months) },
    reasons: { primary: sortedKeys(primary), secondary: sortedKeys(secondary) },
    tenurePhaseAtExit: phases,
    alumniOptIns,
    alumniOptInRate: share(alumniOptIns),
  };
}

/** The signals of a unit's retention risk, each from 0 to 1 (null when not measurable). */
export interface RiskSignals {
  /** Share of eNPS detractors (0–6) among the unit's eNPS answers in the recent window. */
  readonly detractorShare: number | null;
  /** Participation in the previous window minus the recent one, when it fell (0 otherwise). */
  readonly participationDrop: number | null;
  /** Engagement mean in the previous window minus the recent one, over 4 (the 1–5 scale's span), when it fell. */
  readonly engagementDrop: number | null;
  /** Share of the unit's people 3 to 12 months in: the tenure when leaving is most common. */
  readonly earlyTenureShare: number | null;
  /** Regrettable exits of the last 12 months over the headcount, at most 1. */
  readonly regrettableExits: number | null;
}

/** How much each signal weighs in the score (they add up to 1). */
export const RISK_WEIGHTS: Readonly<Record<keyof RiskSignals, number>> = {
  detractorShare: 0.3,
  engagementDrop: 0.25,
  regrettableExits: 0.2,
  participationDrop: 0.15,
  earlyTenureShare: 0.1,
};

export interface RiskScore {
  /** 0–100: 100 × Σ weight × signal over the measurable signals, rescaled by the weight they carry. */
  readonly score: number | null;
  /** Each signal's points in the score (they add up to it, but for rounding). */
  readonly contributions: Record<keyof RiskSignals, number | null>;
}

/**
 * An explainable retention-risk score: a weighted sum of published signals, each returned with its
 * points. Signals that cannot be measured (no previous window, no eNPS question asked) are left out
 * and the others rescaled to their share of the weights, so a unit is not scored low for missing
 * data; with no measurable signal at all there is no score.
 */
export function retentionRisk(signals: RiskSignals): RiskScore {
  const keys = Object.keys(RISK_WEIGHTS) as (keyof RiskSignals)[];
  const present = keys.filter((key) => signals[key] !== null);
  const carried = present.reduce((sum, key) => sum + RISK_WEIGHTS[key], 0);
  // Unrounded points, so that the score is the rounded sum rather than a sum of roundings.
  const points = new Map(present.map((key) => [key, (100 * RISK_WEIGHTS[key] * clamp01(signals[key]!)) / carried]));
  const contributions = Object.fromEntries(keys.map((key) => [key, points.has(key) ? roundTo(points.get(key)!, 2) : null])) as Record<keyof RiskSignals, number | null>;
  if (carried === 0) return { score: null, contributions };
  return { score: roundTo([...points.values()].reduce((a, b) => a + b, 0), 2), contributions };
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

function sortedKeys(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a, x], [b, y]) => y - x || a.localeCompare(b)));
}
