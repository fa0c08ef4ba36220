import { randomUUID } from 'node:crypto';
import type { FieldError } from '#src/common/errors/common-problems.js';
import type { BulkEmployeeItemDto, BulkEmployeeResultDto } from '../dto/bulk-employees.dto.js';
import type { EmployeeEntity } from '../employee.entity.js';
import type { ImportedEmployeeRow, ImportedTransition } from '../employees-import.repository.js';
import type { AuditDraft } from '#src/modules/audit/domain/audit.js';
import type { DomainEventDraft } from '#src/modules/events/domain-event.js';
import { employeeAudit, importedAuditFields } from './employee-audit.js';
import { employeeEvents, type EmployeeSnapshot } from './employee-events.js';
import { allowedMoves, isAllowedMove } from './stage-transitions.js';

/** What an import needs to know of the tenant before planning: the employees and units it names. */
export interface ImportContext {
  /** Known employees named by the payload (by external id or work e-mail). */
  readonly known: readonly EmployeeEntity[];
  /** Active units by external id. */
  readonly units: ReadonlyMap<string, string>;
}

/** The writes an import makes and the answer for each row. */
export interface ImportPlan {
  readonly inserts: ImportedEmployeeRow[];
  readonly updates: ImportedEmployeeRow[];
  readonly transitions: ImportedTransition[];
  /** New employees (an assignment to open). */
  readonly hired: string[];
  /** Existing employees whose unit, manager or title changed (an assignment to close and open). */
  readonly reassigned: string[];
  readonly results: BulkEmployeeResultDto[];
  /** The domain events of these changes, the same as the API would record. */
  readonly events: DomainEventDraft[];
  /** One audit entry per created or updated employee, the same as the API would write. */
  readonly audit: AuditDraft[];
  /** External ids the payload lists, rows with errors included: a full sync keeps them all. */
  readonly present: string[];
}

export const IMPORT_REASON = 'HRIS import';

/** Fields compared to decide whether an existing employee changed. */
const COMPARED: (keyof ImportedEmployeeRow)[] = [
  'first_name', 'last_name', 'work_email', 'job_title', 'unit_id', 'manager_id', 'location',
  'employment_type', 'start_date', 'end_date', 'referred_by_id', 'stage',
];
const ASSIGNMENT_FIELDS: (keyof ImportedEmployeeRow)[] = ['unit_id', 'manager_id', 'job_title'];

/**
 * Decides, row by row, what an import does: which rows are refused and why (with the same journey
 * rules as a transition), which employees are created or updated, and the history that goes with
 * them. Pure: the caller loads the context and applies the plan.
 */
export function planImport(
  items: readonly BulkEmployeeItemDto[],
  context: ImportContext,
  at: Date,
  newId: () => string = randomUUID,
): ImportPlan {
  const byExternalId = new Map(context.known.filter((e) => e.externalId).map((e) => [e.externalId!, e]));
  const emails = items.map((item) => item.workEmail?.trim().toLowerCase() ?? null);
  const { errors, firstRow } = checkRows(items, emails, byExternalId, context);

  const newIds = new Map<string, string>();
  items.forEach((item, i) => {
    if (!errors.has(i) && !byExternalId.has(item.externalId)) newIds.set(item.externalId, newId());
  });
  const idOf = (externalId: string) => byExternalId.get(externalId)?.id ?? newIds.get(externalId)!;

  const plan: ImportPlan = {
    inserts: [],
    updates: [],
    transitions: [],
    hired: [],
    reassigned: [],
    results: [],
    events: [],
    audit: [],
    present: [...firstRow.keys()],
  };
  items.forEach((item, i) => {
    const rowErrors = errors.get(i);
    if (rowErrors) {
      plan.results.push({ index: i, externalId: item.externalId, status: 'error', errors: rowErrors });
      return;
    }
    const current = byExternalId.get(item.externalId);
    const row = desiredRow(item, emails[i]!, current, idOf(item.externalId), context.units, idOf);
    if (!current) {
      plan.inserts.push(row);
      plan.transitions.push({ employee_id: row.id, from_stage: null, to_stage: row.stage, reason: IMPORT_REASON });
      plan.hired.push(row.id);
      plan.events.push(...employeeEvents({ before: null, after: snapshotOf(row), at, source: 'import' }));
      plan.audit.push(employeeAudit(row.id, null, importedAuditFields(row))!);
      plan.results.push({ index: i, externalId: item.externalId, status: 'created', id: row.id });
      return;
    }
    const before = rowOf(current);
    if (COMPARED.every((field) => before[field] === row[field])) {
      plan.results.push({ index: i, externalId: item.externalId, status: 'unchanged', id: row.id });
      return;
    }
    plan.updates.push(row);
    if (before.stage !== row.stage) {
      plan.transitions.push({ employee_id: row.id, from_stage: before.stage, to_stage: row.stage, reason: IMPORT_REASON });
    }
    if (ASSIGNMENT_FIELDS.some((field) => before[field] !== row[field])) plan.reassigned.push(row.id);
    plan.events.push(...employeeEvents({ before: snapshotOf(before), after: snapshotOf(row), at, source: 'import', reason: IMPORT_REASON }));
    plan.audit.push(employeeAudit(row.id, importedAuditFields(before), importedAuditFields(row))!);
    plan.results.push({ index: i, externalId: item.externalId, status: 'updated', id: row.id });
  });
  return plan;
}

