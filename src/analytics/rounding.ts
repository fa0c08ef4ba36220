/** `x` rounded to `decimals` places (half away from zero for positives, as `Math.round`). */
export function roundTo(x: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(x * factor) / factor;
}
