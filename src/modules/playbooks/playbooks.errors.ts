import { defineProblems } from '#src/common/errors/domain-error.js';

export const PlaybooksProblems = defineProblems('playbooks', {
  notFound: { kind: 'not_found', title: 'Playbook not found' },
});
