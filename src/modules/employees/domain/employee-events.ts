import type { DomainEventDraft } from '#src/modules/events/domain-event.js';
import type { Stage, TransitionSource } from './journey.js';

/** The parts of an employee whose changes are events. */
export interface EmployeeSnapshot {
  readonly id: string;
  readonly stage: Stage;
  readonly unitId: string | null;
  readonly managerId: string | null;
  readonly jobTitle: string | null;
}

export interface EmployeeChange {
  /** Null for a new employee. */
  readonly before: EmployeeSnapshot | null;
  readonly after: EmployeeSnapshot;
  readonly at: Date;
  readonly source: TransitionSource;
  readonly reason?: string | null;
  /** The job-title change is a promotion (said by the caller; titles alone cannot tell). */
  readonly promotion?: boolean;
}

export const EMPLOYEE_EVENTS = {
  stageChanged: 'employee.stage_changed',
  hired: 'employee.hired',
  departed: 'employee.departed',
  transferred: 'employee.transferred',
  managerChanged: 'employee.manager_changed',
  promoted: 'employee.promoted',
  /** Recorded by the daily job (anniversaries.job.ts), not by a change. */
  anniversary: 'employee.anniversary',
} as const;

/**
 * The events a change of an employee produces, in a fixed order: the stage move first, then what
 * entering `hire` or `depart` means, then moves between units and managers, then a promotion.
 * The API and the HRIS import both use it, so the same change produces the same events.
 */
export function employeeEvents(change: EmployeeChange): DomainEventDraft[] {
  const { before, after, at } = change;
  const event = (type: string, payload: Record<string, unknown>): DomainEventDraft => ({
    type,
    subjectId: after.id,
    payload,
    occurredAt: at,
  });
  const events: DomainEventDraft[] = [];
  const from = before?.stage ?? null;
  if (from !== after.stage) {
    events.push(event(EMPLOYEE_EVENTS.stageChanged, { from, to: after.stage, effectiveAt: at.toISOString(), source: change.source }));
    if (after.stage === 'hire') events.push(event(EMPLOYEE_EVENTS.hired, { from, effectiveAt: at.toISOString() }));
    if (after.stage === 'depart') {
      events.push(event(EMPLOYEE_EVENTS.departed, { from, effectiveAt: at.toISOString(), reason: change.reason ?? null }));
    }
  }
  if (before && before.unitId !== after.unitId) {
    events.push(event(EMPLOYEE_EVENTS.transferred, { fromUnitId: before.unitId, toUnitId: after.unitId }));
  }
  if (before && before.managerId !== after.managerId) {
    events.push(event(EMPLOYEE_EVENTS.managerChanged, { fromManagerId: before.managerId, toManagerId: after.managerId }));
  }
  if (before && change.promotion && before.jobTitle !== after.jobTitle) {
    events.push(event(EMPLOYEE_EVENTS.promoted, { fromJobTitle: before.jobTitle, toJobTitle: after.jobTitle }));
  }
  return events;
}
