import { isoWeek } from '#src/modules/surveys/domain/iso-week.js';

/** Reporting periods: months `YYYY-MM`, ISO weeks `YYYY-Www`, quarters `YYYY-Qn`. */
export const GRANULARITIES = ['month', 'week', 'quarter'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

const DAY_MS = 86_400_000;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const WEEK = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

/** A period as its granularity and a running number (consecutive periods differ by 1). */
export interface PeriodIndex {
  readonly granularity: Granularity;
  readonly index: number;
}

/** Parses a period, or null when it is none (including week 53 of a year that has 52). */
export function parsePeriod(period: string): PeriodIndex | null {
  let m = MONTH.exec(period);
  if (m) return { granularity: 'month', index: Number(m[1]) * 12 + Number(m[2]) - 1 };
  m = QUARTER.exec(period);
  if (m) return { granularity: 'quarter', index: Number(m[1]) * 4 + Number(m[2]) - 1 };
  m = WEEK.exec(period);
  if (m) {
    const index = weekIndex(Number(m[1]), Number(m[2]));
    return formatPeriod({ granularity: 'week', index }) === period ? { granularity: 'week', index } : null;
  }
  return null;
}

/** The text of a period. */
export function formatPeriod({ granularity, index }: PeriodIndex): string {
  switch (granularity) {
    case 'month':
      return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    case 'quarter':
      return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
    case 'week':
      // Week 0 is the one starting Monday 1970-01-05 (day 4 of the Unix epoch).
      return isoWeek(new Date((index * 7 + 4) * DAY_MS).toISOString().slice(0, 10));
  }
}

/** The period `steps` periods after (or before, when negative) the given one. */
export function shiftPeriod(period: string, steps: number): string {
  const parsed = parsePeriod(period);
  if (!parsed) throw new RangeError(`${period} is not a period`);
  return formatPeriod({ granularity: parsed.granularity, index: parsed.index + steps });
}

/** The quarter a month lies in (`2026-05` → `2026-Q2`). */
export function quarterOfMonth(month: string): string {
  const parsed = parsePeriod(month);
  if (parsed?.granularity !== 'month') throw new RangeError(`${month} is not a month`);
  return formatPeriod({ granularity: 'quarter', index: Math.floor(parsed.index / 3) });
}

/** The first day (`YYYY-MM-DD`) of a period, and the first day after it. */
export function periodDays(period: string): { first: string; next: string } {
  const parsed = parsePeriod(period);
  if (!parsed) throw new RangeError(`${period} is not a period`);
  return { first: firstDay(parsed), next: firstDay({ ...parsed, index: parsed.index + 1 }) };
}

function firstDay({ granularity, index }: PeriodIndex): string {
  switch (granularity) {
    case 'month':
      return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
    case 'quarter':
      return `${Math.floor(index / 4)}-${String((index % 4) * 3 + 1).padStart(2, '0')}-01`;
    case 'week':
      return new Date((index * 7 + 4) * DAY_MS).toISOString().slice(0, 10);
  }
}

/** The running number of ISO week `week` of `year`: its Monday, counted in weeks from Monday 1970-01-05. */
function weekIndex(year: number, week: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = new Date(jan4).getUTCDay() || 7;
  const monday = jan4 / DAY_MS - (weekday - 1) + (week - 1) * 7;
  return Math.round((monday - 4) / 7);
}
