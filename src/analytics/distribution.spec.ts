import { describe, expect, it } from '@jest/globals';
import { percentileRank, quantile } from './distribution.js';

describe('quantile (type 7)', () => {
  // Reference: R `quantile(c(1, 2, 3, 4, 10), c(0, .25, .5, .75, 1))` = 1, 2, 3, 4, 10;
  // `quantile(c(3.1, 4.2, 2.5, 3.8), c(.25, .5, .75))` = 2.95, 3.45, 3.9
  it('matches R’s default quantiles', () => {
    expect([0, 0.25, 0.5, 0.75, 1].map((q) => quantile([1, 2, 3, 4, 10], q))).toEqual([1, 2, 3, 4, 10]);
    expect(quantile([3.1, 4.2, 2.5, 3.8], 0.25)).toBeCloseTo(2.95, 12);
    expect(quantile([3.1, 4.2, 2.5, 3.8], 0.5)).toBeCloseTo(3.45, 12);
    expect(quantile([3.1, 4.2, 2.5, 3.8], 0.75)).toBeCloseTo(3.9, 12);
    expect(quantile([7], 0.75)).toBe(7);
    expect(quantile([], 0.5)).toBeNull();
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });
});

describe('percentile rank', () => {
  it('counts half the ties', () => {
    expect(percentileRank([1, 2, 3, 4], 3)).toBe(62.5); // 2 below + ½ of 1 equal, over 4
    expect(percentileRank([2, 2, 2, 2], 2)).toBe(50);
    expect(percentileRank([1, 2, 3], 0)).toBe(0);
    expect(percentileRank([1, 2, 3], 9)).toBe(100);
    expect(percentileRank([], 1)).toBeNull();
  });
});
