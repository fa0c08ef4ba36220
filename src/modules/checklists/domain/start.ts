import { isWithin, type UnitParents } from '#src/modules/units/domain/unit-tree.js';
import type { TaskConditions, TemplateTask } from './templates.js';

/** What starting a checklist needs to know of the employee. */
export interface ChecklistSubject {
  readonly unitId: string | null;
  readonly location: string | null;
  readonly employmentType: string | null;
}

/** Whether the employee meets every condition a task sets. */
export function meetsConditions(subject: ChecklistSubject, conditions: TaskConditions, parents: UnitParents): boolean {
  if (conditions.locations?.length && !(subject.location && conditions.locations.includes(subject.location))) return false;
  if (conditions.employmentTypes?.length && !(subject.employmentType && conditions.employmentTypes.includes(subject.employmentType))) return false;
  if (conditions.unitIds?.length && !(subject.unitId && conditions.unitIds.some((unit) => isWithin(subject.unitId!, unit, parents)))) return false;
  return true;
}

/**
 * The tasks that apply to the employee, with dependencies on left-out tasks dropped (a task that
 * does not apply cannot hold another back).
 */
export function applicableTasks(tasks: readonly TemplateTask[], subject: ChecklistSubject, parents: UnitParents): TemplateTask[] {
  const kept = tasks.filter((task) => meetsConditions(subject, task.conditions, parents));
  const keys = new Set(kept.map((task) => task.key));
  return kept.map((task) => ({ ...task, dependsOn: task.dependsOn.filter((key) => keys.has(key)) }));
}

/**
 * `YYYY-MM-DD` plus a number of business days (Monday to Friday): 0 is the date itself, 1 the next
 * weekday after it, −1 the weekday before it.
 */
export function addBusinessDays(date: string, days: number): string {
  let at = date;
  const step = days < 0 ? -1 : 1;
  for (let left = Math.abs(days); left > 0; ) {
    at = addDays(at, step);
    const weekday = new Date(`${at}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return at;
}

/** `YYYY-MM-DD` plus a number of calendar days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
