import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { suppressInPartition, visibility, type SegmentCell, type SegmentFilter, type UnitParents } from './anonymity-guard.js';

interface Respondent {
  readonly unitId: string | null;
  readonly tenurePhase: string | null;
  readonly stage: string | null;
  readonly location: string | null;
}

interface Organisation {
  readonly units: readonly string[];
  readonly parents: UnitParents;
  readonly phases: readonly string[];
  readonly stages: readonly string[];
  readonly locations: readonly string[];
}

const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** A forest of 1–12 units (mostly one tree: unit i hangs under an earlier unit), 0–3 values per dimension. */
const organisation: fc.Arbitrary<Organisation> = fc
  .record({
    unitCount: fc.integer({ min: 1, max: 12 }),
    parentPicks: fc.array(fc.option(fc.nat(), { freq: 6 }), { minLength: 12, maxLength: 12 }),
    phases: fc.integer({ min: 0, max: 3 }),
    stages: fc.integer({ min: 0, max: 3 }),
    locations: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ unitCount, parentPicks, phases, stages, locations }) => {
    const units = names('u', unitCount);
    const parents = new Map(units.map((unit, i) => [unit, i === 0 || parentPicks[i] === null ? null : units[parentPicks[i]! % i]!] as const));
    return { units, parents, phases: names('p', phases), stages: names('s', stages), locations: names('l', locations) };
  });

const valueOrNull = (values: readonly string[]) => (values.length === 0 ? fc.constant(null) : fc.option(fc.constantFrom(...values), { freq: 4 }));
const valueOrAny = (values: readonly string[]) => (values.length === 0 ? fc.constant(undefined) : fc.option(fc.constantFrom(...values), { nil: undefined }));

const respondent = (org: Organisation): fc.Arbitrary<Respondent> =>
  fc.record({ unitId: valueOrNull(org.units), tenurePhase: valueOrNull(org.phases), stage: valueOrNull(org.stages), location: valueOrNull(org.locations) });

const segmentFilter = (org: Organisation): fc.Arbitrary<SegmentFilter> =>
  fc.record({ unitId: valueOrAny(org.units), tenurePhase: valueOrAny(org.phases), stage: valueOrAny(org.stages), location: valueOrAny(org.locations) });

const scenario = organisation.chain((org) =>
  fc.record({
    org: fc.constant(org),
    respondents: fc.array(respondent(org), { maxLength: 60 }),
    k: fc.integer({ min: 3, max: 6 }),
    filters: fc.array(segmentFilter(org), { minLength: 1, maxLength: 25 }),
    aggregate: fc.boolean(),
  }),
);

/** Membership computed per respondent, independently of the module under test. */
function isMember(person: Respondent, filter: SegmentFilter, parents: UnitParents): boolean {
  if (filter.tenurePhase !== undefined && person.tenurePhase !== filter.tenurePhase) return false;
  if (filter.stage !== undefined && person.stage !== filter.stage) return false;
  if (filter.location !== undefined && person.location !== filter.location) return false;
  if (filter.unitId === undefined) return true;
  for (let unit = person.unitId; unit !== null; unit = parents.get(unit) ?? null) if (unit === filter.unitId) return true;
  return false;
}

/** The respondents of a filter as a bit set over respondent indexes. */
function population(respondents: readonly Respondent[], filter: SegmentFilter, parents: UnitParents): bigint {
  let set = 0n;
  respondents.forEach((person, i) => {
    if (isMember(person, filter, parents)) set |= 1n << BigInt(i);
  });
  return set;
}

const size = (set: bigint) => set.toString(2).replace(/0/g, '').length;

function toCells(respondents: readonly Respondent[], aggregate: boolean): SegmentCell[] {
  if (!aggregate) return respondents.map((person) => ({ ...person, count: 1 }));
  const cells = new Map<string, SegmentCell>();
  for (const person of respondents) {
    const key = JSON.stringify([person.unitId, person.tenurePhase, person.stage, person.location]);
    cells.set(key, { ...person, count: (cells.get(key)?.count ?? 0) + 1 });
  }
  return [...cells.values()];
}

