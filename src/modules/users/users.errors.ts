import { defineProblems } from '#src/common/errors/domain-error.js';

export const UsersProblems = defineProblems('users', {
  notFound: { kind: 'not_found', title: 'User not found' },
  emailTaken: { kind: 'conflict', title: 'E-mail already in use' },
  staleVersion: { kind: 'conflict', title: 'The user was changed by someone else' },
  employeeTaken: { kind: 'conflict', title: 'Another user is already this employee' },
  selfLockout: { kind: 'conflict', title: 'You cannot deactivate or demote yourself' },
});
