import type { Stage, TenurePhase } from './journey.js';

/** Months after the start date at which each phase begins (Peakon's tenure phases). */
export const INITIAL_DEVELOPMENT_FROM_MONTHS = 3;
export const ONGOING_DEVELOPMENT_FROM_MONTHS = 9;

/**
 * The tenure phase of an employee on a given local day, derived from the stage and start date:
 * `separation` once departed; otherwise `onboarding` before 3 months, `initial_development` from
 * 3 to before 9 months, `ongoing_development` from 9 months on. Months are calendar months as
 * PostgreSQL counts them (31 January + 1 month = the last day of February), so the SQL filter and
 * this function agree. Someone who has not started yet is `onboarding`; no start date → null.
 *
 * @param startDate `YYYY-MM-DD`, or null
 * @param today the tenant's local date, `YYYY-MM-DD`
 */
export function tenurePhase(stage: Stage, startDate: string | null, today: string): TenurePhase | null {
  if (stage === 'depart') return 'separation';
  if (!startDate) return null;
  if (today < addMonths(startDate, INITIAL_DEVELOPMENT_FROM_MONTHS)) return 'onboarding';
  if (today < addMonths(startDate, ONGOING_DEVELOPMENT_FROM_MONTHS)) return 'initial_development';
  return 'ongoing_development';
}

/** `YYYY-MM-DD` plus whole calendar months, clamped to the last day of the target month. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(targetYear, 4)}-${pad(targetMonth)}-${pad(Math.min(day, lastDay))}`;
}

/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than using one. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The local calendar date (`YYYY-MM-DD`) of an instant in an IANA time zone. */
export function localDate(instant: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format.format(instant);
}

/**
 * The SQL twin of {@link tenurePhase} for employees aliased `e`, on the local date held by the
 * placeholder `todayParam` (`$2`, `:today`): PostgreSQL's `date + interval 'n months'` clamps
 * month ends the same way, so both agree. `stageSql` replaces `e.stage` (e.g. `NULL` for the phase
 * of someone employed on that day, whatever their stage now).
 */
export function tenurePhaseSql(todayParam: string, stageSql = 'e.stage'): string {
  const at = (months: number) => `(e.start_date + interval '${months} months')::date`;
  return `CASE WHEN ${stageSql} = 'depart' THEN 'separation'
               WHEN e.start_date IS NULL THEN NULL
               WHEN ${todayParam}::date < ${at(INITIAL_DEVELOPMENT_FROM_MONTHS)} THEN 'onboarding'
               WHEN ${todayParam}::date < ${at(ONGOING_DEVELOPMENT_FROM_MONTHS)} THEN 'initial_development'
               ELSE 'ongoing_development' END`;
}
