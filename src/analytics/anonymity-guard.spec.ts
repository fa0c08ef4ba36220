import { describe, expect, it } from '@jest/globals';
import { countMatching, matches, suppressInPartition, visibility, type SegmentCell, type UnitParents } from './anonymity-guard.js';

const K = 3;

/** `count` respondents in one segment; dimensions default to null. */
function cell(count: number, segment: Partial<Omit<SegmentCell, 'count'>> = {}): SegmentCell {
  return { unitId: null, tenurePhase: null, stage: null, location: null, ...segment, count };
}

/** acme ─┬─ tech ─┬─ platform ── core
 *        │        └─ data
 *        └─ sales */
const parents: UnitParents = new Map([
  ['acme', null],
  ['tech', 'acme'],
  ['platform', 'tech'],
  ['core', 'platform'],
  ['data', 'tech'],
  ['sales', 'acme'],
]);

describe('matches / countMatching', () => {
  const cells = [
    cell(2, { unitId: 'core', location: 'Lyon', stage: 'engage' }),
    cell(3, { unitId: 'data', location: 'Paris', stage: 'engage' }),
    cell(4, { unitId: 'sales', location: 'Lyon', tenurePhase: 'onboarding' }),
    cell(5),
  ];

  it('a unit includes all its sub-units; a null unit is in no unit', () => {
    expect(matches(cells[0]!, { unitId: 'tech' }, parents)).toBe(true);
    expect(matches(cells[0]!, { unitId: 'acme' }, parents)).toBe(true);
    expect(matches(cells[0]!, { unitId: 'data' }, parents)).toBe(false);
    expect(matches(cells[3]!, { unitId: 'acme' }, parents)).toBe(false);
    expect(matches(cells[3]!, {}, parents)).toBe(true);
  });

  it('counts the conjunction of the constraints', () => {
    expect(countMatching(cells, {}, parents)).toBe(14);
    expect(countMatching(cells, { unitId: 'acme' }, parents)).toBe(9);
    expect(countMatching(cells, { unitId: 'tech' }, parents)).toBe(5);
    expect(countMatching(cells, { location: 'Lyon' }, parents)).toBe(6);
    expect(countMatching(cells, { location: 'Lyon', stage: 'engage' }, parents)).toBe(2);
    expect(countMatching(cells, { unitId: 'tech', stage: 'engage', location: 'Paris' }, parents)).toBe(3);
    expect(countMatching(cells, { tenurePhase: 'onboarding', unitId: 'tech' }, parents)).toBe(0);
    expect(countMatching(cells, { unitId: 'nowhere' }, parents)).toBe(0);
  });

  it('survives a cycle in the org tree', () => {
    const cyclic: UnitParents = new Map([['a', 'b'], ['b', 'a']]);
    expect(countMatching([cell(3, { unitId: 'a' })], { unitId: 'b' }, cyclic)).toBe(3);
    expect(visibility([cell(3, { unitId: 'a' }), cell(1, { unitId: 'b' })], { unitId: 'a' }, cyclic, K).shown).toBe(true);
  });
});

