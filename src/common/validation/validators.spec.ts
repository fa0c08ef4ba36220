import fc from 'fast-check';
import { isBcp47Locale, isDateOnly, isIanaTimeZone } from './validators.js';

/** The plain definition of a date-only value: it survives a round trip through `Date` unchanged. */
function roundTripsAsDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

describe('validators', () => {
  it.each([['2026-02-28', true], ['2024-02-29', true], ['2026-02-29', false], ['2026-13-01', false], ['2026-1-01', false], ['2026-01-01T00:00:00Z', false], [20260101, false]])(
    'isDateOnly(%p) is %p',
    (value, expected) => expect(isDateOnly(value)).toBe(expected),
  );
  it('isDateOnly agrees with a round trip through Date', () => {
    const digits = (n: number) => fc.integer({ min: 0, max: 10 ** n - 1 }).map((v) => String(v).padStart(n, '0'));
    const dateLike = fc.tuple(digits(4), digits(2), digits(2)).map(([y, m, d]) => `${y}-${m}-${d}`);
    fc.assert(fc.property(fc.oneof(dateLike, fc.string()), (value) => expect(isDateOnly(value)).toBe(roundTripsAsDate(value))), { numRuns: 20000 });
    for (const year of ['0000', '1900', '2000', '2024', '2100', '9999']) {
      for (const day of ['28', '29', '30', '31']) expect(isDateOnly(`${year}-02-${day}`)).toBe(roundTripsAsDate(`${year}-02-${day}`));
    }
  });
  it.each([['Europe/Paris', true], ['UTC', true], ['Mars/Olympus', false], [42, false]])('isIanaTimeZone(%p) is %p', (value, expected) =>
    expect(isIanaTimeZone(value)).toBe(expected),
  );
  it.each([['en', true], ['fr-CA', true], ['not a locale!', false], ['', false]])('isBcp47Locale(%p) is %p', (value, expected) =>
    expect(isBcp47Locale(value)).toBe(expected),
  );
});
