import { defineProblems } from '#src/common/errors/domain-error.js';

export const RecognitionProblems = defineProblems('recognition', {
  notFound: { kind: 'not_found', title: 'Recognition not found' },
  editWindowClosed: { kind: 'conflict', title: 'The recognition can no longer be edited' },
  staleVersion: { kind: 'conflict', title: 'The recognition was changed by someone else' },
  notAuthor: { kind: 'forbidden', title: 'Only the author may do this' },
});
