/**
 * The anonymity guard for survey results. Responses are anonymous and keep only a segment
 * snapshot, so the only way to de-anonymise someone is to read results for a group that is too
 * small, either directly or by subtracting one shown result from another. These pure functions
 * decide which results may be shown; they never see answers, only respondent counts per segment.
 */

/** Respondents of one distinct segment (count ≥ 1). A null dimension cannot be filtered on. */
export interface SegmentCell {
  readonly unitId: string | null;
  readonly tenurePhase: string | null;
  readonly stage: string | null;
  readonly location: string | null;
  readonly count: number;
}

/** A conjunction of optional constraints; `unitId` admits the unit and all its sub-units. */
export interface SegmentFilter {
  readonly unitId?: string;
  readonly tenurePhase?: string;
  readonly stage?: string;
  readonly location?: string;
}

/** The org tree: unit → parent (null for roots). Units missing from the map are roots. */
export type UnitParents = ReadonlyMap<string, string | null>;

export type Visibility =
  | { readonly shown: true; readonly count: number }
  | { readonly shown: false; readonly count: number; readonly reason: 'below_threshold' | 'differencing' };

/** The equality dimensions, in a fixed order so that bit i of a mask means `EQUALITY_KEYS[i]`. */
const EQUALITY_KEYS = ['tenurePhase', 'stage', 'location'] as const;

type Ancestry = (unitId: string) => ReadonlySet<string>;

/**
 * Memoised ancestors-or-self of a unit. One per call, so a results request walks each unit's
 * chain once however many cells share it. A cycle in `parents` (corrupt data) is cut where it
 * closes rather than looping forever; every function here uses this same notion of "sub-unit",
 * which is what keeps the superset enumeration in `visibility` complete even then.
 */
function ancestry(parents: UnitParents): Ancestry {
  const cache = new Map<string, ReadonlySet<string>>();
  return (unitId) => {
    let set = cache.get(unitId);
    if (!set) {
      const chain = new Set<string>();
      for (let u: string | null | undefined = unitId; u != null && !chain.has(u); u = parents.get(u)) chain.add(u);
      set = chain;
      cache.set(unitId, set);
    }
    return set;
  };
}

function matchesWith(cell: SegmentCell, filter: SegmentFilter, ancestorsOf: Ancestry): boolean {
  for (const key of EQUALITY_KEYS) {
    const wanted = filter[key];
    if (wanted !== undefined && cell[key] !== wanted) return false;
  }
  if (filter.unitId === undefined) return true;
  // A respondent without a unit is outside every unit, though still inside the whole company.
  return cell.unitId !== null && ancestorsOf(cell.unitId).has(filter.unitId);
}

/** Whether cell matches filter. */
export function matches(cell: SegmentCell, filter: SegmentFilter, parents: UnitParents): boolean {
  return matchesWith(cell, filter, ancestry(parents));
}

/** Respondents matching the filter (unit includes sub-units). */
export function countMatching(cells: readonly SegmentCell[], filter: SegmentFilter, parents: UnitParents): number {
  const ancestorsOf = ancestry(parents);
  let total = 0;
  for (const cell of cells) if (matchesWith(cell, filter, ancestorsOf)) total += cell.count;
  return total;
}

/**
 * Rules 1 and 2. `count` is |F| (callers never show it when not shown).
 *
 * Rule 1: fewer than k respondents is `below_threshold`. Rule 2: F is refused (`differencing`)
 * when some filter G with pop(G) ⊇ pop(F) has 0 < |G| − |F| < k, since showing both would expose
 * the small group "G minus F". The check is stateless: because every request runs it, of two
 * nested results with a small difference the inner one is always refused, so they are never both
 * shown, whichever is asked first. Containment is judged on the actual respondents, not on the
 * filter's shape, so coincidences (every respondent of a team happens to be in Lyon) are caught.
 *
 * The supersets are enumerated exactly: per dimension G must admit every value pop(F) takes
 * there, i.e. no constraint, or (equality dimensions) the single non-null value pop(F) has, or
 * (unit) a common ancestor-or-self of all of pop(F)'s units. Their product holds at most
 * (depth + 2) × 8 filters, and each |G| − |F| is read off a table built in one pass over the
 * cells outside F, so the cost is O(cells × depth).
 */
