export const CHECKLIST_KINDS = ['onboarding', 'offboarding', 'custom'] as const;
export type ChecklistKind = (typeof CHECKLIST_KINDS)[number];

export const ASSIGNEE_RULES = ['hr', 'manager', 'buddy', 'employee', 'user', 'unit'] as const;
export type AssigneeRule = (typeof ASSIGNEE_RULES)[number];

/** Which employees a task applies to; an empty or missing list does not restrict. */
export interface TaskConditions {
  readonly locations?: string[];
  /** Units, each with its sub-units. */
  readonly unitIds?: string[];
  readonly employmentTypes?: string[];
}

/** One task of a template version. `key` is unique in the version; dependencies name keys. */
export interface TemplateTask {
  readonly key: string;
  readonly title: string;
  readonly description: string | null;
  readonly assignee: { readonly rule: AssigneeRule; readonly userId?: string; readonly unitId?: string };
  /** Days after the anchor (negative: before it, e.g. pre-boarding). */
  readonly offsetDays: number;
  readonly required: boolean;
  readonly dependsOn: string[];
  readonly conditions: TaskConditions;
}

/** Problems with a version's tasks as a whole: repeated keys, unknown or cyclic dependencies. */
export function taskGraphProblems(tasks: readonly TemplateTask[]): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const index = new Map<string, number>();
  tasks.forEach((task, i) => {
    if (index.has(task.key)) problems.push({ field: `tasks.${i}.key`, message: `repeats the key of task ${index.get(task.key)}` });
    else index.set(task.key, i);
  });
  tasks.forEach((task, i) => {
    task.dependsOn.forEach((key, j) => {
      if (!index.has(key)) problems.push({ field: `tasks.${i}.dependsOn.${j}`, message: 'names no task of this template' });
      else if (key === task.key) problems.push({ field: `tasks.${i}.dependsOn.${j}`, message: 'is the task itself' });
    });
    if (task.assignee.rule === 'user' && !task.assignee.userId) problems.push({ field: `tasks.${i}.assignee.userId`, message: 'is required for the rule user' });
    if (task.assignee.rule === 'unit' && !task.assignee.unitId) problems.push({ field: `tasks.${i}.assignee.unitId`, message: 'is required for the rule unit' });
  });
  if (problems.length === 0) {
    const cycle = findCycle(tasks);
    if (cycle) problems.push({ field: 'tasks', message: `have a dependency cycle: ${cycle.join(' → ')}` });
  }
  return problems;
}

function findCycle(tasks: readonly TemplateTask[]): string[] | null {
  const byKey = new Map(tasks.map((task) => [task.key, task]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (key: string): string[] | null => {
    if (state.get(key) === 'done') return null;
    if (state.get(key) === 'visiting') return [...path.slice(path.indexOf(key)), key];
    state.set(key, 'visiting');
    path.push(key);
    for (const next of byKey.get(key)?.dependsOn ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(key, 'done');
    return null;
  };
  for (const task of tasks) {
    const cycle = visit(task.key);
    if (cycle) return cycle;
  }
  return null;
}
