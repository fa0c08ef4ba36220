import { defineProblems } from '#src/common/errors/domain-error.js';

export const ChecklistsProblems = defineProblems('checklists', {
  templateNotFound: { kind: 'not_found', title: 'Checklist template not found' },
  templateStale: { kind: 'conflict', title: 'The template was changed by someone else' },
  templateArchived: { kind: 'conflict', title: 'The template is archived' },
  notFound: { kind: 'not_found', title: 'Checklist not found' },
  alreadyRunning: { kind: 'conflict', title: 'This template already runs for this employee' },
  noAnchor: { kind: 'conflict', title: 'The employee has no date to count the tasks from' },
  taskNotFound: { kind: 'not_found', title: 'Task not found' },
  dependencyOpen: { kind: 'conflict', title: 'A task this one depends on is still open' },
  requiredTask: { kind: 'conflict', title: 'A required task cannot be skipped' },
  taskState: { kind: 'conflict', title: 'The task is not in a state that allows this' },
  taskStale: { kind: 'conflict', title: 'The task was changed by someone else' },
});
