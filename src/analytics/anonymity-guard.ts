/**
 * The anonymity guard for survey results. Responses are anonymous and keep only a segment
 * snapshot, so the only way to de-anonymise someone is to read results for a group that is too
 * small, either directly or by subtracting one shown result from another. These pure functions
 * decide which results may be shown; they never see answers, only respondent counts per segment.
 */

/**
 * Respondents of one distinct segment (count ≥ 1). A null (or absent) dimension is unknown and
 * cannot be filtered on: employment type and referral hire are unknown for responses submitted
 * before they were part of the snapshot.
 */
export interface SegmentCell {
  readonly unitId: string | null;
  readonly tenurePhase: string | null;
  readonly stage: string | null;
  readonly location: string | null;
  readonly employmentType?: string | null;
  /** `yes` or `no`. */
  readonly referralHire?: string | null;
  readonly count: number;
}

/** The dimensions other than the unit, in a fixed order. */
export const SEGMENT_DIMENSIONS = ['tenurePhase', 'stage', 'location', 'employmentType', 'referralHire'] as const;
export type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];

/**
 * A saved segment's filters: per dimension, the values admitted (any of them); `unitIds` admits
 * those units and all their sub-units. An absent dimension is not filtered on.
 */
export type SegmentSets = { readonly [D in SegmentDimension]?: readonly string[] } & { readonly unitIds?: readonly string[] };

/**
 * A conjunction of optional constraints; `unitId` admits the unit and all its sub-units. A
 * `segment` adds its sets to the same conjunction (a report's own filters intersect it).
 */
export interface SegmentFilter {
  readonly unitId?: string;
  readonly tenurePhase?: string;
  readonly stage?: string;
  readonly location?: string;
  readonly segment?: SegmentSets;
}

/** The org tree: unit → parent (null for roots). Units missing from the map are roots. */
export type UnitParents = ReadonlyMap<string, string | null>;

export type Visibility =
  | { readonly shown: true; readonly count: number }
  | { readonly shown: false; readonly count: number; readonly reason: 'below_threshold' | 'differencing' };

/** The dimensions a report filters on with a single value. */
const SINGLE_KEYS = ['tenurePhase', 'stage', 'location'] as const;

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

const valueOf = (cell: SegmentCell, key: SegmentDimension): string | null => cell[key] ?? null;

/** Whether a unit is inside one of `units` (each with its sub-units); a null unit is inside none. */
function withinAny(unitId: string | null, units: readonly string[], ancestorsOf: Ancestry): boolean {
  if (unitId === null) return false;
  const chain = ancestorsOf(unitId);
  return units.some((unit) => chain.has(unit));
}

