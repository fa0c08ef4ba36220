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

/** A forest of 1–`maxUnits` units (mostly one tree: unit i hangs under an earlier unit), 0–3 values per dimension. */
const organisationOf = (maxUnits: number): fc.Arbitrary<Organisation> => fc
  .record({
    unitCount: fc.integer({ min: 1, max: maxUnits }),
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
const organisation = organisationOf(12);

const valueOrNull = (values: readonly string[]) => (values.length === 0 ? fc.constant(null) : fc.option(fc.constantFrom(...values), { freq: 4 }));
const valueOrAny = (values: readonly string[]) => (values.length === 0 ? fc.constant(undefined) : fc.option(fc.constantFrom(...values), { nil: undefined }));

const respondent = (org: Organisation): fc.Arbitrary<Respondent> =>
  fc.record({ unitId: valueOrNull(org.units), tenurePhase: valueOrNull(org.phases), stage: valueOrNull(org.stages), location: valueOrNull(org.locations) });

const plainFilter = (org: Organisation): fc.Arbitrary<SegmentFilter> =>
  fc.record({ unitId: valueOrAny(org.units), tenurePhase: valueOrAny(org.phases), stage: valueOrAny(org.stages), location: valueOrAny(org.locations) });

/** A nonempty set of some of the values, or no constraint. */
const setOrAny = (values: readonly string[], maxLength = 3) =>
  values.length === 0 ? fc.constant(undefined) : fc.option(fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength }), { nil: undefined });

/** A saved segment (sets on every dimension, at most `maxUnits` units), with or without a report's own filters beside it. */
const segmentFilter = (org: Organisation, maxUnits: number): fc.Arbitrary<SegmentFilter> =>
  fc.record({
    report: fc.oneof(fc.constant({}), plainFilter(org)),
    segment: fc.record({
      unitIds: setOrAny(org.units, maxUnits),
      tenurePhase: setOrAny(org.phases),
      stage: setOrAny(org.stages),
      location: setOrAny(org.locations),
    }),
  }).map(({ report, segment }) => ({ ...report, segment }));

const scenario = organisation.chain((org) =>
  fc.record({
    org: fc.constant(org),
    respondents: fc.array(respondent(org), { maxLength: 60 }),
    k: fc.integer({ min: 3, max: 6 }),
    filters: fc.array(plainFilter(org), { minLength: 1, maxLength: 25 }),
    segments: fc.array(segmentFilter(org, 3), { maxLength: 15 }),
    aggregate: fc.boolean(),
  }),
);

/** Whether a person's unit is the unit or one of its sub-units. */
function isIn(person: Respondent, unitId: string, parents: UnitParents): boolean {
  for (let unit = person.unitId; unit !== null; unit = parents.get(unit) ?? null) if (unit === unitId) return true;
  return false;
}

