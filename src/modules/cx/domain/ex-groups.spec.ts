import { describe, expect, it } from '@jest/globals';
import type { UnitKind } from '#src/modules/units/unit.entity.js';
import { cxFor, exGroups, type ExCell, type OrgTree } from './ex-groups.js';

// company C → department D → teams A, B; team A has a sub-unit A1.
const tree: OrgTree = {
  parents: new Map([['C', null], ['D', 'C'], ['A', 'D'], ['B', 'D'], ['A1', 'A']]),
  kinds: new Map<string, UnitKind>([['C', 'company'], ['D', 'department'], ['A', 'team'], ['B', 'team'], ['A1', 'other']]),
};
const cell = (unitId: string, period: string, count: number, roundId = 'r1', k = 3): ExCell => ({ unitId, period, roundId, k, count, numerator: count * 4, denominator: count });
const base = { tree, granularity: 'month' as const, periods: ['2026-01'], k: 5, transform: (x: number) => x };

describe('exGroups', () => {
  it('shows groups of k and more, and refuses smaller ones', () => {
    const { groups } = exGroups({ ...base, unitLevel: null, cells: [cell('A', '2026-01', 5), cell('B', '2026-01', 6)] });
    expect(groups).toEqual([
      { unitId: 'A', period: '2026-01', shown: true, value: 4, respondents: 5 },
      { unitId: 'B', period: '2026-01', shown: true, value: 4, respondents: 6 },
    ]);
    expect(exGroups({ ...base, unitLevel: null, cells: [cell('A', '2026-01', 4)] }).groups).toEqual([{ unitId: 'A', period: '2026-01', shown: false, reason: 'below_threshold' }]);
    // B (5) beside A (4): B is refused too, since D − B would be A's four.
    const besideSmall = exGroups({ ...base, unitLevel: null, cells: [cell('A', '2026-01', 4), cell('B', '2026-01', 5)] });
    expect(besideSmall.groups.map((g) => (g.shown ? 'shown' : g.reason))).toEqual(['below_threshold', 'differencing']);
  });

  it('counts people as the most responses of one round, and takes the survey’s k when higher', () => {
    const twoSurveys = exGroups({ ...base, unitLevel: null, cells: [cell('A', '2026-01', 4, 'r1'), cell('A', '2026-01', 4, 'r2')] });
    expect(twoSurveys.groups[0]).toMatchObject({ shown: false, reason: 'below_threshold' });
    const strictSurvey = exGroups({ ...base, unitLevel: null, cells: [cell('A', '2026-01', 6, 'r1', 7)] });
    expect(strictSurvey.groups[0]).toMatchObject({ shown: false, reason: 'below_threshold' });
  });

  it('refuses a group that a readable group contains with 1 … k − 1 more responses', () => {
    // A alone (6) inside A with its sub-unit (6 + 2): the team level would isolate A1's two.
    const subUnit = exGroups({ ...base, unitLevel: null, cells: [cell('A', '2026-01', 6), cell('A1', '2026-01', 2), cell('B', '2026-01', 9)] });
    expect(subUnit.groups.find((g) => g.unitId === 'A')).toMatchObject({ shown: false, reason: 'differencing' });
    // At the team level A (8) is fine: D holds 17, 9 more.
    const teams = exGroups({ ...base, unitLevel: 'team', cells: [cell('A', '2026-01', 6), cell('A1', '2026-01', 2), cell('B', '2026-01', 9)] });
    expect(teams.groups.find((g) => g.unitId === 'A')).toMatchObject({ shown: true, respondents: 8 });
    // January (6) inside the first quarter (6 + 3 in February).
    const quarter = exGroups({ ...base, unitLevel: null, cells: [cell('B', '2026-01', 6), cell('B', '2026-02', 3)] });
    expect(quarter.groups[0]).toMatchObject({ shown: false, reason: 'differencing' });
    // …but not when February adds k or more.
    const enough = exGroups({ ...base, unitLevel: null, cells: [cell('B', '2026-01', 6), cell('B', '2026-03', 5)] });
    expect(enough.groups[0]).toMatchObject({ shown: true });
  });

  it('reports units with no unit of the level above them', () => {
    const { groups, unplaced } = exGroups({ ...base, unitLevel: 'team', cells: [cell('D', '2026-01', 7)] });
    expect(groups).toEqual([]);
    expect(unplaced).toEqual([{ unitId: 'D', period: '2026-01' }]);
  });
});

describe('cxFor', () => {
  const figures = new Map([
    ['2026-02', [{ unitId: 'A', period: '2026-02', value: 4, n: 10 }, { unitId: 'B', period: '2026-02', value: 3, n: 30 }]],
    ['2026-03', [{ unitId: 'D', period: '2026-03', value: 2, n: 5 }, { unitId: 'A', period: '2026-03', value: 5, n: 10 }]],
  ]);

  it('takes a unit’s own figure, else the n-weighted mean of the units that roll up into it', () => {
    expect(cxFor(figures, tree, null, 'A', '2026-02', 1)).toEqual({ value: 4, n: 10 });
    expect(cxFor(figures, tree, 'department', 'D', '2026-02', 1)).toEqual({ value: (4 * 10 + 3 * 30) / 40, n: 40 });
    expect(cxFor(figures, tree, 'department', 'D', '2026-03', 1)).toEqual({ value: 2, n: 5 });
    expect(cxFor(figures, tree, null, 'D', '2026-02', 1)).toBeNull();
  });

  it('weights a window by n', () => {
    expect(cxFor(figures, tree, null, 'A', '2026-02', 2)).toEqual({ value: 4.5, n: 20 });
    expect(cxFor(figures, tree, null, 'A', '2026-01', 2)).toEqual({ value: 4, n: 10 });
  });
});
