import { defineProblems } from '#src/common/errors/domain-error.js';

export const TenancyProblems = defineProblems('tenancy', {
  slugTaken: { kind: 'conflict', title: 'Organisation slug already in use' },
  staleVersion: { kind: 'conflict', title: 'The settings were changed by someone else' },
});
