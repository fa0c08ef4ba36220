import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { averageRanks, fisherInterval, linearFit, pearsonTest, relation, spearman } from './correlation.js';

/** Reference values from SciPy (pearsonr, spearmanr, linregress, rankdata); fixtures/statistics.py says how they were made. */
const fixtures = JSON.parse(readFileSync(join(process.cwd(), 'src', 'analytics', 'fixtures', 'statistics.json'), 'utf8')) as {
  correlations: {
    name: string;
    x: number[];
    y: number[];
    r: number;
    p: number;
    ciLow: number;
    ciHigh: number;
    rho: number;
    rhoP: number;
    slope: number;
    intercept: number;
    r2: number;
  }[];
  ranks: { values: number[]; ranks: number[] }[];
};

function expectClose(actual: number | undefined, expected: number): void {
  expect(actual).toBeDefined();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(1e-12 + 1e-9 * Math.abs(expected));
}

describe.each(fixtures.correlations)('the $name series (n = $x.length)', (c) => {
  it('has scipy’s Pearson r, 95 % interval and p', () => {
    const test = pearsonTest(c.x, c.y)!;
    expectClose(test.r, c.r);
    expectClose(test.ciLow, c.ciLow);
    expectClose(test.ciHigh, c.ciHigh);
    expectClose(test.p, c.p);
  });

  it('has scipy’s Spearman ρ and p', () => {
    const s = spearman(c.x, c.y)!;
    expectClose(s.rho, c.rho);
    expectClose(s.p, c.rhoP);
  });

  it('has scipy’s least-squares line and R²', () => {
    const fit = linearFit(c.x, c.y)!;
    expectClose(fit.slope, c.slope);
    expectClose(fit.intercept, c.intercept);
    expectClose(fit.r2, c.r2);
  });
});

describe('averageRanks', () => {
  it.each(fixtures.ranks)('matches scipy.stats.rankdata(method="average")', ({ values, ranks }) => {
    expect(averageRanks(values)).toEqual(ranks);
  });

  it('gives tied values the mean of their ranks', () => {
    expect(averageRanks([10, 20, 20, 30, 20])).toEqual([1, 3, 3, 5, 3]);
  });
});

describe('fisherInterval', () => {
  it('is [−1, 1] with three pairs and [r, r] for a perfect correlation', () => {
    expect(fisherInterval(0.5, 3)).toEqual({ ciLow: -1, ciHigh: 1 });
    expect(fisherInterval(1, 3)).toEqual({ ciLow: 1, ciHigh: 1 });
    expect(fisherInterval(-1, 10)).toEqual({ ciLow: -1, ciHigh: -1 });
  });

  it('uses z₀.₉₇₅ / √(n − 3) on the z scale', () => {
    // r = 0.5, n = 28: atanh(0.5) = 0.5493061443, ± 1.959964 / 5 = 0.3919928 → tanh(0.1573133) = 0.1560284, tanh(0.9412989) = 0.7358185.
    const { ciLow, ciHigh } = fisherInterval(0.5, 28);
    expect(ciLow).toBeCloseTo(0.1560284, 6);
    expect(ciHigh).toBeCloseTo(0.7358185, 6);
  });
});

describe('relation', () => {
  it('says why there are no statistics', () => {
    expect(relation([1, 2], [3, 4])).toEqual({ n: 2, reason: 'too_few_pairs' });
    expect(relation([2, 2, 2], [1, 2, 3])).toEqual({ n: 3, reason: 'constant_x' });
    expect(relation([1, 2, 3], [5, 5, 5])).toEqual({ n: 3, reason: 'constant_y' });
    expect(pearsonTest([2, 2, 2], [1, 2, 3])).toBeNull();
    expect(spearman([1, 2, 3], [5, 5, 5])).toBeNull();
    expect(linearFit([1, 2, 3], [5, 5, 5])).toBeNull();
  });

  it('puts the three together', () => {
    const c = fixtures.correlations.find((x) => x.name === 'ties')!;
    const result = relation(c.x, c.y);
    expect('pearson' in result && result.n).toBe(8);
    if (!('pearson' in result)) return;
    expectClose(result.pearson.r, c.r);
    expectClose(result.spearman.rho, c.rho);
    expectClose(result.regression.slope, c.slope);
  });
});
