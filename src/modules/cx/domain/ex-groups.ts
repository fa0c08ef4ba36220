import { ancestorsOrSelf, isWithin, type UnitParents } from '#src/modules/units/domain/unit-tree.js';
import { UNIT_KINDS, type UnitKind } from '#src/modules/units/unit.entity.js';
import { quarterOfMonth, shiftPeriod, type Granularity } from './periods.js';

/**
 * How EX groups are formed, which of them may be shown, and how they pair with CX figures. Pure:
 * the repository hands over counts and sums per unit, period and round; nothing here ever sees a
 * response, let alone a person.
 */

/** What the answers of one round in one unit and period add up to, for one EX measure. */
export interface ExCell {
  readonly unitId: string;
  readonly period: string;
  readonly roundId: string;
  /** The survey's anonymity threshold. */
  readonly k: number;
  /** Responses that count towards the measure (participation: invitations). */
  readonly count: number;
  /** The measure is transform(Σ numerator / Σ denominator). */
  readonly numerator: number;
  readonly denominator: number;
}

export interface OrgTree {
  readonly parents: UnitParents;
  readonly kinds: ReadonlyMap<string, UnitKind>;
}

export type ExclusionReason = 'below_threshold' | 'differencing';

/** One EX group: a unit (rolled up or not) in one period, shown with its value or left out with a reason. */
export type ExGroup =
  | { readonly unitId: string; readonly period: string; readonly shown: true; readonly value: number; readonly respondents: number }
  | { readonly unitId: string; readonly period: string; readonly shown: false; readonly reason: ExclusionReason };

export interface ExGroupsInput {
  /** Cells of the requested periods and, for months, of the rest of their quarters. */
  readonly cells: readonly ExCell[];
  readonly tree: OrgTree;
  /** Roll units up to their nearest ancestor-or-self of this kind; null keeps each unit's own respondents. */
  readonly unitLevel: UnitKind | null;
  readonly granularity: Granularity;
  readonly periods: readonly string[];
  /** The organisation's threshold. */
  readonly k: number;
  /** The measure from Σ numerator / Σ denominator. */
  readonly transform: (ratio: number) => number;
}

/** Every level a group can be read at: each unit on its own, or rolled up to a kind. */
const LEVELS: readonly (UnitKind | null)[] = [null, ...UNIT_KINDS];

/**
 * The EX groups of the requested periods. A group is refused when it has fewer than k people
 * (k: the largest of the organisation's and the surveys' thresholds; people counted as the most
 * responses of one round, since one person may answer two surveys in a period) or when some other
 * group that can be read — at any level, and for months also over the quarter — holds all of its
 * respondents and 1 … k − 1 more responses (the differencing rule of docs/anonymity.md; the inner
 * group is the one refused). Units with no ancestor of the level are returned in `unplaced`.
 */
