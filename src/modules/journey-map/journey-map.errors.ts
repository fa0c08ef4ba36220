import { defineProblems } from '#src/common/errors/domain-error.js';

export const JourneyMapProblems = defineProblems('journey_map', {
  touchpointNotFound: { kind: 'not_found', title: 'Touchpoint not found' },
  touchpointStale: { kind: 'conflict', title: 'The touchpoint was changed by someone else' },
  touchpointRetired: { kind: 'conflict', title: 'The touchpoint is retired' },
  orderMismatch: { kind: 'conflict', title: 'The order does not list the stage’s touchpoints' },
  linkNotFound: { kind: 'not_found', title: 'Touchpoint link not found' },
  painPointNotFound: { kind: 'not_found', title: 'Pain point not found' },
  alreadyCounted: { kind: 'conflict', title: 'You already said "me too"' },
});
