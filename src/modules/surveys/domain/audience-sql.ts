import { INITIAL_DEVELOPMENT_FROM_MONTHS, ONGOING_DEVELOPMENT_FROM_MONTHS } from '#src/modules/employees/domain/tenure-phase.js';

/**
 * The SQL twin of `tenurePhase()` for employees aliased `e`, on the local date in parameter
 * `$today` (written in as `todayParam`, e.g. `$2`).
 */
export function tenurePhaseSql(todayParam: string): string {
  const at = (months: number) => `(e.start_date + interval '${months} months')::date`;
  return `CASE WHEN e.stage = 'depart' THEN 'separation'
               WHEN e.start_date IS NULL THEN NULL
               WHEN ${todayParam}::date < ${at(INITIAL_DEVELOPMENT_FROM_MONTHS)} THEN 'onboarding'
               WHEN ${todayParam}::date < ${at(ONGOING_DEVELOPMENT_FROM_MONTHS)} THEN 'initial_development'
               ELSE 'ongoing_development' END`;
}