export function exGroups(input: ExGroupsInput): { groups: ExGroup[]; unplaced: { unitId: string; period: string }[] } {
  const { cells, tree, unitLevel, granularity, k: tenantK, transform } = input;
  const representative = representatives(tree);
  const byPeriod = groupBy(cells, (c) => c.period);
  // Months sit inside quarters, so a month's group is also compared with its quarter's groups.
  const byKey = new Map([...byPeriod, ...(granularity === 'month' ? groupBy(cells, (c) => quarterOfMonth(c.period)) : [])]);
  const containersOf = (period: string): string[] => (granularity === 'month' ? [quarterOfMonth(period)] : []);

  // Responses per group at any level and period key (a period, or the quarter around months).
  const totals = memo((level: UnitKind | null, key: string) => {
    const result = new Map<string, { count: number; k: number }>();
    for (const cell of byKey.get(key) ?? []) {
      const rep = representative(level, cell.unitId);
      if (rep === undefined) continue;
      const total = result.get(rep) ?? { count: 0, k: 0 };
      result.set(rep, { count: total.count + cell.count, k: Math.max(total.k, cell.k) });
    }
    return result;
  });

  const groups: ExGroup[] = [];
  const unplaced = new Map<string, { unitId: string; period: string }>();
  for (const period of input.periods) {
    const members = new Map<string, ExCell[]>();
    for (const cell of byPeriod.get(period) ?? []) {
      const rep = representative(unitLevel, cell.unitId);
      if (rep === undefined) unplaced.set(`${cell.unitId}|${period}`, { unitId: cell.unitId, period });
      else if (members.has(rep)) members.get(rep)!.push(cell);
      else members.set(rep, [cell]);
    }
    for (const [unitId, groupCells] of members) {
      const units = [...new Set(groupCells.map((c) => c.unitId))];
      const k = Math.max(tenantK, ...groupCells.map((c) => c.k));
      const perRound = new Map<string, number>();
      for (const c of groupCells) perRound.set(c.roundId, (perRound.get(c.roundId) ?? 0) + c.count);
      const people = Math.max(...perRound.values());
      if (people < k) {
        groups.push({ unitId, period, shown: false, reason: 'below_threshold' });
        continue;
      }
      const count = groupCells.reduce((a, c) => a + c.count, 0);
      const differs = LEVELS.some((level) =>
        [period, ...containersOf(period)].some((key) => {
          if (level === unitLevel && key === period) return false;
          const rep = representative(level, units[0]!);
          if (rep === undefined || !units.every((u) => representative(level, u) === rep)) return false;
          const container = totals(level, key).get(rep)!;
          const difference = container.count - count;
          return difference >= 1 && difference < Math.max(k, container.k);
        }),
      );
      if (differs) {
        groups.push({ unitId, period, shown: false, reason: 'differencing' });
        continue;
      }
      const numerator = groupCells.reduce((a, c) => a + c.numerator, 0);
      const denominator = groupCells.reduce((a, c) => a + c.denominator, 0);
      groups.push({ unitId, period, shown: true, value: transform(numerator / denominator), respondents: count });
    }
  }
  return { groups, unplaced: [...unplaced.values()] };
}

/** A CX figure of one unit and period. */
export interface CxFigure {
  readonly unitId: string;
  readonly period: string;
  readonly value: number;
  readonly n: number;
}

/**
 * The CX figure of a group over periods `from` … `from + window − 1`: per period the group unit's
 * own figure, or (rolled up) the n-weighted mean of the figures of the units that roll up into it;
 * over the window the n-weighted mean of those, with n summed. Null when no period has a figure.
 */
export function cxFor(
  figures: ReadonlyMap<string, readonly CxFigure[]>,
  tree: OrgTree,
  unitLevel: UnitKind | null,
  unitId: string,
  from: string,
  window: number,
): { value: number; n: number } | null {
  const representative = representatives(tree);
  let weighted = 0;
  let n = 0;
  for (let step = 0; step < window; step++) {
    const inPeriod = figures.get(shiftPeriod(from, step)) ?? [];
    const own = inPeriod.find((f) => f.unitId === unitId);
    const used = own ? [own] : unitLevel === null ? [] : inPeriod.filter((f) => representative(unitLevel, f.unitId) === unitId);
    for (const figure of used) {
      weighted += figure.value * figure.n;
      n += figure.n;
    }
  }
  return n === 0 ? null : { value: weighted / n, n };
}

/** Whether a group's unit lies in the caller's reach (null: everything). */
export function inReach(unitId: string, roots: readonly string[] | null, parents: UnitParents): boolean {
  return roots === null || roots.some((root) => isWithin(unitId, root, parents));
}

const cachedRepresentatives = new WeakMap<OrgTree, (level: UnitKind | null, unitId: string) => string | undefined>();

/** The unit a unit rolls up to at a level: itself at no level, else its nearest ancestor-or-self of that kind. */
function representatives(tree: OrgTree): (level: UnitKind | null, unitId: string) => string | undefined {
  let found = cachedRepresentatives.get(tree);
  if (!found) {
    const cache = new Map<string, string | undefined>();
    found = (level, unitId) => {
      if (level === null) return unitId;
      const key = `${level}|${unitId}`;
      if (!cache.has(key)) cache.set(key, ancestorsOrSelf(unitId, tree.parents).find((u) => tree.kinds.get(u) === level));
      return cache.get(key);
    };
    cachedRepresentatives.set(tree, found);
  }
  return found;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const result = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = result.get(k);
    if (list) list.push(item);
    else result.set(k, [item]);
  }
  return result;
}

function memo<R>(compute: (level: UnitKind | null, key: string) => R): (level: UnitKind | null, key: string) => R {
  const cache = new Map<string, R>();
  return (level, key) => {
    const k = `${level ?? ''}|${key}`;
    if (!cache.has(k)) cache.set(k, compute(level, key));
    return cache.get(k)!;
  };
}
