import type { Stage } from './journey.js';

/**
 * The moves the journey allows from each stage:
 * attract → hire → onboard → engage; engage, perform and develop move freely among themselves;
 * every stage from hire on may move to depart; depart → attract is a rehire ("boomerang").
 */
const ALLOWED: Readonly<Record<Stage, readonly Stage[]>> = {
  attract: ['hire'],
  hire: ['onboard', 'depart'],
  onboard: ['engage', 'depart'],
  engage: ['perform', 'develop', 'depart'],
  perform: ['engage', 'develop', 'depart'],
  develop: ['engage', 'perform', 'depart'],
  depart: ['attract'],
};

/** The stages an employee in `from` may move to, in journey order. */
export function allowedMoves(from: Stage): readonly Stage[] {
  return ALLOWED[from];
}

export function isAllowedMove(from: Stage, to: Stage): boolean {
  return ALLOWED[from].includes(to);
}

/** A rehire: someone who left comes back into the pipeline. */
export function isBoomerang(from: Stage, to: Stage): boolean {
  return from === 'depart' && to === 'attract';
}
