import { defineProblems } from '#src/common/errors/domain-error.js';

export const PrivacyProblems = defineProblems('privacy', {
  employeeActive: { kind: 'conflict', title: 'A current employee cannot be erased' },
});
