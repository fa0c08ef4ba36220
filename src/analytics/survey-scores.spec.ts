import { describe, expect, it } from '@jest/globals';
import { enps, likert, sumTallies, toHundred } from './survey-scores.js';

/** A tally from raw answers, the way rollups build it. */
function tally(values: number[]) {
  const histogram = new Array<number>(Math.max(...values) + 1).fill(0);
  for (const v of values) histogram[v]! += 1;
  return { answered: values.length, total: values.reduce((a, b) => a + b, 0), histogram };
}

describe('survey scores', () => {
  it('computes eNPS as % promoters minus % detractors, with the three counts', () => {
    // 3 promoters (9, 10, 10), 2 passives (7, 8), 3 detractors (0, 5, 6): 100 × (3 − 3) / 8 = 0.
    expect(enps(tally([9, 10, 10, 7, 8, 0, 5, 6]))).toEqual({ score: 0, promoters: 3, passives: 2, detractors: 3, respondents: 8 });
    // 4 promoters, 1 passive, 1 detractor of 6: 100 × 3 / 6 = 50.
    expect(enps(tally([9, 9, 10, 10, 7, 3]))?.score).toBe(50);
    // 1 promoter, 2 detractors of 3: −33.3.
    expect(enps(tally([10, 2, 6]))?.score).toBe(-33.3);
    expect(enps({ answered: 0, total: 0, histogram: [] })).toBeNull();
  });

  it('computes likert means and favourable shares', () => {
    // (5 + 4 + 4 + 2 + 1) / 5 = 3.2; favourable 3 of 5.
    expect(likert(tally([5, 4, 4, 2, 1]))).toEqual({ mean: 3.2, favourable: 0.6, answered: 5 });
    expect(likert({ answered: 0, total: 0, histogram: [] })).toBeNull();
  });

  it('adds tallies of different lengths', () => {
    expect(sumTallies([tally([1, 2]), tally([5])])).toEqual({ answered: 3, total: 8, histogram: [0, 1, 1, 0, 0, 1] });
  });

  it('rescales a 1–5 mean to 0–100', () => {
    expect(toHundred(1)).toBe(0);
    expect(toHundred(5)).toBe(100);
    expect(toHundred(3.2)).toBe(55);
  });
});
