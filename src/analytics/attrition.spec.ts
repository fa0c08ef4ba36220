import { describe, expect, it } from '@jest/globals';
import { attritionFigures, daysInclusive, retentionRisk, tenurePhaseAtExit, type ExitFact } from './attrition.js';

const exit = (overrides: Partial<ExitFact>): ExitFact => ({
  type: 'voluntary',
  regrettable: null,
  primaryReason: 'other',
  secondaryReasons: [],
  startDate: '2020-01-01',
  lastWorkingDay: '2026-02-15',
  alumniOptIn: false,
  ...overrides,
});

describe('attrition figures', () => {
  it('counts days with both ends included', () => {
    expect(daysInclusive('2026-01-01', '2026-03-31')).toBe(90);
    expect(daysInclusive('2024-01-01', '2024-12-31')).toBe(366);
    expect(daysInclusive('2026-03-29', '2026-03-30')).toBe(2); // across a DST change in Europe: dates, not instants
  });

  it('equals hand-computed rates for a quarter', () => {
    // Q1 2026 (90 days): 100 people on 1 January, 90 on 31 March → average 95.
    // Five exits: three voluntary (two regrettable), one involuntary, one retirement.
    const figures = attritionFigures({
      headcountStart: 100,
      headcountEnd: 90,
      days: 90,
      exits: [
        exit({ regrettable: true, primaryReason: 'compensation', secondaryReasons: ['manager'], alumniOptIn: true }),
        exit({ regrettable: true, primaryReason: 'compensation', startDate: '2025-12-01', lastWorkingDay: '2026-02-27' }), // 88 days in
        exit({ regrettable: false, primaryReason: 'career_growth', secondaryReasons: ['compensation', 'manager'], startDate: '2025-06-01', lastWorkingDay: '2026-02-28' }), // 9 months in on 1 March
        exit({ type: 'involuntary', primaryReason: 'role_fit', startDate: '2025-11-01', lastWorkingDay: '2026-01-30' }), // 90 days in: not within 90
        exit({ type: 'retirement', primaryReason: 'personal', startDate: null }),
      ],
    });
    expect(figures).toEqual({
      headcountStart: 100,
      headcountEnd: 90,
      averageHeadcount: 95,
      separations: 5,
      attritionRate: 0.0526, // 5 / 95 = 0.052631…
      annualisedRate: 0.2135, // 5 / 95 × 365 / 90 = 0.213450…
      voluntary: 3,
      voluntaryRate: 0.0316, // 3 / 95 = 0.031578…
      regrettable: 2,
      regrettableRate: 0.0211, // 2 / 95 = 0.021052…
      earlyAttrition: { within90Days: 1, within12Months: 3, shareWithin90Days: 0.2, shareWithin12Months: 0.6 },
      reasons: { primary: { compensation: 2, career_growth: 1, personal: 1, role_fit: 1 }, secondary: { manager: 2, compensation: 1 } },
      tenurePhaseAtExit: { onboarding: 2, initial_development: 1, ongoing_development: 1, unknown: 1 },
      alumniOptIns: 1,
      alumniOptInRate: 0.2,
    });
  });

  it('annualises a year as itself, and has no rate without people', () => {
    const byReason = attritionFigures({ headcountStart: 40, headcountEnd: 60, days: 365, exits: [exit({}), exit({})] });
    expect(byReason.attritionRate).toBe(0.04);
    expect(byReason.annualisedRate).toBe(0.04);
    const empty = attritionFigures({ headcountStart: 0, headcountEnd: 0, days: 31, exits: [] });
    expect(empty).toMatchObject({ attritionRate: null, annualisedRate: null, voluntaryRate: null, alumniOptInRate: null });
    expect(empty.earlyAttrition).toEqual({ within90Days: 0, within12Months: 0, shareWithin90Days: null, shareWithin12Months: null });
  });

  it('places an exit in the tenure phase of its last working day', () => {
    expect(tenurePhaseAtExit('2026-01-31', '2026-04-29')).toBe('onboarding');
    expect(tenurePhaseAtExit('2026-01-31', '2026-04-30')).toBe('initial_development'); // 31 Jan + 3 months = 30 Apr
    expect(tenurePhaseAtExit('2025-01-01', '2025-10-01')).toBe('ongoing_development');
    expect(tenurePhaseAtExit(null, '2025-10-01')).toBe('unknown');
  });
});

describe('retention risk', () => {
  it('adds each signal’s weighted points, and says how many each gave', () => {
    const risk = retentionRisk({ detractorShare: 0.4, engagementDrop: 0.1, regrettableExits: 0.05, participationDrop: 0, earlyTenureShare: 0.2 });
    // 100 × (0.3 × 0.4 + 0.25 × 0.1 + 0.2 × 0.05 + 0.15 × 0 + 0.1 × 0.2) = 12 + 2.5 + 1 + 0 + 2
    expect(risk).toEqual({ score: 17.5, contributions: { detractorShare: 12, engagementDrop: 2.5, regrettableExits: 1, participationDrop: 0, earlyTenureShare: 2 } });
  });

  it('rescales to the signals it can measure, and gives no score with none', () => {
    const risk = retentionRisk({ detractorShare: 0.4, engagementDrop: null, regrettableExits: 0.05, participationDrop: null, earlyTenureShare: 0.2 });
    // Weights present: 0.3 + 0.2 + 0.1 = 0.6. 100 × 0.3 × 0.4 / 0.6 = 20; 100 × 0.2 × 0.05 / 0.6 = 1.67; 100 × 0.1 × 0.2 / 0.6 = 3.33.
    expect(risk).toEqual({ score: 25, contributions: { detractorShare: 20, engagementDrop: null, regrettableExits: 1.67, participationDrop: null, earlyTenureShare: 3.33 } });
    expect(retentionRisk({ detractorShare: null, engagementDrop: null, regrettableExits: null, participationDrop: null, earlyTenureShare: null }).score).toBeNull();
    expect(retentionRisk({ detractorShare: 2, engagementDrop: null, regrettableExits: null, participationDrop: null, earlyTenureShare: null }).score).toBe(100);
  });
});