describe('visibility', () => {
  it("refuses Technology (26) beside the company (30): the difference is 4 people (the issue's example)", () => {
    const cells = [cell(26, { unitId: 'tech' }), cell(4, { unitId: 'sales' })];
    expect(visibility(cells, {}, parents, 5)).toEqual({ shown: true, count: 30 });
    expect(visibility(cells, { unitId: 'tech' }, parents, 5)).toEqual({ shown: false, count: 26, reason: 'differencing' });
  });

  it('refuses a unit of 4 as below_threshold', () => {
    const cells = [cell(26, { unitId: 'tech' }), cell(4, { unitId: 'sales' })];
    expect(visibility(cells, { unitId: 'sales' }, parents, 5)).toEqual({ shown: false, count: 4, reason: 'below_threshold' });
  });

  it('shows a unit that equals its parent (difference 0)', () => {
    const cells = [cell(8, { unitId: 'core' }), cell(20, { unitId: 'sales' })];
    // core = platform = tech = 8 people; acme = the company = 28.
    for (const unitId of ['core', 'platform', 'tech', 'acme']) {
      expect(visibility(cells, { unitId }, parents, K).shown).toBe(true);
    }
  });

  it('refuses a team whose department has only 3 more people (differencing via an ancestor)', () => {
    const cells = [cell(23, { unitId: 'core' }), cell(3, { unitId: 'platform' }), cell(40, { unitId: 'sales' })];
    expect(visibility(cells, { unitId: 'platform' }, parents, 5)).toEqual({ shown: true, count: 26 });
    expect(visibility(cells, { unitId: 'core' }, parents, 5)).toEqual({ shown: false, count: 23, reason: 'differencing' });
    // With k = 3 the difference of 3 is large enough.
    expect(visibility(cells, { unitId: 'core' }, parents, 3).shown).toBe(true);
  });

  it('refuses {Lyon, engage} beside {Lyon} when they differ by 2 (differencing by dropping a filter)', () => {
    const cells = [
      cell(18, { location: 'Lyon', stage: 'engage' }),
      cell(2, { location: 'Lyon', stage: 'depart' }),
      cell(30, { location: 'Paris', stage: 'engage' }),
      cell(10, { location: 'Paris', stage: 'depart' }),
    ];
    expect(visibility(cells, { location: 'Lyon' }, parents, K)).toEqual({ shown: true, count: 20 });
    expect(visibility(cells, { location: 'Lyon', stage: 'engage' }, parents, K)).toEqual({ shown: false, count: 18, reason: 'differencing' });
    // {engage} (48) contains it too, but with a large difference: it alone would not refuse it.
    expect(visibility(cells, { stage: 'engage' }, parents, K).shown).toBe(true);
  });

  it('refuses a unit all of whose respondents happen to be in Lyon when {Lyon} has 2 more (coincidental containment)', () => {
    const cells = [
      cell(5, { unitId: 'data', location: 'Lyon' }),
      cell(2, { unitId: 'sales', location: 'Lyon' }),
      cell(33, { unitId: 'sales', location: 'Paris' }),
    ];
    expect(visibility(cells, { location: 'Lyon' }, parents, K)).toEqual({ shown: true, count: 7 });
    expect(visibility(cells, { unitId: 'data' }, parents, K)).toEqual({ shown: false, count: 5, reason: 'differencing' });
    // Once one of the unit's respondents is elsewhere, {Lyon} no longer contains it.
    const moved = [...cells, cell(1, { unitId: 'data', location: 'Paris' })];
    expect(visibility(moved, { unitId: 'data' }, parents, K).shown).toBe(true);
  });

  it('does not treat a null dimension as a value: {Lyon} does not contain respondents without a location', () => {
    const cells = [cell(4, { unitId: 'data', location: 'Lyon' }), cell(1, { unitId: 'data' }), cell(30, { unitId: 'sales', location: 'Lyon' })];
    // {data} = 5 is not inside {Lyon} = 34; its supersets are {tech} (the same 5) and the company (35).
    expect(visibility(cells, { unitId: 'data' }, parents, K)).toEqual({ shown: true, count: 5 });
    // The company (35) minus {Lyon} (34) = 1 person without a location.
    expect(visibility(cells, { location: 'Lyon' }, parents, K)).toEqual({ shown: false, count: 34, reason: 'differencing' });
  });

  it('checks the company against the units only through "no unit": respondents without a unit are outside every unit', () => {
    const cells = [cell(10, { unitId: 'tech' }), cell(1)];
    expect(visibility(cells, { unitId: 'acme' }, parents, K)).toEqual({ shown: false, count: 10, reason: 'differencing' });
    expect(visibility(cells, {}, parents, K)).toEqual({ shown: true, count: 11 });
  });

  it('combines dimensions: the superset may relax several constraints at once', () => {
    const cells = [
      cell(10, { unitId: 'data', stage: 'engage', location: 'Lyon' }),
      cell(1, { unitId: 'platform', stage: 'depart', location: 'Paris' }),
      cell(20, { unitId: 'sales', stage: 'engage', location: 'Lyon' }),
    ];
    // Only {tech} (11) reveals the one person: it drops both the stage and the location.
    expect(visibility(cells, { unitId: 'data', stage: 'engage', location: 'Lyon' }, parents, K)).toEqual({
      shown: false,
      count: 10,
      reason: 'differencing',
    });
  });

  it('reports below_threshold for an empty or unknown population', () => {
    expect(visibility([], {}, parents, K)).toEqual({ shown: false, count: 0, reason: 'below_threshold' });
    expect(visibility([cell(9, { unitId: 'sales' })], { unitId: 'nowhere' }, parents, K)).toEqual({ shown: false, count: 0, reason: 'below_threshold' });
  });

  it('rejects a non-integer or non-positive threshold', () => {
    expect(() => visibility([], {}, parents, 0)).toThrow(RangeError);
    expect(() => visibility([], {}, parents, 2.5)).toThrow(RangeError);
  });

  it('stays fast on a few thousand cells and a few hundred units', () => {
    const big = new Map<string, string | null>([['u0', null]]);
    for (let i = 1; i < 400; i++) big.set(`u${i}`, `u${Math.floor((i - 1) / 3)}`);
    const cells: SegmentCell[] = [];
    for (let i = 0; i < 4000; i++) {
      cells.push(cell(1 + (i % 4), { unitId: `u${i % 400}`, stage: `s${i % 3}`, location: `l${i % 5}`, tenurePhase: `p${i % 4}` }));
    }
    const started = performance.now();
    for (let i = 0; i < 20; i++) visibility(cells, { unitId: `u${i}` }, big, 5);
    expect((performance.now() - started) / 20).toBeLessThan(100); // typically a few ms
  });
});

