import { defineProblems } from '#src/common/errors/domain-error.js';

export const UnitsProblems = defineProblems('units', {
  notFound: { kind: 'not_found', title: 'Unit not found' },
  externalIdTaken: { kind: 'conflict', title: 'External id already in use' },
  staleVersion: { kind: 'conflict', title: 'The unit was changed by someone else' },
  cycle: { kind: 'conflict', title: 'A unit cannot be moved under itself or its sub-units' },
  tooDeep: { kind: 'conflict', title: 'The org tree would be deeper than allowed' },
  notEmpty: { kind: 'conflict', title: 'The unit still has active sub-units or employees' },
  bulkRejected: { kind: 'invalid', title: 'The bulk upsert has invalid rows; nothing was applied' },
});
