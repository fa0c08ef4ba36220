import type { UnitParents } from '#src/analytics/anonymity-guard.js';
import { isWithin } from '#src/modules/units/domain/unit-tree.js';
import type { SegmentFilters } from './domain/segment-filters.js';

/** Every unit a segment admits: its units and all their sub-units (none when it does not filter on units). */
function segmentUnits(filters: SegmentFilters, parents: UnitParents): string[] | null {
  const listed = filters.unitIds;
  if (!listed) return null;
  return [...parents.keys()].filter((unit) => listed.some((top) => isWithin(unit, top, parents)));
}

/**
 * SQL conditions (joined with AND; `TRUE` for none) that keep the rows matching a segment, each
 * value bound as a new parameter appended to `params`. `columns` names the SQL expression of each
 * dimension the caller can filter on; a filter of the segment whose column is not given is the
 * caller's to apply (or to refuse).
 */
export function segmentSql(
  filters: SegmentFilters,
  parents: UnitParents,
  params: unknown[],
  columns: { unit?: string; stage?: string; tenurePhase?: string; location?: string; employmentType?: string; referralHire?: string },
): string {
  const bind = (value: unknown, type: string) => {
    params.push(value);
    return `$${params.length}::${type}`;
  };
  const parts: string[] = [];
  const units = segmentUnits(filters, parents);
  if (units && columns.unit) parts.push(`${columns.unit} = ANY(${bind(units, 'uuid[]')})`);
  if (filters.stages && columns.stage) parts.push(`${columns.stage} = ANY(${bind(filters.stages, 'text[]')})`);
  if (filters.tenurePhases && columns.tenurePhase) parts.push(`${columns.tenurePhase} = ANY(${bind(filters.tenurePhases, 'text[]')})`);
  if (filters.locations && columns.location) parts.push(`${columns.location} = ANY(${bind(filters.locations, 'text[]')})`);
  if (filters.employmentTypes && columns.employmentType) parts.push(`${columns.employmentType} = ANY(${bind(filters.employmentTypes, 'text[]')})`);
  if (filters.referralHire !== undefined && columns.referralHire) parts.push(`${columns.referralHire} = ${bind(filters.referralHire, 'boolean')}`);
  return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
}

/** The columns of a survey snapshot (`survey_segment_counts`, `survey_responses`) under an alias. */
export function snapshotColumns(alias: string) {
  return {
    unit: `${alias}.unit_id`,
    stage: `${alias}.stage`,
    tenurePhase: `${alias}.tenure_phase`,
    location: `${alias}.location`,
    employmentType: `${alias}.employment_type`,
    referralHire: `${alias}.referral_hire`,
  };
}
