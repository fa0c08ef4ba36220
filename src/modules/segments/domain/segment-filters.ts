import type { SegmentSets } from '#src/analytics/anonymity-guard.js';
import type { EmploymentType, Stage, TenurePhase } from '#src/modules/employees/domain/journey.js';

/** A segment's filters as stored: each dimension admits any of its values; absent dimensions are not filtered on. */
export interface SegmentFilters {
  /** These units and all their sub-units. */
  readonly unitIds?: readonly string[];
  readonly stages?: readonly Stage[];
  readonly tenurePhases?: readonly TenurePhase[];
  readonly locations?: readonly string[];
  readonly employmentTypes?: readonly EmploymentType[];
  /** Hired through a referral (true) or not (false). */
  readonly referralHire?: boolean;
}

export const FILTER_NAMES = ['unitIds', 'stages', 'tenurePhases', 'locations', 'employmentTypes', 'referralHire'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

/** A segment as a report applies it. */
export interface ReportSegment {
  readonly id: string;
  readonly name: string;
  readonly filters: SegmentFilters;
  /** The filters in the anonymity guard's terms. */
  readonly sets: SegmentSets;
}

/** The filters with each list's duplicates removed and its values sorted, absent dimensions left out: what is stored. */
export function normalizeFilters(filters: SegmentFilters): SegmentFilters {
  const list = <T extends string>(values: readonly T[] | undefined) => (values === undefined ? undefined : [...new Set(values)].sort());
  const normalized = {
    unitIds: list(filters.unitIds),
    stages: list(filters.stages),
    tenurePhases: list(filters.tenurePhases),
    locations: list(filters.locations),
    employmentTypes: list(filters.employmentTypes),
    referralHire: filters.referralHire,
  };
  return Object.fromEntries(Object.entries(normalized).filter(([, value]) => value !== undefined)) as SegmentFilters;
}

/** The dimensions a segment filters on, in a fixed order. */
export function filteredDimensions(filters: SegmentFilters): FilterName[] {
  return FILTER_NAMES.filter((name) => filters[name] !== undefined);
}

/** The filters in the anonymity guard's terms (referral hire as `yes` or `no`, as survey snapshots hold it). */
export function toSets(filters: SegmentFilters): SegmentSets {
  return {
    ...(filters.unitIds ? { unitIds: filters.unitIds } : {}),
    ...(filters.stages ? { stage: filters.stages } : {}),
    ...(filters.tenurePhases ? { tenurePhase: filters.tenurePhases } : {}),
    ...(filters.locations ? { location: filters.locations } : {}),
    ...(filters.employmentTypes ? { employmentType: filters.employmentTypes } : {}),
    ...(filters.referralHire !== undefined ? { referralHire: [filters.referralHire ? 'yes' : 'no'] } : {}),
  };
}

/** The name as compared for uniqueness (case-insensitively) and sorted by. */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}
