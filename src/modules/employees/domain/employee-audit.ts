import { auditDiff, auditFields, type AuditDraft, type AuditPolicy } from '#src/modules/audit/domain/audit.js';
import type { ImportedEmployeeRow } from '../employees-import.repository.js';
import type { Stage } from './journey.js';

/** The fields of an employee the audit log compares (a type, not an interface: it is a plain record). */
export type EmployeeAuditFields = {
  readonly externalId: string | null;
  readonly firstName: string;
  readonly lastName: string;
  readonly workEmail: string | null;
  readonly jobTitle: string | null;
  readonly unitId: string | null;
  readonly managerId: string | null;
  readonly location: string | null;
  readonly employmentType: string | null;
  readonly startDate: string | null;
  readonly endDate: string | null;
  readonly referredById: string | null;
  readonly stage: Stage;
};

/** Names, e-mail and the HRIS's id identify the person: the log says they changed, not to what. */
export const EMPLOYEE_AUDIT_POLICY: AuditPolicy = { personal: ['externalId', 'firstName', 'lastName', 'workEmail'] };

export const EMPLOYEE_AUDIT_ACTIONS = {
  created: 'employee.created',
  updated: 'employee.updated',
  stageChanged: 'employee.stage_changed',
} as const;

const AUDITED_FIELDS = [
  'externalId', 'firstName', 'lastName', 'workEmail', 'jobTitle', 'unitId', 'managerId', 'location',
  'employmentType', 'startDate', 'endDate', 'referredById', 'stage',
] as const satisfies readonly (keyof EmployeeAuditFields)[];

/** The compared fields of an employee entity (or anything shaped like one). */
export function employeeAuditFields(e: EmployeeAuditFields): EmployeeAuditFields {
  return auditFields(e, AUDITED_FIELDS);
}

/** The same fields from a row as the HRIS import writes it. */
export function importedAuditFields(row: ImportedEmployeeRow): EmployeeAuditFields {
  return {
    externalId: row.external_id,
    firstName: row.first_name,
    lastName: row.last_name,
    workEmail: row.work_email,
    jobTitle: row.job_title,
    unitId: row.unit_id,
    managerId: row.manager_id,
    location: row.location,
    employmentType: row.employment_type,
    startDate: row.start_date,
    endDate: row.end_date,
    referredById: row.referred_by_id,
    stage: row.stage,
  };
}

/**
 * The audit entry of a change of one employee (`before` null for a new one); null when no compared
 * field changed. `details` (a stage move's transition id and source) are added to `after`.
 */
export function employeeAudit(
  id: string,
  before: EmployeeAuditFields | null,
  after: EmployeeAuditFields,
  details: Record<string, unknown> = {},
): AuditDraft | null {
  const diff = auditDiff(before, after, EMPLOYEE_AUDIT_POLICY);
  if (!diff) return null;
  const action = before === null ? EMPLOYEE_AUDIT_ACTIONS.created : before.stage !== after.stage ? EMPLOYEE_AUDIT_ACTIONS.stageChanged : EMPLOYEE_AUDIT_ACTIONS.updated;
  return { action, entityType: 'employee', entityId: id, before: diff.before, after: { ...diff.after, ...details } };
}
