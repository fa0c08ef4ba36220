import type { ArgumentMetadata } from '@nestjs/common';
import fc from 'fast-check';
import { DomainError } from '#src/common/errors/domain-error.js';
import { createValidationPipe } from '#src/common/http/validation.js';
import { EMPLOYMENT_TYPES, STAGES } from '../domain/journey.js';
import { BulkEmployeesDto, MAX_BULK_EMPLOYEES } from './bulk-employees.dto.js';
import { bulkEmployeesFastPath } from './bulk-employees.fast-path.js';

/**
 * The fast path must accept exactly what class-validator accepts, produce the same value, and
 * leave every refusal to class-validator. The reference is the same pipe on a subclass of the DTO:
 * it inherits every decorator but not the fast path (registered on the exact class).
 */
class ClassValidatorOnly extends BulkEmployeesDto {}

const pipe = createValidationPipe();
const fastPath = bulkEmployeesFastPath(MAX_BULK_EMPLOYEES);
const metadata = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype, data: '' });

/** What a pipe answers for a body: the items it passes on (as JSON would carry them), or the problem. */
async function outcome(metatype: ArgumentMetadata['metatype'], body: unknown) {
  try {
    const value = (await pipe.transform(structuredClone(body), metadata(metatype))) as BulkEmployeesDto;
    return { items: JSON.parse(JSON.stringify(value.items)) as unknown };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { problem: error.problem.code, detail: error.detail, extensions: error.extensions };
  }
}

const junk = fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.constant({}), fc.constant([]), fc.constant(['a']));
/** Strings around the length limits, with padding to trim and characters outside the BMP (which count once). */
const text = (max: number) =>
  fc.oneof(
    fc.string({ maxLength: max + 2 }),
    fc.string({ unit: 'grapheme', maxLength: max + 1 }),
    fc.constantFrom('', ' ', '  \t', ' padded ', 'x'.repeat(max), 'x'.repeat(max + 1), ` ${'x'.repeat(max)} `, '😀'.repeat(max), '\uFE0F'.repeat(max + 1)),
  );
const emails = fc.oneof(
  fc.emailAddress(),
  fc.constantFrom('Al@Example.com', 'not-an-email', 'a@b', ' a@example.com', `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(60)}.com`),
);
const dates = fc.oneof(
  fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2026-02-30', '2024-02-29', '2026-1-01', '2026-01-01T00:00:00Z', ' 2026-01-01', '20260101'),
);
const mostly = <T>(good: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: junk, weight: 1 });
const nullable = <T>(good: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: fc.constant(null), weight: 1 });

/** Every field, with values near the rules' edges: good most of the time, null or the wrong type otherwise. */
const anyValue = {
  externalId: mostly(text(100)),
  firstName: mostly(text(100)),
  lastName: mostly(text(100)),
  stage: mostly(fc.constantFrom(...STAGES, 'hired', 'ENGAGE')),
  workEmail: mostly(emails),
  jobTitle: mostly(text(200)),
  location: mostly(text(100)),
  employmentType: mostly(fc.constantFrom(...EMPLOYMENT_TYPES, 'freelance')),
  startDate: mostly(dates),
  endDate: mostly(dates),
  unitExternalId: mostly(text(100)),
  managerExternalId: mostly(text(100)),
  referredByExternalId: mostly(text(100)),
  // Fields the item does not have (unitId is one of CreateEmployeeDto's, not picked).
  unitId: fc.uuid(),
  hireDate: dates,
};
/** A name that is valid once trimmed, sometimes padded. */
const name = fc.tuple(fc.string({ maxLength: 98 }), fc.constantFrom('', ' ', '\t ')).map(([s, pad]) => `${pad}${s}x${pad}`);
const validItem = fc.record(
  {
    externalId: name,
    firstName: name,
    lastName: name,
    stage: fc.constantFrom(...STAGES),
    workEmail: nullable(fc.emailAddress()),
    jobTitle: nullable(fc.string({ maxLength: 200 })),
    location: nullable(fc.string({ maxLength: 100 })),
    employmentType: nullable(fc.constantFrom(...EMPLOYMENT_TYPES)),
    startDate: nullable(dates),
    endDate: nullable(dates),
    unitExternalId: nullable(fc.string({ maxLength: 100 })),
    managerExternalId: nullable(fc.string({ maxLength: 100 })),
    referredByExternalId: nullable(fc.string({ maxLength: 100 })),
  },
  { requiredKeys: ['externalId', 'firstName', 'lastName'] },
);
/** A mostly valid item with one field changed to anything, or removed. */
const oneFieldOff = fc
  .tuple(validItem, fc.constantFrom(...(Object.keys(anyValue) as (keyof typeof anyValue)[])).chain((field) => fc.tuple(fc.constant(field), fc.option(anyValue[field]))))
  .map(([valid, [field, value]]) => {
    const changed: Record<string, unknown> = { ...valid };
    if (value === null) delete changed[field];
    else changed[field] = value;
    return changed;
  });
const anyItem = fc.record(anyValue, { requiredKeys: [] });
const item = fc.oneof(validItem, oneFieldOff, anyItem);

describe('bulk employees fast path', () => {
  it('accepts exactly the items class-validator accepts, and passes on the same values', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(item, async (candidate) => {
        const body = { items: [candidate] };
        const reference = await outcome(ClassValidatorOnly, body);
        expect(fastPath(structuredClone(body)) !== undefined).toBe('items' in reference);
        expect(await outcome(BulkEmployeesDto, body)).toEqual(reference);
        if ('items' in reference) accepted++;
      }),
      { numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(500);
  });

  it('answers payloads with a bad item, or a bad shape, exactly as class-validator does', async () => {
    const bodies = fc.oneof(
      fc.array(item, { minLength: 1, maxLength: 5 }).map((items) => ({ items })),
      fc.constantFrom({}, { items: [] }, { items: {} }, { items: [null] }, { items: [[]] }, { items: [{ externalId: 'A', firstName: 'A', lastName: 'B' }], extra: 1 }, [], null),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        expect(await outcome(BulkEmployeesDto, body)).toEqual(await outcome(ClassValidatorOnly, body));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses more than the maximum number of items', async () => {
    const items = Array.from({ length: MAX_BULK_EMPLOYEES + 1 }, (_, i) => ({ externalId: `R${i}`, firstName: 'A', lastName: 'B' }));
    expect(fastPath({ items })).toBeUndefined();
    expect(fastPath({ items: items.slice(1) })).toBeDefined();
  });
});
