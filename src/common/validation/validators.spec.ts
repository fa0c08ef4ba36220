import { isBcp47Locale, isDateOnly, isIanaTimeZone } from './validators.js';

describe('validators', () => {
  it.each([['2026-02-28', true], ['2024-02-29', true], ['2026-02-29', false], ['2026-13-01', false], ['2026-1-01', false], ['2026-01-01T00:00:00Z', false], [20260101, false]])(
    'isDateOnly(%p) is %p',
    (value, expected) => expect(isDateOnly(value)).toBe(expected),
  );
  it.each([['Europe/Paris', true], ['UTC', true], ['Mars/Olympus', false], [42, false]])('isIanaTimeZone(%p) is %p', (value, expected) =>
    expect(isIanaTimeZone(value)).toBe(expected),
  );
  it.each([['en', true], ['fr-CA', true], ['not a locale!', false], ['', false]])('isBcp47Locale(%p) is %p', (value, expected) =>
    expect(isBcp47Locale(value)).toBe(expected),
  );
});
