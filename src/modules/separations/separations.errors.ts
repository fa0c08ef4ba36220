import { defineProblems } from '#src/common/errors/domain-error.js';

export const SeparationsProblems = defineProblems('separations', {
  notFound: { kind: 'not_found', title: 'Separation not found' },
  alreadySeparated: { kind: 'conflict', title: 'The employee already has an active separation' },
  notWithdrawable: { kind: 'conflict', title: 'The separation can no longer be withdrawn' },
  staleVersion: { kind: 'conflict', title: 'The separation was changed by someone else' },
  reasonNotFound: { kind: 'not_found', title: 'Separation reason not found' },
  reasonTaken: { kind: 'conflict', title: 'A reason with this key exists' },
  interviewNotFound: { kind: 'not_found', title: 'Exit interview not found' },
  interviewAnswered: { kind: 'conflict', title: 'The exit interview has been answered' },
  interviewCancelled: { kind: 'gone', title: 'The exit interview was cancelled' },
  linkExpired: { kind: 'gone', title: 'The exit interview link has expired' },
});
