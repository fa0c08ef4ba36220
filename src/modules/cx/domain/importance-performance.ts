/** The quadrants of importance × performance, in the words of Martilla and James (1977). */
export const QUADRANTS = ['concentrate_here', 'keep_up_the_good_work', 'low_priority', 'possible_overkill'] as const;
export type Quadrant = (typeof QUADRANTS)[number];

/** A driver's place in importance × performance: importance = r with CX (turned when lower CX is better), performance = its mean. */
export interface DriverPosition {
  readonly importance: number;
  readonly performance: number;
}

/**
 * Importance-performance analysis (Martilla and James, 1977) over drivers: the cross-hairs are the
 * mean importance and mean performance of the drivers that have both (null entries have no
 * statistics and no quadrant). At or above a cross-hair counts as high. High importance with low
 * performance is `concentrate_here`, the driver to fix first.
 */
export function importancePerformance(positions: readonly (DriverPosition | null)[]): {
  crosshairs: { importance: number | null; performance: number | null };
  quadrants: (Quadrant | null)[];
} {
  const placed = positions.filter((p): p is DriverPosition => p !== null);
  if (placed.length === 0) return { crosshairs: { importance: null, performance: null }, quadrants: positions.map(() => null) };
  const importance = placed.reduce((a, p) => a + p.importance, 0) / placed.length;
  const performance = placed.reduce((a, p) => a + p.performance, 0) / placed.length;
  return {
    crosshairs: { importance, performance },
    quadrants: positions.map((p) => {
      if (p === null) return null;
      const important = p.importance >= importance;
      const performing = p.performance >= performance;
      if (important) return performing ? 'keep_up_the_good_work' : 'concentrate_here';
      return performing ? 'possible_overkill' : 'low_priority';
    }),
  };
}
