import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { logGamma, regularizedIncompleteBeta, studentTTwoSidedP } from './distributions.js';

/** Reference values from SciPy; fixtures/statistics.py says how they were made. */
const fixtures = JSON.parse(readFileSync(join(process.cwd(), 'src', 'analytics', 'fixtures', 'statistics.json'), 'utf8')) as {
  tTail: { t: number; df: number; twoSided: number }[];
  betainc: { x: number; a: number; b: number; value: number }[];
  gammaln: { x: number; value: number }[];
};

/** Equal to 1e-9, relative for values away from zero. */
export function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 + 1e-9 * Math.abs(expected));
}

describe('logGamma', () => {
  it.each(fixtures.gammaln)('matches scipy.special.gammaln($x)', ({ x, value }) => expectClose(logGamma(x), value));

  it('refuses x ≤ 0', () => {
    expect(() => logGamma(0)).toThrow(RangeError);
  });
});

describe('regularizedIncompleteBeta', () => {
  it.each(fixtures.betainc)('matches scipy.special.betainc($a, $b, $x)', ({ x, a, b, value }) => expectClose(regularizedIncompleteBeta(x, a, b), value));

  it('refuses arguments outside its domain', () => {
    expect(() => regularizedIncompleteBeta(1.5, 1, 1)).toThrow(RangeError);
    expect(() => regularizedIncompleteBeta(0.5, 0, 1)).toThrow(RangeError);
  });
});

describe('studentTTwoSidedP', () => {
  it.each(fixtures.tTail)('matches 2 · scipy.stats.t.sf(|$t|, $df)', ({ t, df, twoSided }) => expectClose(studentTTwoSidedP(t, df), twoSided));

  it('knows textbook critical values', () => {
    // Student t tables: t₀.₉₇₅ with 10 df is 2.228 (p ≈ 0.05), with 1 df 12.706.
    expect(studentTTwoSidedP(2.228138851986274, 10)).toBeCloseTo(0.05, 12);
    expect(studentTTwoSidedP(12.706204736174698, 1)).toBeCloseTo(0.05, 12);
    // With 1 df, t is Cauchy: P(|T| ≥ 1) = 1/2 exactly.
    expect(studentTTwoSidedP(1, 1)).toBeCloseTo(0.5, 14);
  });

  it('gives 0 for an infinite t', () => {
    expect(studentTTwoSidedP(Infinity, 5)).toBe(0);
  });
});
