import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import type { Principal } from '#src/common/auth/principal.js';
import { DomainError } from '#src/common/errors/domain-error.js';
import { validationFailed } from '#src/common/http/validation.js';
import { DEFAULT_PAGE_SIZE, type Page } from '#src/common/pagination/pagination.js';
import { AuditLogRepository } from '#src/modules/audit/audit-log.repository.js';
import type { AuditActor, AuditDraft } from '#src/modules/audit/domain/audit.js';
import type { DomainEventDraft } from '#src/modules/events/domain-event.js';
import { DomainEventsRepository } from '#src/modules/events/domain-events.repository.js';
import { TenantsService } from '#src/modules/tenancy/tenants.service.js';
import { employeeAudit, employeeAuditFields } from './domain/employee-audit.js';
import { employeeEvents, type EmployeeSnapshot } from './domain/employee-events.js';
import { allowedMoves, isAllowedMove, isBoomerang } from './domain/stage-transitions.js';
import { localDate, tenurePhase } from './domain/tenure-phase.js';
import type { Stage, TransitionSource } from './domain/journey.js';
import {
  JOURNEY_EVENT_TYPES,
  type CreateEmployeeDto,
  type CreateTransitionDto,
  type EmployeeResponseDto,
  type JourneyDto,
  type JourneyEventDto,
  type ListEmployeesQueryDto,
  type StageTransitionResponseDto,
  type TransitionResultDto,
  type UpdateEmployeeDto,
} from './dto/employee.dto.js';
import type { EmployeeEntity } from './employee.entity.js';
import { EmployeesProblems } from './employees.errors.js';
import { EmployeesRepository, type EmployeeChanges } from './employees.repository.js';
import { JourneySources } from './journey-sources.js';
import type { StageTransitionEntity } from './stage-transition.entity.js';

/** A stage move as the journey's history keeps it. */
export interface StageMove {
  readonly to: Stage;
  readonly effectiveAt: Date;
  readonly reason: string | null;
  readonly source: TransitionSource;
}

