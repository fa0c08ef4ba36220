import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '#src/common/auth/principal.js';
import type { FieldError } from '#src/common/errors/common-problems.js';
import { DomainError } from '#src/common/errors/domain-error.js';
import { readCsv } from '#src/common/http/csv.js';
import { flattenValidationErrors, validationFailed } from '#src/common/http/validation.js';
import { TenantsService } from '#src/modules/tenancy/tenants.service.js';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { allowedMoves, isAllowedMove } from './domain/stage-transitions.js';
import {
  BulkEmployeeItemDto,
  MAX_BULK_EMPLOYEES,
  type BulkEmployeeResultDto,
  type BulkEmployeesResultDto,
  type ImportOptionsDto,
} from './dto/bulk-employees.dto.js';
import type { EmployeeEntity } from './employee.entity.js';
import { EmployeesProblems } from './employees.errors.js';
import { EmployeesImportRepository, type ImportedEmployeeRow, type ImportedTransition } from './employees-import.repository.js';

/** Fields compared to decide whether an existing employee changed. */
const COMPARED: (keyof ImportedEmployeeRow)[] = [
  'first_name', 'last_name', 'work_email', 'job_title', 'unit_id', 'manager_id', 'location',
  'employment_type', 'start_date', 'end_date', 'referred_by_id', 'stage',
];
const ASSIGNMENT_FIELDS: (keyof ImportedEmployeeRow)[] = ['unit_id', 'manager_id', 'job_title'];
const IMPORT_REASON = 'HRIS import';
const FULL_SYNC_REASON = 'Missing from a full HRIS sync';

/** The columns a CSV import may have: the fields of a bulk item. */
export const CSV_COLUMNS = [
  'externalId', 'firstName', 'lastName', 'stage', 'workEmail', 'jobTitle', 'unitExternalId', 'managerExternalId',
  'referredByExternalId', 'location', 'employmentType', 'startDate', 'endDate',
] as const;
const CSV_MAX_BYTES = 32 * 1024 * 1024;

/** Thrown inside the transaction of a dry run, so that everything it did is rolled back. */
class DryRunRollback extends Error {
  constructor(readonly result: BulkEmployeesResultDto) {
    super('dry run');
  }
}

/**
 * The HRIS front door: an idempotent upsert of employees keyed by external id. Rows with a problem
 * are answered with their errors and left out; the others are applied together in one transaction.
 * A stage change through an import obeys the same journey rules, and leaves the same history, as
 * a transition made through the API.
 */
