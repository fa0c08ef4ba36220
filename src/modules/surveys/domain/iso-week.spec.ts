import { describe, expect, it } from '@jest/globals';
import { isoWeek } from './iso-week.js';

describe('isoWeek', () => {
  it('numbers weeks as ISO 8601 does, across year ends', () => {
    expect(isoWeek('2026-11-25')).toBe('2026-W48');
    expect(isoWeek('2021-01-03')).toBe('2020-W53'); // a Sunday still in 2020's last week
    expect(isoWeek('2024-12-30')).toBe('2025-W01'); // a Monday already in 2025's first week
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
  });
});