describe('visibility of a saved segment', () => {
  it('admits any of a set of values, and a unit with its sub-units, together with a report’s own filters', () => {
    const cells = [
      cell(2, { unitId: 'core', stage: 'engage', employmentType: 'full_time', referralHire: 'yes' }),
      cell(3, { unitId: 'data', stage: 'perform', employmentType: 'part_time', referralHire: 'no' }),
      cell(4, { unitId: 'sales', stage: 'engage', employmentType: 'full_time', referralHire: 'no' }),
      cell(5, { unitId: 'sales', stage: 'engage' }),
    ];
    expect(countMatching(cells, { segment: { stage: ['engage', 'perform'] } }, parents)).toBe(14);
    expect(countMatching(cells, { segment: { employmentType: ['full_time'] } }, parents)).toBe(6);
    expect(countMatching(cells, { segment: { referralHire: ['no'], unitIds: ['tech'] } }, parents)).toBe(3);
    expect(countMatching(cells, { unitId: 'sales', segment: { employmentType: ['full_time', 'part_time'] } }, parents)).toBe(4);
    expect(countMatching(cells, { segment: { unitIds: ['platform', 'data'] } }, parents)).toBe(5);
    expect(countMatching(cells, { segment: { unitIds: [] } }, parents)).toBe(0);
  });

  it('refuses a segment whose parent without one of its filters has 1 … k − 1 more respondents', () => {
    // Referral hires in tech: 8; tech: 10. Dropping the referral filter leaves 2 people apart.
    const cells = [
      cell(8, { unitId: 'data', referralHire: 'yes', employmentType: 'full_time' }),
      cell(2, { unitId: 'data', referralHire: 'no', employmentType: 'full_time' }),
      cell(20, { unitId: 'sales', referralHire: 'yes', employmentType: 'full_time' }),
    ];
    expect(visibility(cells, { segment: { unitIds: ['tech'] } }, parents, 5)).toEqual({ shown: true, count: 10 });
    expect(visibility(cells, { segment: { unitIds: ['tech'], referralHire: ['yes'] } }, parents, 5)).toEqual({ shown: false, count: 8, reason: 'differencing' });
    expect(visibility(cells, { segment: { unitIds: ['tech'], referralHire: ['yes'] } }, parents, 2)).toEqual({ shown: true, count: 8 });
  });

  it('refuses a segment that a report’s own filter narrows to 1 … k − 1 fewer than the segment alone', () => {
    const cells = [cell(10, { unitId: 'data', location: 'Lyon' }), cell(2, { unitId: 'data', location: 'Paris' }), cell(30, { unitId: 'sales', location: 'Lyon' })];
    expect(visibility(cells, { location: 'Lyon', segment: { unitIds: ['data'] } }, parents, 5)).toEqual({ shown: false, count: 10, reason: 'differencing' });
  });

  it('refuses a segment one of whose values holds 1 … k − 1 of its respondents (the segment without it would nest)', () => {
    const cells = [cell(20, { stage: 'engage', unitId: 'sales' }), cell(2, { stage: 'perform', unitId: 'sales' }), cell(40, { stage: 'develop', unitId: 'data' })];
    expect(visibility(cells, { segment: { stage: ['engage', 'perform'] } }, parents, 5)).toEqual({ shown: false, count: 22, reason: 'differencing' });
    expect(visibility(cells, { segment: { stage: ['engage', 'perform'] } }, parents, 2)).toEqual({ shown: true, count: 22 });
    // The same for units: core holds 2 of {core, sales}.
    const units = [cell(2, { unitId: 'core' }), cell(20, { unitId: 'sales' }), cell(40, { unitId: 'data' })];
    expect(visibility(units, { segment: { unitIds: ['core', 'sales'] } }, parents, 5)).toEqual({ shown: false, count: 22, reason: 'differencing' });
  });

  it('refuses a plain filter that the set of values its respondents take (a segment) contains with 1 … k − 1 more', () => {
    // Everyone in data is in Lyon or Paris; {Lyon, Paris} has 2 more people (in sales).
    const cells = [
      cell(5, { unitId: 'data', location: 'Lyon' }),
      cell(5, { unitId: 'data', location: 'Paris' }),
      cell(2, { unitId: 'sales', location: 'Paris' }),
      cell(30, { unitId: 'sales', location: 'Nice' }),
    ];
    expect(visibility(cells, { segment: { location: ['Lyon', 'Paris'] } }, parents, 5)).toEqual({ shown: true, count: 12 });
    expect(visibility(cells, { unitId: 'data' }, parents, 5)).toEqual({ shown: false, count: 10, reason: 'differencing' });
  });

  it('refuses a segment of several units inside another segment of their ancestors with 1 … k − 1 more', () => {
    // R ─┬─ X1 ─┬─ u1 (5)      [X1, X2] = 12 holds [u1, u2] = 10 and s1's 2 people.
    //    │      └─ s1 (2)
    //    ├─ X2 ── u2 (5)
    //    └─ X3 (20)
    const tree: UnitParents = new Map([['R', null], ['X1', 'R'], ['X2', 'R'], ['X3', 'R'], ['u1', 'X1'], ['s1', 'X1'], ['u2', 'X2']]);
    const cells = [cell(5, { unitId: 'u1' }), cell(2, { unitId: 's1' }), cell(5, { unitId: 'u2' }), cell(20, { unitId: 'X3' })];
    expect(visibility(cells, { segment: { unitIds: ['X1', 'X2'] } }, tree, 5)).toEqual({ shown: true, count: 12 });
    expect(visibility(cells, { segment: { unitIds: ['u1', 'u2'] } }, tree, 5)).toEqual({ shown: false, count: 10, reason: 'differencing' });
  });

  it('never lets a respondent of unknown employment type into a segment that filters on it', () => {
    const cells = [cell(6, { unitId: 'sales', employmentType: 'full_time' }), cell(6, { unitId: 'sales' })];
    expect(visibility(cells, { segment: { employmentType: ['full_time'] } }, parents, 5)).toEqual({ shown: true, count: 6 });
    expect(countMatching(cells, { segment: { employmentType: ['full_time', 'part_time', 'contractor', 'intern', 'temporary'] } }, parents)).toBe(6);
  });
});