/** Every filter expressible over the organisation's values (at most 13 × 4 × 4 × 4). */
function allFilters(org: Organisation): SegmentFilter[] {
  const options = (values: readonly string[]) => [undefined, ...values];
  const filters: SegmentFilter[] = [];
  for (const unitId of options(org.units))
    for (const tenurePhase of options(org.phases))
      for (const stage of options(org.stages)) for (const location of options(org.locations)) filters.push({ unitId, tenurePhase, stage, location });
  return filters;
}

const small = (n: number, k: number) => n > 0 && n < k;

describe('visibility (property)', () => {
  it('never shows a group under k, nor two nested groups that differ by 1 … k − 1 people', () => {
    fc.assert(
      fc.property(scenario, ({ org, respondents, k, filters, aggregate }) => {
        const cells = toCells(respondents, aggregate);
        // The company and every single-constraint filter besides the random ones, so that nested pairs are common.
        const requests: SegmentFilter[] = [{}, ...org.units.map((unitId) => ({ unitId })), ...org.locations.map((location) => ({ location })), ...filters];
        const shown: bigint[] = [];
        for (const filter of requests) {
          const result = visibility(cells, filter, org.parents, k);
          const members = population(respondents, filter, org.parents);
          expect(result.count).toBe(size(members));
          if (result.shown) shown.push(members);
        }
        for (const set of shown) expect(size(set)).toBeGreaterThanOrEqual(k); // (a)
        for (const a of shown) {
          for (const b of shown) {
            if ((a & b) === b) expect(small(size(a) - size(b), k)).toBe(false); // (b): B ⊆ A
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with a brute-force check of the rule against every expressible filter', () => {
    fc.assert(
      fc.property(scenario, ({ org, respondents, k, filters, aggregate }) => {
        const cells = toCells(respondents, aggregate);
        const everyPopulation = allFilters(org).map((filter) => population(respondents, filter, org.parents));
        for (const filter of filters) {
          const members = population(respondents, filter, org.parents);
          const n = size(members);
          const expected =
            n < k
              ? { shown: false, count: n, reason: 'below_threshold' }
              : everyPopulation.some((other) => (other & members) === members && small(size(other) - n, k))
                ? { shown: false, count: n, reason: 'differencing' }
                : { shown: true, count: n };
          expect(visibility(cells, filter, org.parents, k)).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('suppressInPartition (property)', () => {
  it('leaves neither a small suppressed total nor a small uncovered part of the parent', () => {
    const partition = fc.record({
      k: fc.integer({ min: 3, max: 6 }),
      groups: fc.array(fc.record({ count: fc.integer({ min: 1, max: 15 }), showable: fc.boolean() }), { maxLength: 8 }),
      uncovered: fc.integer({ min: 0, max: 10 }),
    });
    fc.assert(
      fc.property(partition, ({ k, groups: specs, uncovered }) => {
        const groups = specs.map(({ count, showable }, i) => ({ key: `g${i}`, count, showable: showable && count >= k }));
        const parentCount = groups.reduce((sum, g) => sum + g.count, 0) + uncovered;
        fc.pre(parentCount >= k);
        const suppressed = suppressInPartition(parentCount, groups, k);
        for (const g of groups) if (!g.showable) expect(suppressed.has(g.key)).toBe(true);
        const visible = groups.filter((g) => !suppressed.has(g.key));
        const visibleTotal = visible.reduce((sum, g) => sum + g.count, 0);
        const suppressedTotal = groups.reduce((sum, g) => sum + (suppressed.has(g.key) ? g.count : 0), 0);
        expect(small(parentCount - visibleTotal, k)).toBe(false);
        // With nothing visible the children are not shown at all, so their total reveals nothing.
        if (visible.length > 0) expect(small(suppressedTotal, k)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
