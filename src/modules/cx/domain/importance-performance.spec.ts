import { describe, expect, it } from '@jest/globals';
import { importancePerformance } from './importance-performance.js';

describe('importancePerformance', () => {
  it('puts each driver in its quadrant against the mean importance and mean performance', () => {
    // Mean importance 0.4, mean performance 3.5.
    const result = importancePerformance([
      { importance: 0.7, performance: 3.0 },
      { importance: 0.6, performance: 4.0 },
      { importance: 0.1, performance: 3.2 },
      { importance: 0.2, performance: 3.8 },
    ]);
    expect(result.crosshairs.importance).toBeCloseTo(0.4, 12);
    expect(result.crosshairs.performance).toBeCloseTo(3.5, 12);
    expect(result.quadrants).toEqual(['concentrate_here', 'keep_up_the_good_work', 'low_priority', 'possible_overkill']);
  });

  it('leaves drivers without statistics out of the cross-hairs and without a quadrant', () => {
    const result = importancePerformance([null, { importance: 0.5, performance: 4 }, null]);
    expect(result.crosshairs).toEqual({ importance: 0.5, performance: 4 });
    // On both cross-hairs counts as high.
    expect(result.quadrants).toEqual([null, 'keep_up_the_good_work', null]);
  });

  it('has no cross-hairs when no driver has statistics', () => {
    expect(importancePerformance([null, null])).toEqual({ crosshairs: { importance: null, performance: null }, quadrants: [null, null] });
  });
});