@Injectable()
export class EmployeesImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly imports: EmployeesImportRepository,
    private readonly tenants: TenantsService,
  ) {}

  /**
   * Applies the payload. A dry run does all the same work, checks and writes included, inside a
   * transaction that is then rolled back, so its report is exactly what a real run would do.
   */
  async bulkUpsert(principal: Principal, items: BulkEmployeeItemDto[], options: ImportOptionsDto = {}): Promise<BulkEmployeesResultDto> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const result = await this.apply(manager, principal, items, options);
        if (options.dryRun) throw new DryRunRollback({ ...result, dryRun: true });
        return result;
      });
    } catch (error) {
      if (error instanceof DryRunRollback) return error.result;
      throw error;
    }
  }

  /**
   * Imports a CSV file (header row naming the columns, streamed). Each row is checked like a bulk
   * item; rows that fail are answered with their line and columns, the others go through
   * {@link bulkUpsert} together.
   */
  async importCsv(principal: Principal, body: unknown, options: ImportOptionsDto = {}): Promise<BulkEmployeesResultDto> {
    const records = await readCsv(body, {
      maxRecords: MAX_BULK_EMPLOYEES,
      maxBytes: CSV_MAX_BYTES,
      columns: CSV_COLUMNS,
      requiredColumns: ['externalId', 'firstName', 'lastName'],
    });
    if (records.length === 0) throw validationFailed([{ field: 'file', message: 'has no rows after its header' }]);

    const results: BulkEmployeeResultDto[] = new Array(records.length);
    const valid: { position: number; line: number; item: BulkEmployeeItemDto }[] = [];
    records.forEach(({ line, values }, position) => {
      const item = plainToInstance(BulkEmployeeItemDto, values);
      const errors = flattenValidationErrors(validateSync(item, { whitelist: true, forbidNonWhitelisted: true }));
      if (errors.length > 0) results[position] = { index: position, line, externalId: values.externalId ?? '', status: 'error', errors };
      else valid.push({ position, line, item });
    });

    const applied = valid.length > 0 ? await this.bulkUpsert(principal, valid.map((v) => v.item), options) : undefined;
    applied?.results.forEach((result, j) => {
      const { position, line } = valid[j]!;
      results[position] = { ...result, index: position, line };
    });
    const invalid = records.length - valid.length;
    return {
      dryRun: options.dryRun ?? false,
      summary: applied
        ? { ...applied.summary, errors: applied.summary.errors + invalid }
        : { created: 0, departed: 0, updated: 0, unchanged: 0, errors: invalid },
      departed: applied?.departed ?? [],
      results,
    };
  }

  private async apply(
    manager: EntityManager,
    principal: Principal,
    items: BulkEmployeeItemDto[],
    options: ImportOptionsDto,
  ): Promise<BulkEmployeesResultDto> {
    const tenantId = principal.tenantId;
    const at = new Date();
    await this.imports.lockTenantImports(manager, tenantId);
    const errors = new Map<number, FieldError[]>();
    const fail = (index: number, field: string, message: string) => errors.set(index, [...(errors.get(index) ?? []), { field, message }]);
    const emails = items.map((item) => item.workEmail?.trim().toLowerCase() ?? null);

    // Duplicates inside the payload: the first occurrence wins, later ones are errors.
    const firstRow = new Map<string, number>();
    const firstEmail = new Map<string, number>();
    items.forEach((item, i) => {
      if (firstRow.has(item.externalId)) fail(i, 'externalId', `appears more than once (first at index ${firstRow.get(item.externalId)})`);
      else firstRow.set(item.externalId, i);
      const email = emails[i];
      if (email && firstEmail.has(email)) fail(i, 'workEmail', `appears more than once (first at index ${firstEmail.get(email)})`);
      else if (email) firstEmail.set(email, i);
    });

    const referenced = items.flatMap((item) => [item.externalId, item.managerExternalId, item.referredByExternalId]).filter((x): x is string => !!x);
    const known = await this.imports.findByExternalIdsOrEmails(manager, tenantId, [...new Set(referenced)], [...firstEmail.keys()]);
    const byExternalId = new Map(known.filter((e) => e.externalId).map((e) => [e.externalId!, e]));
    const emailOwner = new Map(known.filter((e) => e.workEmail).map((e) => [e.workEmail!, e]));
    const units = await this.imports.unitIdsByExternalId(
      manager,
      tenantId,
      [...new Set(items.map((i) => i.unitExternalId).filter((x): x is string => !!x))],
    );

    items.forEach((item, i) => {
      const current = byExternalId.get(item.externalId);
      if (item.unitExternalId && !units.has(item.unitExternalId)) fail(i, 'unitExternalId', 'is not an active unit of this organisation');
      const owner = emails[i] ? emailOwner.get(emails[i]!) : undefined;
      if (owner && owner.externalId !== item.externalId) fail(i, 'workEmail', 'belongs to another employee');
      if (!current && !item.stage) fail(i, 'stage', 'is required for a new employee');
      if (current && item.stage && item.stage !== current.stage && !isAllowedMove(current.stage, item.stage)) {
        fail(i, 'stage', `cannot move from ${current.stage} to ${item.stage}; allowed: ${allowedMoves(current.stage).join(', ')}`);
      }
      if (item.managerExternalId === item.externalId) fail(i, 'managerExternalId', 'is the employee themself');
    });

    // References to colleagues must resolve to a known employee or a valid row of this payload;
    // a row whose reference fails makes rows that point at it fail too, until nothing changes.
    const resolves = (externalId: string) =>
      byExternalId.has(externalId) || (firstRow.has(externalId) && !errors.has(firstRow.get(externalId)!));
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

    const newIds = new Map<string, string>();
    items.forEach((item, i) => {
      if (!errors.has(i) && !byExternalId.has(item.externalId)) newIds.set(item.externalId, randomUUID());
    });
    const idOf = (externalId: string) => byExternalId.get(externalId)?.id ?? newIds.get(externalId)!;

    const inserts: ImportedEmployeeRow[] = [];
    const updates: ImportedEmployeeRow[] = [];
    const transitions: ImportedTransition[] = [];
    const reassigned: string[] = [];
    const results: BulkEmployeeResultDto[] = items.map((item, i) => {
      const rowErrors = errors.get(i);
      if (rowErrors) return { index: i, externalId: item.externalId, status: 'error', errors: rowErrors };
      const current = byExternalId.get(item.externalId);
      const row = this.desiredRow(item, emails[i]!, current, idOf(item.externalId), units, idOf);
      if (!current) {
        inserts.push(row);
        transitions.push({ employee_id: row.id, from_stage: null, to_stage: row.stage, reason: IMPORT_REASON });
        reassigned.push(row.id);
        return { index: i, externalId: item.externalId, status: 'created', id: row.id };
      }
      const before = this.rowOf(current);
      if (COMPARED.every((field) => before[field] === row[field])) {
        return { index: i, externalId: item.externalId, status: 'unchanged', id: row.id };
      }
      updates.push(row);
      if (before.stage !== row.stage) {
        transitions.push({ employee_id: row.id, from_stage: before.stage, to_stage: row.stage, reason: IMPORT_REASON });
      }
      if (ASSIGNMENT_FIELDS.some((field) => before[field] !== row[field])) reassigned.push(row.id);
      return { index: i, externalId: item.externalId, status: 'updated', id: row.id };
    });

    // Every row of the payload counts as present, rows with errors too: the HRIS still lists them.
    const present = [...firstRow.keys()];
    if (options.mode === 'full') await this.guardFullSync(manager, tenantId, present, options.force ?? false);

    await this.imports.insertEmployees(manager, tenantId, inserts, at);
    await this.imports.updateEmployees(manager, tenantId, updates, at);
    const departed = options.mode === 'full' ? await this.imports.departMissing(manager, tenantId, present, at) : [];
    for (const leaver of departed) {
      transitions.push({ employee_id: leaver.id, from_stage: leaver.from_stage, to_stage: 'depart', reason: FULL_SYNC_REASON });
    }
    await this.imports.insertTransitions(manager, tenantId, transitions, at, {
      source: 'import',
      userId: principal.userId,
      apiKeyId: principal.apiKeyId,
    });
    await this.imports.recordAssignments(manager, tenantId, reassigned, at);

    const count = (status: string) => results.filter((r) => r.status === status).length;
    return {
      dryRun: false,
      summary: {
        created: count('created'),
        departed: departed.length,
        updated: count('updated'),
        unchanged: count('unchanged'),
        errors: count('error'),
      },
      departed: departed.map((d) => ({ id: d.id, externalId: d.external_id, from: d.from_stage })),
      results,
    };
  }

  /** Refuses a full sync that would depart more than the tenant's guard share of active employees, unless forced. */
  private async guardFullSync(manager: EntityManager, tenantId: string, present: string[], force: boolean): Promise<void> {
    const [{ active, departable }, tenant] = await Promise.all([
      this.imports.countFullSyncLeavers(manager, tenantId, present),
      this.tenants.get(tenantId),
    ]);
    const guard = tenant.settings.fullSyncDepartureGuardPercent;
    if (!force && active > 0 && departable * 100 > guard * active) {
      throw new DomainError(
        EmployeesProblems.fullSyncGuard,
        `This full sync would move ${departable} of ${active} active employees (${Math.round((departable * 100) / active)} %) to depart, ` +
          `more than the ${guard} % this organisation allows. Check the export, or send force=true if it is right.`,
        { wouldDepart: departable, active, guardPercent: guard },
      );
    }
  }

  /** The row an item asks for: omitted fields keep their current value, null clears them. */
  private desiredRow(
    item: BulkEmployeeItemDto,
    email: string | null,
    current: EmployeeEntity | undefined,
    id: string,
    units: Map<string, string>,
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
      unit_id:
        item.unitExternalId === undefined ? (current?.unitId ?? null) : item.unitExternalId === null ? null : units.get(item.unitExternalId)!,
      manager_id: ref(item.managerExternalId, current?.managerId ?? null),
      location: keep(item.location, current?.location ?? null),
      employment_type: keep(item.employmentType, current?.employmentType ?? null),
      start_date: keep(item.startDate, current?.startDate ?? null),
      end_date: keep(item.endDate, current?.endDate ?? null),
      referred_by_id: ref(item.referredByExternalId, current?.referredById ?? null),
      stage: item.stage ?? current!.stage,
    };
  }

  private rowOf(e: EmployeeEntity): ImportedEmployeeRow {
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
}
