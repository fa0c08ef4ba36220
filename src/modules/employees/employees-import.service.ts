import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '#src/common/auth/principal.js';
import { DomainError } from '#src/common/errors/domain-error.js';
import { readCsv } from '#src/common/http/csv.js';
import { flattenValidationErrors, validationFailed } from '#src/common/http/validation.js';
import { AuditLogRepository } from '#src/modules/audit/audit-log.repository.js';
import { DomainEventsRepository } from '#src/modules/events/domain-events.repository.js';
import { TenantsService } from '#src/modules/tenancy/tenants.service.js';
import { EMPLOYEE_AUDIT_ACTIONS } from './domain/employee-audit.js';
import { employeeEvents } from './domain/employee-events.js';
import { planImport } from './domain/import-plan.js';
import {
  BulkEmployeeItemDto,
  MAX_BULK_EMPLOYEES,
  type BulkEmployeeResultDto,
  type BulkEmployeesResultDto,
  type ImportOptionsDto,
} from './dto/bulk-employees.dto.js';
import { EmployeesProblems } from './employees.errors.js';
import { EmployeesImportRepository } from './employees-import.repository.js';

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
    private readonly events: DomainEventsRepository,
    private readonly audit: AuditLogRepository,
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

    const referenced = items.flatMap((item) => [item.externalId, item.managerExternalId, item.referredByExternalId]);
    const emails = items.map((item) => item.workEmail?.trim().toLowerCase());
    const [known, units] = await Promise.all([
      this.imports.findByExternalIdsOrEmails(manager, tenantId, distinct(referenced), distinct(emails)),
      this.imports.unitIdsByExternalId(manager, tenantId, distinct(items.map((item) => item.unitExternalId))),
    ]);
    const plan = planImport(items, { known, units }, at);

    if (options.mode === 'full') await this.guardFullSync(manager, tenantId, plan.present, options.force ?? false);
    await this.imports.insertEmployees(manager, tenantId, plan.inserts, at);
    await this.imports.updateEmployees(manager, tenantId, plan.updates, at);
    const departed = options.mode === 'full' ? await this.imports.departMissing(manager, tenantId, plan.present, at) : [];
    const transitions = [
      ...plan.transitions,
      ...departed.map((d) => ({ employee_id: d.id, from_stage: d.from_stage, to_stage: 'depart' as const, reason: FULL_SYNC_REASON })),
    ];
    await this.imports.insertTransitions(manager, tenantId, transitions, at, {
      source: 'import',
      userId: principal.userId,
      apiKeyId: principal.apiKeyId,
    });
    await this.imports.recordAssignments(manager, tenantId, plan.hired, plan.reassigned, at);
    const departures = departed.flatMap((d) =>
      employeeEvents({
        before: { id: d.id, stage: d.from_stage, unitId: null, managerId: null, jobTitle: null },
        after: { id: d.id, stage: 'depart', unitId: null, managerId: null, jobTitle: null },
        at,
        source: 'import',
        reason: FULL_SYNC_REASON,
      }),
    );
    await this.events.record(manager, tenantId, [...plan.events, ...departures]);
    await this.audit.record(manager, tenantId, { ...principal, source: 'hris_import' }, [
      ...plan.audit,
      ...departed.map((d) => ({
        action: EMPLOYEE_AUDIT_ACTIONS.stageChanged,
        entityType: 'employee' as const,
        entityId: d.id,
        before: { stage: d.from_stage },
        after: { stage: 'depart', transitionSource: 'import' },
      })),
    ]);

    const count = (status: string) => plan.results.filter((r) => r.status === status).length;
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
      results: plan.results,
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
}

function distinct(values: readonly (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => !!value))];
}
