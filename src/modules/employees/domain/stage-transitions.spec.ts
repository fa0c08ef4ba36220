import { STAGES, type Stage } from './journey.js';
import { allowedMoves, isAllowedMove, isBoomerang } from './stage-transitions.js';

const ALLOWED: [Stage, Stage][] = [
  ['attract', 'hire'],
  ['hire', 'onboard'],
  ['onboard', 'engage'],
  ['engage', 'perform'],
  ['engage', 'develop'],
  ['perform', 'engage'],
  ['perform', 'develop'],
  ['develop', 'engage'],
  ['develop', 'perform'],
  ['hire', 'depart'],
  ['onboard', 'depart'],
  ['engage', 'depart'],
  ['perform', 'depart'],
  ['develop', 'depart'],
  ['depart', 'attract'],
];

describe('stage transitions', () => {
  it.each(ALLOWED)('allows %s → %s', (from, to) => {
    expect(isAllowedMove(from, to)).toBe(true);
  });

  const refused = STAGES.flatMap((from) => STAGES.map((to) => [from, to] as [Stage, Stage])).filter(
    ([from, to]) => !ALLOWED.some(([f, t]) => f === from && t === to),
  );

  it('refuses every other pair, including staying put', () => {
    expect(refused).toHaveLength(STAGES.length * STAGES.length - ALLOWED.length);
    for (const [from, to] of refused) expect([from, to, isAllowedMove(from, to)]).toEqual([from, to, false]);
    for (const stage of STAGES) expect(isAllowedMove(stage, stage)).toBe(false);
  });

  it('refuses skipping stages and leaving before hire', () => {
    expect(isAllowedMove('attract', 'onboard')).toBe(false);
    expect(isAllowedMove('hire', 'engage')).toBe(false);
    expect(isAllowedMove('attract', 'depart')).toBe(false);
    expect(isAllowedMove('depart', 'engage')).toBe(false);
  });

  it('lists the allowed moves in journey order', () => {
    expect(allowedMoves('engage')).toEqual(['perform', 'develop', 'depart']);
    expect(allowedMoves('depart')).toEqual(['attract']);
  });

  it('counts depart → attract as a boomerang, nothing else', () => {
    expect(isBoomerang('depart', 'attract')).toBe(true);
    expect(ALLOWED.filter(([f, t]) => isBoomerang(f, t))).toEqual([['depart', 'attract']]);
  });
});
