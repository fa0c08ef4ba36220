import type { UnitParents } from '#src/analytics/anonymity-guard.js';
import type { ReportSegment } from '#src/modules/segments/domain/segment-filters.js';
import { segmentSql } from '#src/modules/segments/segment-sql.js';
import type { Queryable } from '#src/modules/tenancy/tenant-calendar.js';
import { subtreeSql } from '#src/modules/units/unit-tree.js';
import { tenurePhaseSql } from './domain/tenure-phase.js';

/**
 * People employed on a local day (start date on or before it, end date not before it), with the
 * unit and manager they had then (their assignment in force at the end of that day; someone whose
 * first known assignment is later, e.g. imported after their start, counts with that first one),
 * grouped by `key`, within a unit's subtree when `$2` is set, and matching `where` (over the
 * `staff` columns). Placeholders: $1 tenant, $2 unit, $3 day, $4 time zone.
 */
export function headcountSql(key: string, where = 'TRUE'): string {
  return `${subtreeSql('$1', '$2')},
    staff AS (
      SELECT ${tenurePhaseSql('$3', 'NULL')} AS phase, e.start_date, a.unit_id, a.manager_id,
             e.location, e.employment_type, e.referred_by_id IS NOT NULL AS referral_hire
      FROM employees e
      LEFT JOIN LATERAL (
        SELECT x.unit_id, x.manager_id FROM employee_assignments x
        WHERE x.tenant_id = e.tenant_id AND x.employee_id = e.id
        ORDER BY (x.valid_from < ($3::date + 1)::timestamp AT TIME ZONE $4) DESC,
                 CASE WHEN x.valid_from < ($3::date + 1)::timestamp AT TIME ZONE $4 THEN x.valid_from END DESC,
                 x.valid_from
        LIMIT 1
      ) a ON true
      WHERE e.tenant_id = $1 AND e.start_date <= $3::date AND (e.end_date IS NULL OR e.end_date >= $3::date)
    )
    SELECT ${key} AS key, count(*)::int AS n FROM staff
    WHERE ($2::uuid IS NULL OR unit_id IN (SELECT id FROM subtree)) AND ${where}
    GROUP BY 1`;
}

/** The columns a segment filters `staff` rows on (the same names serve other per-person queries). */
export const STAFF_SEGMENT_COLUMNS = { unit: 'unit_id', tenurePhase: 'phase', location: 'location', employmentType: 'employment_type', referralHire: 'referral_hire' };

/**
 * Headcount per key on a day; with a segment, of the people it admits: their unit and tenure
 * phase on the day, their location, employment type and referral hire as they are now (the
 * segment's stages are the caller's to refuse: no stage is kept per day).
 */
export async function headcountOn(
  db: Queryable,
  tenantId: string,
  unitId: string | null,
  day: string,
  timezone: string,
  key = `''`,
  segment: { readonly applied: ReportSegment; readonly parents: UnitParents } | null = null,
): Promise<Map<string | null, number>> {
  const params: unknown[] = [tenantId, unitId, day, timezone];
  const where = segment ? segmentSql(segment.applied.filters, segment.parents, params, STAFF_SEGMENT_COLUMNS) : 'TRUE';
  const rows = (await db.query(headcountSql(key, where), params)) as { key: string | null; n: number }[];
  return new Map(rows.map((row) => [row.key === '' ? null : row.key, row.n]));
}