export function visibility(cells: readonly SegmentCell[], filter: SegmentFilter, parents: UnitParents, k: number): Visibility {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`anonymity threshold must be a positive integer, got ${k}`);
  const ancestorsOf = ancestry(parents);
  const inside: SegmentCell[] = [];
  const outside: SegmentCell[] = [];
  let count = 0;
  for (const cell of cells) {
    if (matchesWith(cell, filter, ancestorsOf)) {
      inside.push(cell);
      count += cell.count;
    } else outside.push(cell);
  }
  if (count < k) return { shown: false, count, reason: 'below_threshold' };

  // Equality dimensions: the value pop(F) takes, when it takes exactly one non-null value.
  const single = EQUALITY_KEYS.map((key) => {
    const values = new Set(inside.map((cell) => cell[key]));
    const [only] = values;
    return values.size === 1 && only !== null ? only : undefined;
  });
  // Unit dimension: the common ancestors-or-self of pop(F)'s units (none if one has no unit).
  let common: Set<string> | undefined;
  for (const unitId of new Set(inside.map((cell) => cell.unitId))) {
    const chain = unitId === null ? new Set<string>() : ancestorsOf(unitId);
    common = common ? new Set([...common].filter((u) => chain.has(u))) : new Set(chain);
    if (common.size === 0) break;
  }
  const unitOptions: (string | undefined)[] = [undefined, ...(common ?? [])];

  // extra[u][mask]: respondents outside F that match unit option u and agree with F's single
  // values exactly on the equality dimensions in `mask`.
  const extra = unitOptions.map(() => new Array<number>(1 << EQUALITY_KEYS.length).fill(0));
  for (const cell of outside) {
    let mask = 0;
    EQUALITY_KEYS.forEach((key, i) => {
      if (single[i] !== undefined && cell[key] === single[i]) mask |= 1 << i;
    });
    const chain = cell.unitId === null ? undefined : ancestorsOf(cell.unitId);
    unitOptions.forEach((unit, u) => {
      if (unit === undefined || chain?.has(unit)) extra[u]![mask]! += cell.count;
    });
  }

  // Each superset G is (unit option, set of constrained equality dimensions).
  let constrainable = 0;
  single.forEach((value, i) => {
    if (value !== undefined) constrainable |= 1 << i;
  });
  for (const row of extra) {
    for (let required = constrainable; ; required = (required - 1) & constrainable) {
      let difference = 0;
      row.forEach((n, mask) => {
        if ((mask & required) === required) difference += n;
      });
      if (difference > 0 && difference < k) return { shown: false, count, reason: 'differencing' };
      if (required === 0) break;
    }
  }
  return { shown: true, count };
}

/**
 * Rule 3. Returns the keys of the groups to suppress (complementary suppression included).
 *
 * In a group-by view the parent (count `parentCount`, already shown) sits beside its children, so
 * whatever the shown children leave uncovered, P − Σ visible, is itself a disclosed group. Groups
 * that are not showable (or under k) are suppressed first; then, while the suppressed total or
 * the uncovered remainder is between 1 and k − 1, the smallest visible group is suppressed too
 * (ties broken by key, so the outcome is deterministic). The remainder includes respondents of
 * the parent that belong to no group (e.g. without a unit), which is why it is checked apart.
 * When every group ends up suppressed the remainder is the parent itself.
 */
export function suppressInPartition(
  parentCount: number,
  groups: readonly { readonly key: string; readonly count: number; readonly showable: boolean }[],
  k: number,
): Set<string> {
  const suppressed = new Set<string>();
  let suppressedTotal = 0;
  let visibleTotal = 0;
  const visible: { readonly key: string; readonly count: number }[] = [];
  for (const group of groups) {
    if (!group.showable || group.count < k) {
      suppressed.add(group.key);
      suppressedTotal += group.count;
    } else {
      visible.push(group);
      visibleTotal += group.count;
    }
  }
  visible.sort((a, b) => b.count - a.count || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
  const small = (n: number) => n > 0 && n < k;
  while (visible.length > 0 && (small(suppressedTotal) || small(parentCount - visibleTotal))) {
    const smallest = visible.pop()!;
    suppressed.add(smallest.key);
    suppressedTotal += smallest.count;
    visibleTotal -= smallest.count;
  }
  return suppressed;
}
