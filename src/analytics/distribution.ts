/**
 * Where a value stands among others: quantiles and percentile ranks. Pure; used by the internal
 * benchmark and the observation index (docs/observe.md).
 */

/**
 * The q-quantile (0 ≤ q ≤ 1) of values by linear interpolation between order statistics — the
 * "type 7" definition of R's `quantile()` and NumPy's default. Null without values.
 */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  if (q < 0 || q > 1) throw new RangeError(`quantile needs 0 ≤ q ≤ 1, got ${q}`);
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

/**
 * The percentile rank of `value` among `values` (0–100): the share strictly below plus half the
 * share equal, so a value in the middle of ties ranks in the middle. Null without values.
 */
export function percentileRank(values: readonly number[], value: number): number | null {
  if (values.length === 0) return null;
  const below = values.filter((v) => v < value).length;
  const equal = values.filter((v) => v === value).length;
  return (100 * (below + equal / 2)) / values.length;
}
