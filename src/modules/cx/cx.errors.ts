import { defineProblems } from '#src/common/errors/domain-error.js';

export const CxProblems = defineProblems('cx', {
  metricExists: { kind: 'conflict', title: 'A CX metric with this key exists' },
  outOfScope: { kind: 'forbidden', title: 'Outside your reporting line' },
});
