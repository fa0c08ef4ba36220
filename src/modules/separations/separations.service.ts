import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '#src/common/auth/principal.js';
import { DomainError } from '#src/common/errors/domain-error.js';
import { isUniqueViolation } from '#src/common/errors/postgres-errors.js';
import { validationFailed } from '#src/common/http/validation.js';
import { DEFAULT_PAGE_SIZE, decodeCursor, toPage, type Page } from '#src/common/pagination/pagination.js';
import { AuditLogRepository } from '#src/modules/audit/audit-log.repository.js';
import { auditDiff, auditFields, type AuditDraft, type AuditPolicy } from '#src/modules/audit/domain/audit.js';
import { ChecklistsService } from '#src/modules/checklists/checklists.service.js';
import { EMPLOYEE_AUDIT_ACTIONS } from '#src/modules/employees/domain/employee-audit.js';
import type { Stage } from '#src/modules/employees/domain/journey.js';
import { EmployeesProblems } from '#src/modules/employees/employees.errors.js';
import { EmployeesService } from '#src/modules/employees/employees.service.js';
import { DomainEventsRepository } from '#src/modules/events/domain-events.repository.js';
import { tenantCalendar } from '#src/modules/tenancy/tenant-calendar.js';
import { isWithin } from '#src/modules/units/domain/unit-tree.js';
import { readUnitTree, subtreeSql } from '#src/modules/units/unit-tree.js';
import { employeeOfUser } from '#src/modules/users/user-employee.js';
import { isWithdrawable, returnStage } from './domain/separations.js';
import type {
  CreateSeparationDto,
  ListSeparationsQueryDto,
  RegrettableResultDto,
  SeparationDto,
  SeparationExitInterviewDto,
  UpdateSeparationDto,
  WithdrawSeparationDto,
} from './dto/separation.dto.js';
import { SeparationEntity } from './entities/separation.entity.js';
import { ExitInterviewsService } from './exit-interviews.service.js';
import { ReasonsService } from './reasons.service.js';
import { SeparationsProblems } from './separations.errors.js';

export const SEPARATION_EVENTS = {
  recorded: 'separation.recorded',
  updated: 'separation.updated',
  withdrawn: 'separation.withdrawn',
} as const;

const SEPARATION_AUDITED_FIELDS = [
  'employeeId', 'status', 'type', 'noticeDate', 'lastWorkingDay', 'regrettable', 'primaryReason', 'secondaryReasons',
  'rehireEligible', 'alumniOptIn', 'alumniEmail', 'checklistId', 'withdrawalReason',
] as const satisfies readonly (keyof SeparationEntity)[];
/** The alumni address and the withdrawal reason are personal or free text: the audit log says they changed, not to what. */
const SEPARATION_AUDIT_POLICY: AuditPolicy = { personal: ['alumniEmail', 'withdrawalReason'] };

interface Leaver {
  stage: Stage;
  erased: boolean;
  start_date: string | null;
  end_date: string | null;
  unit_id: string | null;
  manager_id: string | null;
}

/**
 * Separations: recording one moves the employee to depart under the journey's rules, sets their
 * end date, and starts offboarding (the checklist and the exit interview) in the same
 * transaction; withdrawing one before the last day undoes all of it. Design: docs/separations.md.
 */
