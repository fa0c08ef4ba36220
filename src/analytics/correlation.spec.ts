import { describe, expect, it } from '@jest/globals';
import { pearson } from './correlation.js';

describe('pearson', () => {
  it('matches reference values', () => {
    // Deviations (−2, −1, 0, 1, 2) and (−2, 0, 1, 0, 1): Sxy = 6, Sxx = 10, Syy = 6 → 6 / √60 = 0.7745967.
    expect(pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])).toBeCloseTo(0.7745967, 6);
    // Deviations (−1.5, −0.5, 0.5, 1.5) and (−1.5, 0.5, −0.5, 1.5): Sxy = 4, Sxx = Syy = 5 → 0.8.
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
  });

  it('is undefined for fewer than three pairs or a constant series', () => {
    expect(pearson([1, 2], [1, 2])).toBeNull();
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(() => pearson([1, 2, 3], [1, 2])).toThrow(RangeError);
  });
});