/** Membership computed per respondent, independently of the module under test. */
function isMember(person: Respondent, filter: SegmentFilter, parents: UnitParents): boolean {
  if (filter.tenurePhase !== undefined && person.tenurePhase !== filter.tenurePhase) return false;
  if (filter.stage !== undefined && person.stage !== filter.stage) return false;
  if (filter.location !== undefined && person.location !== filter.location) return false;
  if (filter.unitId !== undefined && !isIn(person, filter.unitId, parents)) return false;
  const segment = filter.segment ?? {};
  for (const key of ['tenurePhase', 'stage', 'location'] as const) {
    const admitted = segment[key];
    if (admitted !== undefined && (person[key] === null || !admitted.includes(person[key]))) return false;
  }
  return segment.unitIds === undefined || segment.unitIds.some((unitId) => isIn(person, unitId, parents));
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

/** Every nonempty subset of some values. */
function subsets<T>(values: readonly T[]): T[][] {
  const all: T[][] = [];
  for (let mask = 1; mask < 1 << values.length; mask++) all.push(values.filter((_, i) => mask & (1 << i)));
  return all;
}

/**
 * The population of every group the product can name: per dimension no constraint or any set of
 * values, per unit no constraint or any set of units (each with its sub-units). Built per
 * dimension and intersected, so a few tens of thousands of groups cost little.
 */
function everyGroup(org: Organisation, respondents: readonly Respondent[]): bigint[] {
  const everyone = (1n << BigInt(respondents.length)) - 1n;
  const where = (test: (person: Respondent) => boolean) => respondents.reduce((set, person, i) => (test(person) ? set | (1n << BigInt(i)) : set), 0n);
  const options = (key: 'tenurePhase' | 'stage' | 'location', values: readonly string[]) => [
    everyone,
    ...subsets(values).map((set) => where((person) => person[key] !== null && set.includes(person[key]))),
  ];
  const units = [everyone, ...subsets(org.units).map((set) => where((person) => set.some((unitId) => isIn(person, unitId, org.parents))))];
  const groups: bigint[] = [];
  for (const u of units)
    for (const p of options('tenurePhase', org.phases))
      for (const s of options('stage', org.stages)) for (const l of options('location', org.locations)) groups.push(u & p & s & l);
  return groups;
}

describe('visibility (property)', () => {
  it('never shows a group under k, nor two nested groups that differ by 1 … k − 1 people, filters and segments alike', () => {
    fc.assert(
      fc.property(scenario, ({ org, respondents, k, filters, segments, aggregate }) => {
        const cells = toCells(respondents, aggregate);
        // The company and every single-constraint filter besides the random ones, so that nested pairs are common.
        const requests: SegmentFilter[] = [
          {},
          ...org.units.map((unitId) => ({ unitId })),
          ...org.locations.map((location) => ({ location })),
          ...filters,
          ...segments,
          // Each segment also with its units replaced by their parents, and with one value fewer in
          // a set, so that segments nest through the tree and inside one another.
          ...segments.map((filter) => ({ ...filter, segment: { ...filter.segment, unitIds: filter.segment?.unitIds?.map((u) => org.parents.get(u) ?? u) } })),
          ...segments.flatMap((filter) =>
            (['unitIds', 'tenurePhase', 'stage', 'location'] as const)
              .filter((key) => (filter.segment?.[key]?.length ?? 0) > 1)
              .map((key) => ({ ...filter, segment: { ...filter.segment, [key]: filter.segment![key]!.slice(1) } })),
          ),
        ];
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
      { numRuns: 600 },
    );
  });

  it('refuses for differencing only with a witness, and always when a filter containing the group is one', () => {
    const witnessScenario = organisationOf(5).chain((org) =>
      fc.record({
        org: fc.constant(org),
        respondents: fc.array(respondent(org), { maxLength: 40 }),
        k: fc.integer({ min: 3, max: 5 }),
        requests: fc.array(fc.oneof(plainFilter(org), segmentFilter(org, 2)), { minLength: 1, maxLength: 12 }),
      }),
    );
    fc.assert(
      fc.property(witnessScenario, ({ org, respondents, k, requests }) => {
        const cells = toCells(respondents, true);
        const groups = everyGroup(org, respondents);
        const plain = allFilters(org).map((filter) => population(respondents, filter, org.parents));
        for (const filter of requests) {
          const result = visibility(cells, filter, org.parents, k);
          const members = population(respondents, filter, org.parents);
          const n = size(members);
          if (n < k) {
            expect(result).toEqual({ shown: false, count: n, reason: 'below_threshold' });
            continue;
          }
          // A witness: a group the product can name nested with this one, 1 … k − 1 people apart.
          const witnessed = groups.some((other) => ((other & members) === members || (other & members) === other) && small(Math.abs(size(other) - n), k));
          if (!result.shown) expect(witnessed).toBe(true);
          // Every plain filter containing the group is compared with it.
          if (plain.some((other) => (other & members) === members && small(size(other) - n, k))) expect(result).toEqual({ shown: false, count: n, reason: 'differencing' });
        }
      }),
      { numRuns: 60 },
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
