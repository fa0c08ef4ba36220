import { describe, expect, it } from '@jest/globals';
import { impactParts, impactScore } from './impact.js';

describe('touchpoint impact', () => {
  it('weighs friction by reach, from hand-computed parts', () => {
    // 3 reports + 1 me-too among 8 people: voice 0.5; severity mean 4 → 0.75; pain = 0.5 × 1.75 / 2 = 0.4375.
    // Lateness 0.25 and a question mean of 3 (→ 0.5): friction = (0.4375 + 0.25 + 0.5) / 3 = 0.39583.
    // Reach 8 of a largest 8: factor 1 → score 39.6.
    const parts = impactParts({ reports: 3, meToos: 1, meanSeverity: 4, reach: 8, lateShare: 0.25, negativeShare: null, questionMean: 3 }, 8);
    expect(parts).toEqual({ voice: 0.5, severity: 0.75, lateness: 0.25, sentiment: null, questions: 0.5, friction: 0.396, reachFactor: 1 });
    expect(impactScore(parts)).toBe(39.6);
  });

  it('counts what is there: reports alone, and nobody passing through', () => {
    // 2 reports, nobody entered the stage: voice = min(1, 2 / 1) = 1; severity 5 → 1; pain 1; reach factor 1/9.
    const parts = impactParts({ reports: 2, meToos: 0, meanSeverity: 5, reach: 0, lateShare: null, negativeShare: null, questionMean: null }, 8);
    expect(parts.friction).toBe(1);
    expect(impactScore(parts)).toBe(11.1);
    expect(impactScore(impactParts({ reports: 0, meToos: 0, meanSeverity: null, reach: 5, lateShare: null, negativeShare: null, questionMean: null }, 8))).toBe(0);
  });
});