/** A move may be dated this far ahead of the server clock (clock skew between the HRIS and us). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** Employees and their journey: creation, changes with history, and stage moves under the journey's rules. */
@Injectable()
export class EmployeesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly employees: EmployeesRepository,
    private readonly tenants: TenantsService,
    private readonly events: DomainEventsRepository,
    private readonly audit: AuditLogRepository,
    private readonly sources: JourneySources,
  ) {}

  async create(principal: Principal, dto: CreateEmployeeDto): Promise<EmployeeResponseDto> {
    const now = new Date();
    const employee = await this.write(() =>
      this.dataSource.transaction(async (manager) => {
        const created = await this.employees.insert(manager, {
          tenantId: principal.tenantId,
          externalId: dto.externalId ?? null,
          firstName: dto.firstName,
          lastName: dto.lastName,
          workEmail: dto.workEmail?.trim().toLowerCase() ?? null,
          jobTitle: dto.jobTitle ?? null,
          unitId: dto.unitId ?? null,
          managerId: dto.managerId ?? null,
          location: dto.location ?? null,
          employmentType: dto.employmentType ?? null,
          startDate: dto.startDate ?? null,
          endDate: dto.endDate ?? null,
          referredById: dto.referredById ?? null,
          stage: dto.stage,
          stageChangedAt: now,
        });
        await this.employees.insertTransition(manager, {
          ...this.actor(principal, 'api'),
          tenantId: principal.tenantId,
          employeeId: created.id,
          fromStage: null,
          toStage: dto.stage,
          effectiveAt: now,
          reason: null,
        });
        await this.employees.recordAssignment(manager, created, now);
        await this.recordChange(
          manager,
          principal,
          employeeEvents({ before: null, after: created, at: now, source: 'api' }),
          employeeAudit(created.id, null, employeeAuditFields(created)),
        );
        return created;
      }),
    );
    return this.toResponse(employee, await this.today(principal.tenantId));
  }

  async get(tenantId: string, id: string): Promise<EmployeeResponseDto> {
    return this.toResponse(await this.require(tenantId, id), await this.today(tenantId));
  }

  async list(tenantId: string, query: ListEmployeesQueryDto): Promise<Page<EmployeeResponseDto>> {
    const today = await this.today(tenantId);
    const page = await this.employees.listPage(tenantId, {
      unitId: query.unitId,
      stage: query.stage,
      tenurePhase: query.tenurePhase,
      location: query.location,
      managerId: query.managerId,
      q: query.q,
      sort: query.sort ?? 'lastName',
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      cursor: query.cursor,
      today,
    });
    return { items: page.items.map((e) => this.toResponse(e, today)), nextCursor: page.nextCursor };
  }

  async update(principal: Principal, id: string, dto: UpdateEmployeeDto): Promise<EmployeeResponseDto> {
    const { version, promotion, ...fields } = dto;
    const changes: EmployeeChanges = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    if (typeof changes.workEmail === 'string') changes.workEmail = changes.workEmail.trim().toLowerCase();

    const updated = await this.write(() =>
      this.dataSource.transaction(async (manager) => {
        const current = await this.lockOrThrow(manager, principal.tenantId, id);
        if (version !== undefined && current.version !== version) {
          throw new DomainError(EmployeesProblems.staleVersion, `The employee is at version ${current.version}, not ${version}; read it again.`);
        }
        if (changes.managerId && (await this.employees.isInManagementChainOf(manager, principal.tenantId, changes.managerId, id))) {
          throw new DomainError(EmployeesProblems.managerCycle, 'The new manager is this employee or reports to them.');
        }
        const changed = Object.entries(changes).filter(([key, value]) => current[key as keyof EmployeeEntity] !== value);
        if (changed.length === 0) return current;
        const at = new Date();
        const next = await this.employees.update(manager, principal.tenantId, id, Object.fromEntries(changed));
        if (changed.some(([key]) => key === 'unitId' || key === 'managerId' || key === 'jobTitle')) {
          await this.employees.recordAssignment(manager, next, at);
        }
        await this.recordChange(
          manager,
          principal,
          employeeEvents({ before: snapshot(current), after: next, at, source: 'api', promotion }),
          employeeAudit(id, employeeAuditFields(current), employeeAuditFields(next)),
        );
        return next;
      }),
    );
    return this.toResponse(updated, await this.today(principal.tenantId));
  }

  /** Moves an employee to another stage when the journey allows it; the move is appended to their history. */
  async transition(principal: Principal, id: string, dto: CreateTransitionDto, source: TransitionSource = 'api'): Promise<TransitionResultDto> {
    const effectiveAt = dto.effectiveAt ?? new Date();
    if (effectiveAt.getTime() > Date.now() + FUTURE_TOLERANCE_MS) {
      throw validationFailed([{ field: 'effectiveAt', message: 'must not be in the future' }]);
    }
    const { employee, transition } = await this.dataSource.transaction((manager) =>
      this.moveIn(manager, principal, id, { to: dto.to, effectiveAt, reason: dto.reason ?? null, source }),
    );
    return { transition: toTransitionResponse(transition), employee: this.toResponse(employee, await this.today(principal.tenantId)) };
  }

  /**
   * A stage move inside the caller's transaction (a separation's, or the route's): locks the
   * employee, checks the journey's rules (a `correction` may undo a move outside them), appends the
   * move to the history, updates the employee with any other `changes`, and records the events.
   */
  async moveIn(
    manager: EntityManager,
    principal: Pick<Principal, 'tenantId' | 'userId' | 'apiKeyId' | 'requestId'>,
    id: string,
    move: StageMove,
    changes: EmployeeChanges = {},
  ): Promise<{ before: EmployeeSnapshot; employee: EmployeeEntity; transition: StageTransitionEntity }> {
    const { tenantId } = principal;
    const current = await this.lockOrThrow(manager, tenantId, id);
    if (move.source !== 'correction' && !isAllowedMove(current.stage, move.to)) {
      const allowed = allowedMoves(current.stage);
      throw new DomainError(
        EmployeesProblems.transitionNotAllowed,
        `An employee in ${current.stage} can move to ${allowed.join(' or ')}, not to ${move.to}.`,
        { from: current.stage, to: move.to, allowed },
      );
    }
    const last = await this.employees.lastTransitionAt(manager, tenantId, id);
    if (last && move.effectiveAt < last) {
      throw new DomainError(
        EmployeesProblems.transitionOutOfOrder,
        `The last move took effect at ${last.toISOString()}; a new move cannot be dated earlier.`,
        { lastEffectiveAt: last.toISOString() },
      );
    }
    const before = snapshot(current);
    const transition = await this.employees.insertTransition(manager, {
      ...this.actor(principal, move.source),
      tenantId,
      employeeId: id,
      fromStage: current.stage,
      toStage: move.to,
      effectiveAt: move.effectiveAt,
      reason: move.reason,
    });
    const employee = await this.employees.update(manager, tenantId, id, { ...changes, stage: move.to, stageChangedAt: move.effectiveAt });
    await this.recordChange(
      manager,
      principal,
      employeeEvents({ before, after: employee, at: move.effectiveAt, source: move.source, reason: move.reason }),
      employeeAudit(id, employeeAuditFields(current), employeeAuditFields(employee), { transitionId: transition.id, transitionSource: move.source }),
    );
    return { before, employee, transition };
  }

  /**
   * One timeline of the employee, oldest first: stage moves and assignment changes, and the moments
   * other capabilities register (checklists, survey invitations, named pain points, separations).
   */
  async journey(tenantId: string, id: string): Promise<JourneyDto> {
    const employee = await this.require(tenantId, id);
    const [transitions, assignments, others] = await Promise.all([
      this.employees.listTransitions(tenantId, id),
      this.employees.listAssignments(tenantId, id),
      this.sources.read(this.dataSource, tenantId, id),
    ]);
    const events: JourneyEventDto[] = [
      ...transitions.map((t) => ({
        type: 'stage_changed' as const,
        at: t.effectiveAt.toISOString(),
        from: t.fromStage,
        to: t.toStage,
        reason: t.reason,
        source: t.source,
      })),
      ...assignments.map((a) => ({
        type: 'assignment_changed' as const,
        at: a.validFrom.toISOString(),
        unitId: a.unitId,
        managerId: a.managerId,
        jobTitle: a.jobTitle,
      })),
      ...others,
    ].sort((a, b) => a.at.localeCompare(b.at) || JOURNEY_EVENT_TYPES.indexOf(a.type) - JOURNEY_EVENT_TYPES.indexOf(b.type));
    return { employee: this.toResponse(employee, await this.today(tenantId)), events };
  }

  private async require(tenantId: string, id: string): Promise<EmployeeEntity> {
    const employee = await this.employees.findInTenant(tenantId, id);
    if (!employee) throw new DomainError(EmployeesProblems.notFound, `No employee ${id}.`);
    return employee;
  }

  /** The employee, row-locked for the transaction; an erased one can no longer change. */
  private async lockOrThrow(manager: EntityManager, tenantId: string, id: string): Promise<EmployeeEntity> {
    const employee = await this.employees.findForUpdate(manager, tenantId, id);
    if (!employee) throw new DomainError(EmployeesProblems.notFound, `No employee ${id}.`);
    if (employee.erasedAt) throw new DomainError(EmployeesProblems.erased, 'This employee was erased at their request; nothing about them changes any more.');
    return employee;
  }

  /** The events and the audit entry of one change, in its transaction. */
  private async recordChange(
    manager: EntityManager,
    actor: AuditActor & Pick<Principal, 'tenantId'>,
    events: DomainEventDraft[],
    audit: AuditDraft | null,
  ): Promise<void> {
    await this.events.record(manager, actor.tenantId, events);
    if (audit) await this.audit.record(manager, actor.tenantId, actor, [audit]);
  }

  private actor(principal: Pick<Principal, 'userId' | 'apiKeyId'>, source: TransitionSource) {
    return { source, actorUserId: principal.userId, actorApiKeyId: principal.apiKeyId };
  }

  private async today(tenantId: string): Promise<string> {
    const tenant = await this.tenants.get(tenantId);
    return localDate(new Date(), tenant.settings.timezone);
  }

  private toResponse(e: EmployeeEntity, today: string): EmployeeResponseDto {
    return {
      id: e.id,
      externalId: e.externalId,
      firstName: e.firstName,
      lastName: e.lastName,
      workEmail: e.workEmail,
      jobTitle: e.jobTitle,
      unitId: e.unitId,
      managerId: e.managerId,
      location: e.location,
      employmentType: e.employmentType,
      startDate: e.startDate,
      endDate: e.endDate,
      referredById: e.referredById,
      stage: e.stage,
      stageChangedAt: e.stageChangedAt.toISOString(),
      tenurePhase: tenurePhase(e.stage, e.startDate, today),
      createdAt: e.createdAt.toISOString(),
      updatedAt: e.updatedAt.toISOString(),
      version: e.version,
      erasedAt: e.erasedAt?.toISOString() ?? null,
    };
  }

  /**
   * Runs a write, turning the database's refusals into answers that name the field: unknown
   * unit, manager or referrer, a taken external id or e-mail, dates in the wrong order.
   */
  private async write<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (!(error instanceof QueryFailedError)) throw error;
      const constraint = (error.driverError as { constraint?: string }).constraint;
      switch (constraint) {
        case 'uq_employees_tenant_external_id':
          throw new DomainError(EmployeesProblems.externalIdTaken, 'Another employee of this organisation has this external id.');
        case 'uq_employees_tenant_work_email':
          throw new DomainError(EmployeesProblems.workEmailTaken, 'Another employee of this organisation has this work e-mail.');
        case 'fk_employees_unit':
          throw validationFailed([{ field: 'unitId', message: 'is not a unit of this organisation' }]);
        case 'fk_employees_manager':
          throw validationFailed([{ field: 'managerId', message: 'is not an employee of this organisation' }]);
        case 'fk_employees_referred_by':
          throw validationFailed([{ field: 'referredById', message: 'is not an employee of this organisation' }]);
        case 'ck_employees_dates':
          throw validationFailed([{ field: 'endDate', message: 'must not be before startDate' }]);
        case 'ck_employees_not_own_manager':
          throw new DomainError(EmployeesProblems.managerCycle, 'An employee cannot be their own manager.');
        default:
          throw error;
      }
    }
  }
}

/** A copy of the fields that make events, taken before a change (entities are updated in place). */
function snapshot(e: EmployeeEntity): EmployeeSnapshot {
  return { id: e.id, stage: e.stage, unitId: e.unitId, managerId: e.managerId, jobTitle: e.jobTitle };
}

function toTransitionResponse(t: StageTransitionEntity): StageTransitionResponseDto {
  return {
    id: t.id,
    from: t.fromStage,
    to: t.toStage,
    effectiveAt: t.effectiveAt.toISOString(),
    reason: t.reason,
    source: t.source,
    boomerang: t.fromStage !== null && isBoomerang(t.fromStage, t.toStage),
  };
}
