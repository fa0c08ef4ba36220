import { addMonths, localDate, tenurePhase } from './tenure-phase.js';

describe('tenurePhase', () => {
  const start = '2026-01-15';

  it.each([
    ['2025-12-01', 'onboarding'], // not started yet
    ['2026-01-15', 'onboarding'], // first day
    ['2026-04-14', 'onboarding'], // the day before 3 months
    ['2026-04-15', 'initial_development'], // exactly 3 months
    ['2026-10-14', 'initial_development'], // the day before 9 months
    ['2026-10-15', 'ongoing_development'], // exactly 9 months
    ['2031-01-01', 'ongoing_development'],
  ])('on %s is %s', (today, phase) => {
    expect(tenurePhase('engage', start, today)).toBe(phase);
  });

  it('is separation once departed, whatever the dates', () => {
    expect(tenurePhase('depart', start, '2026-02-01')).toBe('separation');
    expect(tenurePhase('depart', null, '2026-02-01')).toBe('separation');
  });

  it('is unknown without a start date', () => {
    expect(tenurePhase('engage', null, '2026-02-01')).toBeNull();
  });

  it('counts calendar months from a month end like PostgreSQL (30 Nov + 3 months = 28 Feb)', () => {
    expect(tenurePhase('engage', '2025-11-30', '2026-02-27')).toBe('onboarding');
    expect(tenurePhase('engage', '2025-11-30', '2026-02-28')).toBe('initial_development');
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-05-31', 3, '2026-08-31'],
    ['2026-05-31', 4, '2026-09-30'],
    ['2026-11-15', 3, '2027-02-15'],
    ['2026-12-31', 9, '2027-09-30'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('localDate', () => {
  it('is the calendar date in the tenant’s time zone', () => {
    const instant = new Date('2026-03-01T02:30:00Z');
    expect(localDate(instant, 'UTC')).toBe('2026-03-01');
    expect(localDate(instant, 'America/New_York')).toBe('2026-02-28');
    expect(localDate(instant, 'Asia/Tokyo')).toBe('2026-03-01');
  });
});