function matchesWith(cell: SegmentCell, filter: SegmentFilter, ancestorsOf: Ancestry): boolean {
  for (const key of SINGLE_KEYS) {
    const wanted = filter[key];
    if (wanted !== undefined && cell[key] !== wanted) return false;
  }
  const sets = filter.segment;
  if (sets) {
    for (const key of SEGMENT_DIMENSIONS) {
      const admitted = sets[key];
      if (admitted === undefined) continue;
      const value = valueOf(cell, key);
      if (value === null || !admitted.includes(value)) return false;
    }
    if (sets.unitIds !== undefined && !withinAny(cell.unitId, sets.unitIds, ancestorsOf)) return false;
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
 * The supersets G are the products of, per dimension, every constraint that admits all of pop(F):
 * - an equality dimension: no constraint; F's segment set, if it has one (dropping the report's
 *   own value there); the values pop(F) actually takes, when none is null (its single value, or
 *   the set a segment could name);
 * - the unit: no constraint; each common ancestor-or-self of pop(F)'s units; F's segment units, and
 *   those within each common ancestor; the units pop(F) actually has, with their sub-units, alone
 *   and with any one ancestor of one of them added.
 * So G ranges over F with any of its filters dropped (a report's and a segment's alike), and over
 * the tightest filters a saved segment could write around pop(F). Per dimension these options are
 * nested, so each |G| − |F| is read off a table of the respondents outside F by how far they
 * agree with F on each dimension (summed over the tighter levels): the cost is O(cells × unit
 * options + unit options × 3⁵), with about depth + the ancestors of pop(F)'s units unit options.
 *
 * A segment that admits several values of a dimension (several units) is also refused when one
 * of those values (units) holds 1 … k − 1 of its respondents: beside the segment without that
 * value, which then contains it, the difference would be that small group. Here the outer result
 * is refused, because the inner one (a segment with fewer values) cannot see it.
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
  const differencing: Visibility = { shown: false, count, reason: 'differencing' };
  if (filter.segment && hasSmallPart(inside, filter.segment, ancestorsOf, k)) return differencing;
  if (outside.length === 0) return { shown: true, count };

  // Per equality dimension, the constraints beyond "none", loosest first: each admits a subset of
  // what the one before admits, and all of pop(F).
  const levels = SEGMENT_DIMENSIONS.map((key) => {
    const options: ((value: string | null) => boolean)[] = [];
    const admitted = filter.segment?.[key];
    if (admitted !== undefined) options.push((value) => value !== null && admitted.includes(value));
    const taken = new Set(inside.map((cell) => valueOf(cell, key)));
    if (!taken.has(null) && (admitted === undefined || taken.size < new Set(admitted).size)) options.push((value) => taken.has(value));
    return options;
  });

  // Unit options (none when a respondent of F has no unit: only "no constraint" admits them).
  const insideUnits = new Set(inside.map((cell) => cell.unitId));
  const unitOptions: ((unitId: string | null) => boolean)[] = [() => true];
  // The units pop(F) has (each with its sub-units), alone and with one more ancestor of one of
  // them: a union of units that holds pop(F) is one of these plus units apart from pop(F), and a
  // segment's parts apart from it are 0 or at least k (above). `widened` holds those ancestors.
  let inOwn: ((unitId: string | null) => boolean) | undefined;
  let widened = new Set<string>();
  if (!insideUnits.has(null)) {
    let common: Set<string> | undefined;
    for (const unitId of insideUnits) {
      const chain = ancestorsOf(unitId!);
      common = common ? new Set([...common].filter((u) => chain.has(u))) : new Set(chain);
    }
    const within = (ancestor: string) => (unitId: string | null) => unitId !== null && ancestorsOf(unitId).has(ancestor);
    for (const ancestor of common ?? []) unitOptions.push(within(ancestor));
    const listed = filter.segment?.unitIds;
    if (listed !== undefined) {
      const inListed = (unitId: string | null) => withinAny(unitId, listed, ancestorsOf);
      unitOptions.push(inListed);
      for (const ancestor of common ?? []) unitOptions.push((unitId) => inListed(unitId) && within(ancestor)(unitId));
    }
    inOwn = (unitId) => unitId !== null && [...ancestorsOf(unitId)].some((unit) => insideUnits.has(unit));
    unitOptions.push(inOwn);
    widened = new Set([...insideUnits].flatMap((unitId) => [...ancestorsOf(unitId!)]).filter((unit) => !insideUnits.has(unit) && !common?.has(unit)));
  }

  // extra[u][levels]: respondents outside F admitted by unit option u whose agreement with F on
  // each equality dimension is exactly `levels` (mixed radix: dimension d has levels[d].length + 1).
  // A widened option admits what the units of pop(F) admit plus its ancestor's other respondents,
  // kept apart (added) per ancestor.
  const radix = levels.map((options) => options.length + 1);
  const size = radix.reduce((a, b) => a * b, 1);
  const extra = unitOptions.map(() => new Array<number>(size).fill(0));
  const beyondOwn = new Map([...widened].map((ancestor) => [ancestor, new Array<number>(size).fill(0)]));
  const unitMemo = new Map<string | null, boolean[]>();
  for (const cell of outside) {
    let index = 0;
    let stride = 1;
    levels.forEach((options, d) => {
      const value = valueOf(cell, SEGMENT_DIMENSIONS[d]!);
      let level = 0;
      while (level < options.length && options[level]!(value)) level += 1;
      index += level * stride;
      stride *= radix[d]!;
    });
    let admittedBy = unitMemo.get(cell.unitId);
    if (!admittedBy) {
      admittedBy = unitOptions.map((option) => option(cell.unitId));
      unitMemo.set(cell.unitId, admittedBy);
    }
    admittedBy.forEach((admitted, u) => {
      if (admitted) extra[u]![index]! += cell.count;
    });
    if (beyondOwn.size > 0 && cell.unitId !== null && !inOwn!(cell.unitId)) {
      for (const unit of ancestorsOf(cell.unitId)) {
        const table = beyondOwn.get(unit);
        if (table) table[index]! += cell.count;
      }
    }
  }
  const ownTable = extra.at(-1)!;
  for (const table of beyondOwn.values()) extra.push(table.map((n, index) => n + ownTable[index]!));

  // Summed over the tighter levels of every dimension, extra[u][levels] becomes |G| − |F| for the
  // superset G that requires at least `levels`: one check per product of options.
  for (const table of extra) {
    let stride = 1;
    for (const r of radix) {
      for (let index = size - 1; index >= 0; index--) {
        if (Math.floor(index / stride) % r < r - 1) table[index]! += table[index + stride]!;
      }
      stride *= r;
    }
    if (table.some((difference) => difference > 0 && difference < k)) return differencing;
  }
  return { shown: true, count };
}

/**
 * Whether one value of a segment's set (one of its units) holds 1 … k − 1 of the respondents
 * `inside` it. Listed units inside another listed unit are part of that one.
 */
function hasSmallPart(inside: readonly SegmentCell[], sets: SegmentSets, ancestorsOf: Ancestry, k: number): boolean {
  const small = (parts: Map<string | null, number>) => [...parts.values()].some((n) => n > 0 && n < k);
  for (const key of SEGMENT_DIMENSIONS) {
    if (sets[key] === undefined || new Set(sets[key]).size < 2) continue;
    const parts = new Map<string | null, number>();
    for (const cell of inside) parts.set(valueOf(cell, key), (parts.get(valueOf(cell, key)) ?? 0) + cell.count);
    if (small(parts)) return true;
  }
  const listed = sets.unitIds;
  if (listed !== undefined && listed.length > 1) {
    const outermost = listed.filter((unit) => !listed.some((other) => other !== unit && ancestorsOf(unit).has(other)));
    const parts = new Map<string | null, number>();
    for (const cell of inside) {
      const chain = ancestorsOf(cell.unitId!);
      const part = outermost.find((unit) => chain.has(unit)) ?? null;
      parts.set(part, (parts.get(part) ?? 0) + cell.count);
    }
    if (small(parts)) return true;
  }
  return false;
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
