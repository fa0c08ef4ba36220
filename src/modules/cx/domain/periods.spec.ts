import { describe, expect, it } from '@jest/globals';
import { formatPeriod, parsePeriod, periodDays, quarterOfMonth, shiftPeriod } from './periods.js';

describe('periods', () => {
  it('reads months, ISO weeks and quarters, and refuses anything else', () => {
    expect(parsePeriod('2026-01')?.granularity).toBe('month');
    expect(parsePeriod('2026-W05')?.granularity).toBe('week');
    expect(parsePeriod('2026-Q3')?.granularity).toBe('quarter');
    for (const bad of ['2026-13', '2026-1', '2026-W00', '2026-W54', '2026-Q5', '26-01', '2026-01-01', '']) expect(parsePeriod(bad)).toBeNull();
  });

  it('knows which years have a week 53', () => {
    // 2026 starts on a Thursday (53 ISO weeks); 2027 on a Friday (52).
    expect(parsePeriod('2026-W53')).not.toBeNull();
    expect(parsePeriod('2027-W53')).toBeNull();
  });

  it('steps across year ends', () => {
    expect(shiftPeriod('2025-12', 1)).toBe('2026-01');
    expect(shiftPeriod('2026-01', -13)).toBe('2024-12');
    expect(shiftPeriod('2026-W53', 1)).toBe('2027-W01');
    expect(shiftPeriod('2025-W01', -1)).toBe('2024-W52');
    expect(shiftPeriod('2025-Q4', 2)).toBe('2026-Q2');
  });

  it('round-trips every week of several years', () => {
    const start = parsePeriod('2019-W01')!;
    for (let i = 0; i < 400; i++) {
      const text = formatPeriod({ granularity: 'week', index: start.index + i });
      expect(parsePeriod(text)).toEqual({ granularity: 'week', index: start.index + i });
    }
  });

  it('gives a period’s days and a month’s quarter', () => {
    expect(periodDays('2026-02')).toEqual({ first: '2026-02-01', next: '2026-03-01' });
    expect(periodDays('2026-Q4')).toEqual({ first: '2026-10-01', next: '2027-01-01' });
    // ISO week 1 of 2026 starts on Monday 29 December 2025.
    expect(periodDays('2026-W01')).toEqual({ first: '2025-12-29', next: '2026-01-05' });
    expect(quarterOfMonth('2026-05')).toBe('2026-Q2');
  });
});