describe('suppressInPartition', () => {
  const groups = (...spec: [string, number, boolean?][]) => spec.map(([key, count, showable = true]) => ({ key, count, showable }));

  it('suppresses nothing when every group is showable and the parent is covered', () => {
    expect(suppressInPartition(30, groups(['a', 10], ['b', 20]), K)).toEqual(new Set());
  });

  it('suppresses the groups that are not showable, and the smallest visible one when they total under k', () => {
    // b (2) alone would be parent − a − c; suppressing c too hides 2 + 5 = 7.
    expect(suppressInPartition(27, groups(['a', 20], ['b', 2, false], ['c', 5]), K)).toEqual(new Set(['b', 'c']));
  });

  it('keeps suppressing until the suppressed total reaches k', () => {
    expect(suppressInPartition(25, groups(['a', 20], ['b', 1, false], ['c', 1, false], ['x', 3, false]), 6)).toEqual(new Set(['b', 'c', 'x', 'a']));
    expect(suppressInPartition(25, groups(['a', 10], ['b', 1, false], ['c', 4], ['d', 10]), 4)).toEqual(new Set(['b', 'c']));
  });

  it('breaks ties between equally small groups by key', () => {
    expect(suppressInPartition(21, groups(['a', 1, false], ['z', 5], ['m', 5], ['b', 10]), K)).toEqual(new Set(['a', 'm']));
  });

  it('treats the part of the parent in no group as disclosed and covers it', () => {
    // 2 respondents belong to no group (e.g. without a unit): parent − a − b would expose them.
    expect(suppressInPartition(32, groups(['a', 20], ['b', 10]), K)).toEqual(new Set(['b']));
    expect(suppressInPartition(35, groups(['a', 20], ['b', 10]), K)).toEqual(new Set());
  });

  it('suppresses a group under k even if flagged showable', () => {
    expect(suppressInPartition(30, groups(['a', 2], ['b', 28]), K)).toEqual(new Set(['a', 'b']));
  });
});
