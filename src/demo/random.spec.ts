import { describe, expect, it } from '@jest/globals';
import { Random } from './random.js';

describe('Random', () => {
  it('gives the same sequence for the same seed, and another for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, ((rng) => () => rng.next())(new Random(seed)));
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('keeps named parts independent of each other', () => {
    const a = Random.of(1, 'round-0');
    expect(Random.of(1, 'round-0').next()).toBe(a.next());
    expect(Random.of(1, 'round-1').next()).not.toBe(Random.of(1, 'round-0').next());
  });

  it('draws whole numbers in the closed range and picks every item', () => {
    const rng = new Random(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(rng.int(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
    expect(new Set(Array.from({ length: 500 }, () => rng.pick(['a', 'b', 'c'])))).toEqual(new Set(['a', 'b', 'c']));
  });

  it('draws normal deviates with the asked mean and spread, and weighted choices in proportion', () => {
    const rng = new Random(11);
    const values = Array.from({ length: 20_000 }, () => rng.normal(2, 0.5));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
    expect(mean).toBeCloseTo(2, 1);
    expect(sd).toBeCloseTo(0.5, 1);
    const picks = Array.from({ length: 10_000 }, () => rng.weighted([['x', 3], ['y', 1]] as const));
    expect(picks.filter((p) => p === 'x').length / picks.length).toBeCloseTo(0.75, 1);
  });
});
