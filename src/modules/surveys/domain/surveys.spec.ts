import { describe, expect, it } from '@jest/globals';
import type { AskedQuestion } from './questions.js';
import { interleaveByDriver, nextRoundAt, pulseSelection } from './surveys.js';

const q = (id: string, driverKey: string | null, type: AskedQuestion['type'] = 'likert5'): AskedQuestion => ({
  id,
  driverKey,
  type,
  texts: { en: id },
  options: null,
});

describe('pulse rotation', () => {
  const bank = [q('a1', 'a'), q('a2', 'a'), q('a3', 'a'), q('b1', 'b'), q('b2', 'b'), q('c1', 'c'), q('nps', null, 'enps')];

  it('interleaves questions by driver', () => {
    expect(interleaveByDriver(bank.filter((x) => x.type !== 'enps')).map((x) => x.id)).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
  });

  it('asks eNPS every round and covers every driver within ⌈drivers / perRound⌉ rounds', () => {
    const asked = [1, 2].map((round) => pulseSelection(bank, 2, round).map((x) => x.id));
    expect(asked[0]).toEqual(['a1', 'b1', 'nps']);
    expect(asked[1]).toEqual(['a2', 'c1', 'nps']);
    const drivers = new Set(asked.flat().map((id) => id[0]));
    expect([...drivers].sort()).toEqual(['a', 'b', 'c', 'n']);
  });

  it('covers every question within ⌈questions / perRound⌉ rounds, then starts over', () => {
    const seen = new Set([1, 2, 3, 4].flatMap((round) => pulseSelection(bank, 2, round).map((x) => x.id)));
    expect(seen.size).toBe(bank.length);
    expect(pulseSelection(bank, 2, 4).map((x) => x.id)).toEqual(['a1', 'b1', 'nps']);
  });

  it('asks everything when perRound is null or covers the bank', () => {
    expect(pulseSelection(bank, null, 3)).toHaveLength(bank.length);
    expect(pulseSelection(bank, 10, 3)).toHaveLength(bank.length);
  });
});

describe('nextRoundAt', () => {
  it('adds weeks, and calendar months clamped to the month end', () => {
    const from = new Date('2026-01-31T09:00:00.000Z');
    expect(nextRoundAt('weekly', from).toISOString()).toBe('2026-02-07T09:00:00.000Z');
    expect(nextRoundAt('biweekly', from).toISOString()).toBe('2026-02-14T09:00:00.000Z');
    expect(nextRoundAt('monthly', from).toISOString()).toBe('2026-02-28T09:00:00.000Z');
    expect(nextRoundAt('quarterly', from).toISOString()).toBe('2026-04-30T09:00:00.000Z');
  });
});
