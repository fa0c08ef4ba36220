import { defineProblems } from '#src/common/errors/domain-error.js';

export const EmployeesProblems = defineProblems('employees', {
  notFound: { kind: 'not_found', title: 'Employee not found' },
  externalIdTaken: { kind: 'conflict', title: 'Another employee has this external id' },
  workEmailTaken: { kind: 'conflict', title: 'Another employee has this work e-mail' },
  transitionNotAllowed: { kind: 'conflict', title: 'This stage move is not allowed' },
  transitionOutOfOrder: { kind: 'conflict', title: 'The move is dated before the employee’s last move' },
  managerCycle: { kind: 'conflict', title: 'The manager would report to this employee' },
  fullSyncGuard: { kind: 'conflict', title: 'The full sync would move too many employees to depart' },
  staleVersion: { kind: 'conflict', title: 'The employee was changed by someone else' },
  erased: { kind: 'conflict', title: 'The employee was erased' },
});