/** Every row's problems, by index. The first occurrence of a repeated external id or e-mail wins. */
function checkRows(
  items: readonly BulkEmployeeItemDto[],
  emails: readonly (string | null)[],
  byExternalId: ReadonlyMap<string, EmployeeEntity>,
  context: ImportContext,
): { errors: Map<number, FieldError[]>; firstRow: Map<string, number> } {
  const errors = new Map<number, FieldError[]>();
  const fail = (index: number, field: string, message: string) => errors.set(index, [...(errors.get(index) ?? []), { field, message }]);
  const emailOwner = new Map(context.known.filter((e) => e.workEmail).map((e) => [e.workEmail!, e]));

  const firstRow = new Map<string, number>();
  const firstEmail = new Map<string, number>();
  items.forEach((item, i) => {
    if (firstRow.has(item.externalId)) fail(i, 'externalId', `appears more than once (first at index ${firstRow.get(item.externalId)})`);
    else firstRow.set(item.externalId, i);
    const email = emails[i];
    if (email && firstEmail.has(email)) fail(i, 'workEmail', `appears more than once (first at index ${firstEmail.get(email)})`);
    else if (email) firstEmail.set(email, i);

    const current = byExternalId.get(item.externalId);
    if (current?.erasedAt) fail(i, 'externalId', 'belongs to an employee erased at their request');
    if (item.unitExternalId && !context.units.has(item.unitExternalId)) fail(i, 'unitExternalId', 'is not an active unit of this organisation');
    const owner = email ? emailOwner.get(email) : undefined;
    if (owner && owner.externalId !== item.externalId) fail(i, 'workEmail', 'belongs to another employee');
    if (!current && !item.stage) fail(i, 'stage', 'is required for a new employee');
    if (current && item.stage && item.stage !== current.stage && !isAllowedMove(current.stage, item.stage)) {
      fail(i, 'stage', `cannot move from ${current.stage} to ${item.stage}; allowed: ${allowedMoves(current.stage).join(', ')}`);
    }
    if (item.managerExternalId === item.externalId) fail(i, 'managerExternalId', 'is the employee themself');
  });

  // References to colleagues must resolve to a known employee or a valid row of this payload;
  // a row whose reference fails makes rows that point at it fail too, until nothing changes.
  const resolves = (externalId: string) => byExternalId.has(externalId) || (firstRow.has(externalId) && !errors.has(firstRow.get(externalId)!));
  for (let changed = true; changed; ) {
    changed = false;
    items.forEach((item, i) => {
      if (errors.has(i)) return;
      for (const [field, ref] of [['managerExternalId', item.managerExternalId], ['referredByExternalId', item.referredByExternalId]] as const) {
        if (ref && !resolves(ref)) {
          fail(i, field, 'is not an employee of this organisation (nor a valid row of this payload)');
          changed = true;
        }
      }
    });
  }
  return { errors, firstRow };
}

/** The row an item asks for: omitted fields keep their current value, null clears them. */
function desiredRow(
  item: BulkEmployeeItemDto,
  email: string | null,
  current: EmployeeEntity | undefined,
  id: string,
  units: ReadonlyMap<string, string>,
  idOf: (externalId: string) => string,
): ImportedEmployeeRow {
  const keep = <T>(value: T | undefined, fallback: T) => (value === undefined ? fallback : value);
  const ref = (externalId: string | null | undefined, fallback: string | null) =>
    externalId === undefined ? fallback : externalId === null ? null : idOf(externalId);
  return {
    id,
    external_id: item.externalId,
    first_name: item.firstName,
    last_name: item.lastName,
    work_email: item.workEmail === undefined ? (current?.workEmail ?? null) : email,
    job_title: keep(item.jobTitle, current?.jobTitle ?? null),
    unit_id: item.unitExternalId === undefined ? (current?.unitId ?? null) : item.unitExternalId === null ? null : units.get(item.unitExternalId)!,
    manager_id: ref(item.managerExternalId, current?.managerId ?? null),
    location: keep(item.location, current?.location ?? null),
    employment_type: keep(item.employmentType, current?.employmentType ?? null),
    start_date: keep(item.startDate, current?.startDate ?? null),
    end_date: keep(item.endDate, current?.endDate ?? null),
    referred_by_id: ref(item.referredByExternalId, current?.referredById ?? null),
    stage: item.stage ?? current!.stage,
  };
}

function rowOf(e: EmployeeEntity): ImportedEmployeeRow {
  return {
    id: e.id,
    external_id: e.externalId!,
    first_name: e.firstName,
    last_name: e.lastName,
    work_email: e.workEmail,
    job_title: e.jobTitle,
    unit_id: e.unitId,
    manager_id: e.managerId,
    location: e.location,
    employment_type: e.employmentType,
    start_date: e.startDate,
    end_date: e.endDate,
    referred_by_id: e.referredById,
    stage: e.stage,
  };
}

function snapshotOf(row: ImportedEmployeeRow): EmployeeSnapshot {
  return { id: row.id, stage: row.stage, unitId: row.unit_id, managerId: row.manager_id, jobTitle: row.job_title };
}