@Injectable()
export class SeparationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly employees: EmployeesService,
    private readonly checklists: ChecklistsService,
    private readonly exitInterviews: ExitInterviewsService,
    private readonly reasons: ReasonsService,
    private readonly events: DomainEventsRepository,
    private readonly audit: AuditLogRepository,
  ) {}

  async record(principal: Principal, dto: CreateSeparationDto): Promise<SeparationDto> {
    const { tenantId } = principal;
    const secondary = dto.secondaryReasons ?? [];
    const alumniOptIn = dto.alumniOptIn ?? false;
    const problems = [
      ...(dto.lastWorkingDay < dto.noticeDate ? [{ field: 'lastWorkingDay', message: 'must not be before noticeDate' }] : []),
      ...(secondary.includes(dto.primaryReason) ? [{ field: 'secondaryReasons', message: 'must not repeat the primary reason' }] : []),
      ...alumniProblems(alumniOptIn, dto.alumniEmail ?? null),
      ...(dto.checklistTemplateId && dto.startOffboarding === false ? [{ field: 'checklistTemplateId', message: 'needs startOffboarding' }] : []),
    ];
    if (problems.length > 0) throw validationFailed(problems);

    // Taken before the transaction, whose rows are stamped with its start: the move to depart comes
    // first on the journey, then the separation and the offboarding it started.
    const at = new Date();
    const id = await this.dataSource.transaction(async (manager) => {
      await this.reasons.checkChoosable(manager, tenantId, dto.primaryReason, secondary);
      const leaver = await this.lockLeaver(manager, tenantId, dto.employeeId);
      if (leaver.start_date && dto.lastWorkingDay < leaver.start_date) {
        throw validationFailed([{ field: 'lastWorkingDay', message: `must not be before the employee's start date (${leaver.start_date})` }]);
      }
      const active = await manager.findOneBy(SeparationEntity, { tenantId, employeeId: dto.employeeId, status: 'active' });
      if (active) throw alreadySeparated(active.id);

      // Someone moved to depart without a separation (the HRIS import, a plain transition) gets
      // their separation recorded against that move; anyone else moves now, under the same rules.
      let previousStage: Stage | null;
      if (leaver.stage === 'depart') {
        const rows: { from_stage: Stage | null }[] = await manager.query(
          `SELECT from_stage FROM stage_transitions WHERE tenant_id = $1 AND employee_id = $2 AND to_stage = 'depart'
           ORDER BY effective_at DESC, created_at DESC LIMIT 1`,
          [tenantId, dto.employeeId],
        );
        previousStage = rows[0]?.from_stage ?? null;
        await this.setEndDate(manager, principal, dto.employeeId, dto.lastWorkingDay);
      } else {
        previousStage = leaver.stage;
        await this.employees.moveIn(
          manager,
          principal,
          dto.employeeId,
          { to: 'depart', effectiveAt: at, reason: `separation: ${dto.type}`, source: 'api' },
          { endDate: dto.lastWorkingDay },
        );
      }

      const inserted = await manager.insert(SeparationEntity, {
        tenantId,
        employeeId: dto.employeeId,
        status: 'active',
        type: dto.type,
        noticeDate: dto.noticeDate,
        lastWorkingDay: dto.lastWorkingDay,
        regrettable: dto.regrettable ?? null,
        primaryReason: dto.primaryReason,
        secondaryReasons: secondary,
        rehireEligible: dto.rehireEligible ?? null,
        alumniOptIn,
        alumniEmail: alumniOptIn ? dto.alumniEmail!.trim().toLowerCase() : null,
        previousStage,
        previousEndDate: leaver.end_date,
        startDate: leaver.start_date,
        unitId: leaver.unit_id,
        managerId: leaver.manager_id,
        checklistId: null,
        recordedByUserId: principal.userId,
        recordedByApiKeyId: principal.apiKeyId,
        withdrawnAt: null,
        withdrawalReason: null,
      }).catch((error: unknown) => {
        if (isUniqueViolation(error, 'uq_separations_active')) throw alreadySeparated(null);
        throw error;
      });
      const separationId = (inserted.identifiers[0] as { id: string }).id;

      const checklistId = dto.startOffboarding === false ? null : await this.startOffboarding(manager, principal, dto.employeeId, dto.checklistTemplateId);
      if (checklistId) await manager.update(SeparationEntity, { tenantId, id: separationId }, { checklistId });
      const recorded = await manager.findOneByOrFail(SeparationEntity, { tenantId, id: separationId });
      await this.audit.record(manager, tenantId, principal, [separationAudit(SEPARATION_EVENTS.recorded, null, recorded)!]);
      if (dto.exitInterview !== false) {
        await this.exitInterviews.openIn(manager, tenantId, { id: separationId, employeeId: dto.employeeId, lastWorkingDay: dto.lastWorkingDay }, dto.locale);
      }
      await this.events.record(manager, tenantId, [
        {
          type: SEPARATION_EVENTS.recorded,
          subjectId: dto.employeeId,
          payload: { separationId, type: dto.type, noticeDate: dto.noticeDate, lastWorkingDay: dto.lastWorkingDay, checklistId },
          occurredAt: new Date(),
        },
      ]);
      return separationId;
    });
    return this.get(principal, id);
  }

  async get(principal: Principal, id: string): Promise<SeparationDto> {
    const separation = await this.dataSource.manager.findOneBy(SeparationEntity, { tenantId: principal.tenantId, id });
    if (!separation) throw notFound(id);
    return (await this.toDtos(principal.tenantId, [separation]))[0]!;
  }

  async list(principal: Principal, query: ListSeparationsQueryDto): Promise<Page<SeparationDto>> {
    const { tenantId } = principal;
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const sort = query.sort ?? '-lastWorkingDay';
    const descending = sort.startsWith('-');
    const column = sort.replace('-', '') === 'lastWorkingDay' ? 's.last_working_day' : 's.created_at';
    const params: unknown[] = [tenantId, query.unitId ?? null];
    const where = [`s.tenant_id = $1`, `($2::uuid IS NULL OR s.unit_id IN (SELECT id FROM subtree))`];
    const add = (sql: (placeholder: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (query.status) add((p) => `s.status = ${p}`, query.status);
    if (query.type) add((p) => `s.type = ${p}`, query.type);
    if (query.employeeId) add((p) => `s.employee_id = ${p}`, query.employeeId);
    if (query.reason) add((p) => `s.primary_reason = ${p}`, query.reason);
    if (query.from) add((p) => `s.last_working_day >= ${p}::date`, query.from);
    if (query.to) add((p) => `s.last_working_day <= ${p}::date`, query.to);
    if (query.cursor) {
      const position = decodeCursor(query.cursor);
      params.push(position.value, position.id);
      const cast = column === 's.last_working_day' ? 'date' : 'timestamptz';
      where.push(`(${column}, s.id) ${descending ? '<' : '>'} ($${params.length - 1}::${cast}, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    const direction = descending ? 'DESC' : 'ASC';
    const rows: { id: string }[] = await this.dataSource.query(
      `${subtreeSql('$1', '$2')}
       SELECT s.id FROM separations s WHERE ${where.join(' AND ')}
       ORDER BY ${column} ${direction}, s.id ${direction} LIMIT $${params.length}`,
      params,
    );
    const entities = await this.dataSource.manager.findBy(SeparationEntity, rows.map((row) => ({ tenantId, id: row.id })));
    const byId = new Map(entities.map((e) => [e.id, e]));
    const ordered = rows.map((row) => byId.get(row.id)!);
    const page = toPage(ordered, limit, (s) => ({ value: column === 's.last_working_day' ? s.lastWorkingDay : s.createdAt.toISOString(), id: s.id }));
    return { items: await this.toDtos(tenantId, page.items), nextCursor: page.nextCursor };
  }

  /** HR corrects or completes a separation; the employee's end date follows the last working day. */
  async update(principal: Principal, id: string, dto: UpdateSeparationDto): Promise<SeparationDto> {
    const { tenantId } = principal;
    await this.dataSource.transaction(async (manager) => {
      const current = await this.lock(manager, tenantId, id);
      if (dto.version !== undefined && dto.version !== current.version) {
        throw new DomainError(SeparationsProblems.staleVersion, `The separation is at version ${current.version}, not ${dto.version}; read it again.`);
      }
      const { version: _version, ...fields } = dto;
      const next = { ...current, ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) } as SeparationEntity;
      if (dto.alumniOptIn === false && dto.alumniEmail === undefined) next.alumniEmail = null;
      if (typeof next.alumniEmail === 'string') next.alumniEmail = next.alumniEmail.trim().toLowerCase();
      const problems = [
        ...(next.lastWorkingDay < next.noticeDate ? [{ field: 'lastWorkingDay', message: 'must not be before noticeDate' }] : []),
        ...(next.secondaryReasons.includes(next.primaryReason) ? [{ field: 'secondaryReasons', message: 'must not repeat the primary reason' }] : []),
        ...(next.startDate && next.lastWorkingDay < next.startDate ? [{ field: 'lastWorkingDay', message: `must not be before the employee's start date (${next.startDate})` }] : []),
        ...alumniProblems(next.alumniOptIn, next.alumniEmail),
      ];
      if (problems.length > 0) throw validationFailed(problems);
      const changed = (Object.keys(fields) as (keyof SeparationEntity)[]).filter((key) => JSON.stringify(current[key]) !== JSON.stringify(next[key]));
      if (next.alumniEmail !== current.alumniEmail && !changed.includes('alumniEmail')) changed.push('alumniEmail');
      if (changed.length === 0) return;
      const reasonsChanged = changed.includes('primaryReason') || changed.includes('secondaryReasons');
      if (reasonsChanged) await this.reasons.checkChoosable(manager, tenantId, next.primaryReason, next.secondaryReasons, current);
      await manager.update(
        SeparationEntity,
        { tenantId, id },
        {
          type: next.type,
          noticeDate: next.noticeDate,
          lastWorkingDay: next.lastWorkingDay,
          regrettable: next.regrettable,
          primaryReason: next.primaryReason,
          secondaryReasons: next.secondaryReasons,
          rehireEligible: next.rehireEligible,
          alumniOptIn: next.alumniOptIn,
          alumniEmail: next.alumniEmail,
        },
      );
      if (changed.includes('lastWorkingDay') && current.status === 'active') {
        await this.setEndDate(manager, principal, current.employeeId, next.lastWorkingDay, { onlyDeparted: true });
      }
      await this.recordChange(manager, principal, current, SEPARATION_EVENTS.updated, { changed }, separationAudit(SEPARATION_EVENTS.updated, current, next));
    });
    return this.get(principal, id);
  }

  /**
   * Says whether a leaver is a regrettable loss: HR for anyone, a manager for the leavers of their
   * reporting line (their own reports, or anyone of a unit they manage when the person left).
   */
  async setRegrettable(principal: Principal, id: string, regrettable: boolean | null): Promise<RegrettableResultDto> {
    const { tenantId } = principal;
    await this.dataSource.transaction(async (manager) => {
      const current = await this.lock(manager, tenantId, id);
      if (principal.role !== 'hr_admin' && !(await this.inReportingLine(manager, principal, current))) throw notFound(id);
      if (current.regrettable === regrettable) return;
      await manager.update(SeparationEntity, { tenantId, id }, { regrettable });
      await this.recordChange(
        manager,
        principal,
        current,
        SEPARATION_EVENTS.updated,
        { changed: ['regrettable'] },
        separationAudit(SEPARATION_EVENTS.updated, current, { ...current, regrettable }),
      );
    });
    return { id, regrettable };
  }

  /**
   * Withdraws a separation up to its last working day: the employee goes back to the stage they
   * left (a `correction` move), gets their end date back, and the offboarding checklist and an
   * unanswered exit interview are cancelled.
   */
  async withdraw(principal: Principal, id: string, dto: WithdrawSeparationDto): Promise<SeparationDto> {
    const { tenantId } = principal;
    await this.dataSource.transaction(async (manager) => {
      const current = await this.lock(manager, tenantId, id);
      const { today } = await tenantCalendar(manager, tenantId);
      if (!isWithdrawable(current.status, current.lastWorkingDay, today)) {
        throw new DomainError(
          SeparationsProblems.notWithdrawable,
          current.status === 'withdrawn'
            ? 'This separation is already withdrawn.'
            : `The last working day (${current.lastWorkingDay}) has passed; a return now is a rehire (depart → attract).`,
          { status: current.status, lastWorkingDay: current.lastWorkingDay },
        );
      }
      const stage: { stage: Stage }[] = await manager.query(`SELECT stage FROM employees WHERE tenant_id = $1 AND id = $2`, [tenantId, current.employeeId]);
      if (stage[0]?.stage !== 'depart') {
        throw new DomainError(SeparationsProblems.notWithdrawable, `The employee is in ${stage[0]?.stage} now, not depart; there is nothing to undo.`, {
          status: current.status,
          lastWorkingDay: current.lastWorkingDay,
        });
      }
      const to = returnStage(current.previousStage);
      await this.employees.moveIn(
        manager,
        principal,
        current.employeeId,
        { to, effectiveAt: new Date(), reason: `separation withdrawn${dto.reason ? `: ${dto.reason}` : ''}`, source: 'correction' },
        { endDate: current.previousEndDate },
      );
      await manager.update(SeparationEntity, { tenantId, id }, { status: 'withdrawn', withdrawnAt: new Date(), withdrawalReason: dto.reason ?? null });
      const checklistCancelled = current.checklistId ? await this.checklists.cancelIn(manager, tenantId, current.checklistId, principal) : false;
      const interviewCancelled = await this.exitInterviews.cancelIn(manager, tenantId, id);
      const withdrawn = await manager.findOneByOrFail(SeparationEntity, { tenantId, id });
      await this.recordChange(
        manager,
        principal,
        current,
        SEPARATION_EVENTS.withdrawn,
        { returnedTo: to, checklistCancelled, interviewCancelled },
        separationAudit(SEPARATION_EVENTS.withdrawn, current, withdrawn),
      );
    });
    return this.get(principal, id);
  }

  private async startOffboarding(manager: EntityManager, principal: Principal, employeeId: string, templateId: string | undefined): Promise<string | null> {
    const template = templateId ?? (await this.checklists.defaultTemplateIn(manager, principal.tenantId, 'offboarding'));
    if (!template) return null;
    // A playbook on depart may have started it already in another transaction; keep that one.
    const running = await this.checklists.runningIn(manager, principal.tenantId, employeeId, template);
    return running ?? this.checklists.startIn(manager, principal.tenantId, employeeId, template, principal);
  }

  private async lockLeaver(manager: EntityManager, tenantId: string, employeeId: string): Promise<Leaver> {
    const rows: Leaver[] = await manager.query(
      `SELECT stage, erased_at IS NOT NULL AS erased, to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date,
              unit_id, manager_id
       FROM employees WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [tenantId, employeeId],
    );
    if (!rows[0]) throw validationFailed([{ field: 'employeeId', message: 'does not match an employee' }]);
    if (rows[0].erased) throw new DomainError(EmployeesProblems.erased, 'This employee was erased at their request; no separation can be recorded.');
    return rows[0];
  }

  /**
   * Sets the employee's end date to the last working day (only while they are in depart, when
   * asked), with its audit entry when it changed.
   */
  private async setEndDate(manager: EntityManager, principal: Principal, employeeId: string, endDate: string, options: { onlyDeparted?: boolean } = {}): Promise<void> {
    const rows: { before: string | null }[] = await manager.query(
      `WITH prior AS (
         SELECT id, to_char(end_date, 'YYYY-MM-DD') AS end_date FROM employees
         WHERE tenant_id = $1 AND id = $2 AND ($4::boolean IS FALSE OR stage = 'depart') AND end_date IS DISTINCT FROM $3::date
         FOR UPDATE
       ), changed AS (
         UPDATE employees e SET end_date = $3, updated_at = now(), version = e.version + 1
         FROM prior WHERE e.tenant_id = $1 AND e.id = prior.id
         RETURNING prior.end_date AS before
       )
       SELECT before FROM changed`,
      [principal.tenantId, employeeId, endDate, options.onlyDeparted ?? false],
    );
    if (rows.length === 0) return;
    await this.audit.record(manager, principal.tenantId, principal, [
      { action: EMPLOYEE_AUDIT_ACTIONS.updated, entityType: 'employee', entityId: employeeId, before: { endDate: rows[0]!.before }, after: { endDate } },
    ]);
  }

  private async lock(manager: EntityManager, tenantId: string, id: string): Promise<SeparationEntity> {
    const separation = await manager.findOne(SeparationEntity, { where: { tenantId, id }, lock: { mode: 'pessimistic_write' } });
    if (!separation) throw notFound(id);
    return separation;
  }

  private async inReportingLine(manager: EntityManager, principal: Principal, separation: SeparationEntity): Promise<boolean> {
    if (principal.role !== 'manager' || !principal.userId) return false;
    const self = await employeeOfUser(manager, principal);
    if (!self || self === separation.employeeId) return false;
    if (separation.managerId === self) return true;
    if (!separation.unitId) return false;
    const managed: { id: string }[] = await manager.query(`SELECT id FROM units WHERE tenant_id = $1 AND manager_id = $2`, [principal.tenantId, self]);
    const { parents } = await readUnitTree(manager, principal.tenantId);
    return managed.some((unit) => isWithin(separation.unitId!, unit.id, parents));
  }

  private async recordChange(
    manager: EntityManager,
    principal: Principal,
    separation: SeparationEntity,
    type: string,
    details: Record<string, unknown>,
    audit: AuditDraft | null,
  ): Promise<void> {
    if (audit) await this.audit.record(manager, principal.tenantId, principal, [audit]);
    await this.events.record(manager, principal.tenantId, [
      {
        type,
        subjectId: separation.employeeId,
        payload: { separationId: separation.id, ...details, byUserId: principal.userId, byApiKeyId: principal.apiKeyId },
        occurredAt: new Date(),
      },
    ]);
  }

  private async toDtos(tenantId: string, separations: readonly SeparationEntity[]): Promise<SeparationDto[]> {
    const interviews = await this.exitInterviews.summaries(
      tenantId,
      separations.map((s) => s.id),
    );
    return separations.map((s) => toSeparationDto(s, interviews.get(s.id) ?? null));
  }
}

/** The audit entry of a separation's change (`before` null when recorded); null when nothing audited changed. */
function separationAudit(action: string, before: SeparationEntity | null, after: SeparationEntity): AuditDraft | null {
  const diff = auditDiff(before && auditFields(before, SEPARATION_AUDITED_FIELDS), auditFields(after, SEPARATION_AUDITED_FIELDS), SEPARATION_AUDIT_POLICY);
  return diff && { action, entityType: 'separation', entityId: after.id, before: diff.before, after: diff.after };
}

function toSeparationDto(s: SeparationEntity, exitInterview: SeparationExitInterviewDto | null): SeparationDto {
  return {
    id: s.id,
    employeeId: s.employeeId,
    status: s.status,
    type: s.type,
    noticeDate: s.noticeDate,
    lastWorkingDay: s.lastWorkingDay,
    regrettable: s.regrettable,
    primaryReason: s.primaryReason,
    secondaryReasons: s.secondaryReasons,
    rehireEligible: s.rehireEligible,
    alumniOptIn: s.alumniOptIn,
    alumniEmail: s.alumniEmail,
    previousStage: s.previousStage,
    startDate: s.startDate,
    unitId: s.unitId,
    managerId: s.managerId,
    checklistId: s.checklistId,
    exitInterview,
    withdrawnAt: s.withdrawnAt?.toISOString() ?? null,
    withdrawalReason: s.withdrawalReason,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    version: s.version,
  };
}

function alumniProblems(optIn: boolean, email: string | null): { field: string; message: string }[] {
  if (optIn && !email) return [{ field: 'alumniEmail', message: 'is required with alumniOptIn: the leaver gives the address to stay in touch' }];
  if (!optIn && email) return [{ field: 'alumniEmail', message: 'is kept only with the leaver’s consent (alumniOptIn: true)' }];
  return [];
}

function notFound(id: string): DomainError {
  return new DomainError(SeparationsProblems.notFound, `No separation ${id}.`);
}

function alreadySeparated(existingId: string | null): DomainError {
  return new DomainError(SeparationsProblems.alreadySeparated, 'This employee already has an active separation; change or withdraw it.', existingId ? { separationId: existingId } : undefined);
}
