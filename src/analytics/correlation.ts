import { studentTTwoSidedP } from './distributions.js';

/**
 * Pearson's correlation coefficient of paired values. Null when it is undefined: fewer than three
 * pairs (two points always lie on a line) or no variation in either series.
 */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length !== ys.length) throw new RangeError('pearson() needs as many x values as y values');
  if (xs.length < 3) return null;
  const { sxx, syy, sxy } = sums(xs, ys);
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/** Means, and sums of squared and crossed deviations from them, of paired values. */
function sums(xs: readonly number[], ys: readonly number[]): { meanX: number; meanY: number; sxx: number; syy: number; sxy: number } {
  const n = xs.length;
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - meanX;
    const dy = ys[i]! - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return { meanX, meanY, sxx, syy, sxy };
}

/** z₀.₉₇₅, the standard normal quantile of a two-sided 95 % interval (1.959964 to six decimals). */
export const Z_975 = 1.959963984540054;

/** Pearson's r with its 95 % confidence interval (Fisher z) and two-sided p-value (Student t, n − 2 df). */
export interface PearsonTest {
  readonly r: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly p: number;
}

/**
 * Pearson's r, its 95 % confidence interval tanh(atanh(r) ± z₀.₉₇₅ / √(n − 3)) and its two-sided
 * p-value from t = r √((n − 2) / (1 − r²)) with n − 2 degrees of freedom. With n = 3 the interval is
 * [−1, 1]; with r = ±1 it is [r, r] and p = 0. Null where r is undefined (see {@link pearson}).
 */
export function pearsonTest(xs: readonly number[], ys: readonly number[]): PearsonTest | null {
  const raw = pearson(xs, ys);
  if (raw === null) return null;
  const r = Math.max(-1, Math.min(1, raw));
  const n = xs.length;
  return { r, ...fisherInterval(r, n), p: correlationP(r, n) };
}

/** The 95 % Fisher-z interval of a correlation r from n pairs (n ≥ 3). */
export function fisherInterval(r: number, n: number): { ciLow: number; ciHigh: number } {
  if (Math.abs(r) === 1) return { ciLow: r, ciHigh: r };
  if (n <= 3) return { ciLow: -1, ciHigh: 1 };
  const z = Math.atanh(r);
  const half = Z_975 / Math.sqrt(n - 3);
  return { ciLow: Math.tanh(z - half), ciHigh: Math.tanh(z + half) };
}

/** Two-sided p of a correlation r from n pairs: t = r √((n − 2) / (1 − r²)), Student t with n − 2 df. */
export function correlationP(r: number, n: number): number {
  if (n < 3) throw new RangeError('correlationP() needs n ≥ 3');
  if (Math.abs(r) >= 1) return 0;
  const t = r * Math.sqrt((n - 2) / (1 - r * r));
  return studentTTwoSidedP(t, n - 2);
}

/** Ranks 1 … n of the values; tied values share the mean of the ranks they span. */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.value === order[start]!.value) end += 1;
    const rank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) ranks[order[i]!.index] = rank;
    start = end + 1;
  }
  return ranks;
}

/** Spearman's ρ (Pearson's r of the average ranks) with its two-sided p by the same t approximation. */
export function spearman(xs: readonly number[], ys: readonly number[]): { rho: number; p: number } | null {
  if (xs.length !== ys.length) throw new RangeError('spearman() needs as many x values as y values');
  const raw = pearson(averageRanks(xs), averageRanks(ys));
  if (raw === null) return null;
  const rho = Math.max(-1, Math.min(1, raw));
  return { rho, p: correlationP(rho, xs.length) };
}

/** Least-squares line of y on x and its R² (= r²). Null with fewer than three pairs or no variation. */
export function linearFit(xs: readonly number[], ys: readonly number[]): { slope: number; intercept: number; r2: number } | null {
  if (xs.length !== ys.length) throw new RangeError('linearFit() needs as many x values as y values');
  if (xs.length < 3) return null;
  const { meanX, meanY, sxx, syy, sxy } = sums(xs, ys);
  if (sxx === 0 || syy === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: meanY - slope * meanX, r2: Math.min(1, (sxy * sxy) / (sxx * syy)) };
}

export type RelationUndefined = 'too_few_pairs' | 'constant_x' | 'constant_y';

/** Every statistic of a relation between paired x and y, or why there is none. */
export type Relation =
  | {
      readonly n: number;
      readonly pearson: PearsonTest;
      readonly spearman: { readonly rho: number; readonly p: number };
      readonly regression: { readonly slope: number; readonly intercept: number; readonly r2: number };
    }
  | { readonly n: number; readonly reason: RelationUndefined };

/** Pearson (with CI and p), Spearman (with p) and the least-squares line of y on x; undefined below three pairs or with a constant series. */
export function relation(xs: readonly number[], ys: readonly number[]): Relation {
  const n = xs.length;
  if (n < 3) return { n, reason: 'too_few_pairs' };
  if (xs.every((x) => x === xs[0])) return { n, reason: 'constant_x' };
  if (ys.every((y) => y === ys[0])) return { n, reason: 'constant_y' };
  const p = pearsonTest(xs, ys);
  const s = spearman(xs, ys);
  const fit = linearFit(xs, ys);
  if (!p || !s || !fit) return { n, reason: 'constant_x' };
  return { n, pearson: p, spearman: s, regression: fit };
}
