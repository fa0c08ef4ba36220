import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '#src/common/auth/principal.js';
import { DomainError } from '#src/common/errors/domain-error.js';
import { isForeignKeyViolation } from '#src/common/errors/postgres-errors.js';
import { validationFailed } from '#src/common/http/validation.js';
import { DEFAULT_PAGE_SIZE, decodeCursor, toPage, type Page } from '#src/common/pagination/pagination.js';
import { localDate } from '#src/modules/employees/domain/tenure-phase.js';
import { DomainEventsRepository } from '#src/modules/events/domain-events.repository.js';
import { TenantsService } from '#src/modules/tenancy/tenants.service.js';
import { subtreeSql } from '#src/modules/units/unit-tree.js';
import type { ActionStatus } from './domain/actions.js';
import type {
  ActionDetailDto,
  ActionDto,
  ActionImpactDto,
  ActionUpdateDto,
  CreateActionDto,
  CreateActionUpdateDto,
  ImpactPointDto,
  ListActionsQueryDto,
  UpdateActionDto,
} from './dto/action.dto.js';
import { SurveyActionEntity, SurveyActionUpdateEntity } from './entities/survey-action.entity.js';
import { SurveyRoundEntity } from './entities/survey-round.entity.js';
import { SurveyGroups, ancestorsOrSelf, isWithin, type UnitTree } from './survey-groups.js';
import { ResultsService } from './results.service.js';
import { SurveysProblems } from './surveys.errors.js';
import { SurveysService } from './surveys.service.js';

/** Rounds after an action that its impact shows. */
const IMPACT_ROUNDS = 12;

/** What a caller may see and change of actions: every unit (HR), a reporting line (managers), or their own unit's (employees, read only). */
type ActionScope = { kind: 'all' } | { kind: 'line'; roots: string[] } | { kind: 'own'; units: string[] };

/**
 * "You said, we did": actions a unit takes on a driver after a survey, their history, and whether
 * they helped (the driver's score for the unit before and after, behind the anonymity guard).
 */
/** Recorded once per round and unit when the unit publishes its first action after the round. */
export const YOU_SAID_WE_DID_EVENT = 'survey.you_said_we_did';

@Injectable()
export class ActionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenants: TenantsService,
    private readonly surveys: SurveysService,
    private readonly results: ResultsService,
    private readonly groups: SurveyGroups,
    private readonly events: DomainEventsRepository,
  ) {}

  async create(principal: Principal, dto: CreateActionDto): Promise<ActionDetailDto> {
    const tree = await this.groups.units(principal.tenantId);
    const scope = await this.scope(principal, tree);
    if (!tree.parents.has(dto.unitId)) throw validationFailed([{ field: 'unitId', message: 'does not match a unit' }]);
    if (!this.mayChange(scope, dto.unitId, tree)) throw outOfScope();
    await this.surveys.require(principal.tenantId, dto.surveyId);
    if (dto.roundId) await this.requireRound(principal.tenantId, dto.surveyId, dto.roundId);
    const id = await this.write(async (manager) => {
      const inserted = await manager.insert(SurveyActionEntity, {
        tenantId: principal.tenantId,
        surveyId: dto.surveyId,
        roundId: dto.roundId ?? null,
        unitId: dto.unitId,
        driverKey: dto.driverKey,
        title: dto.title,
        description: dto.description ?? null,
        ownerUserId: dto.ownerUserId ?? null,
        dueOn: dto.dueOn ?? null,
        status: 'planned',
        doneAt: null,
        version: 1,
      });
      const actionId = (inserted.identifiers[0] as { id: string }).id;
      await this.recordUpdate(manager, principal, actionId, 'Action created.', 'planned');
      if (dto.roundId) await this.thankOnce(manager, principal.tenantId, { ...dto, roundId: dto.roundId }, actionId);
      return actionId;
    });
    return this.get(principal, id);
  }

  async list(principal: Principal, query: ListActionsQueryDto): Promise<Page<ActionDto>> {
    const tree = await this.groups.units(principal.tenantId);
    const scope = await this.scope(principal, tree);
    const today = await this.today(principal.tenantId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const q = this.dataSource.manager.createQueryBuilder(SurveyActionEntity, 'a').where('a.tenant_id = :tenantId', { tenantId: principal.tenantId });
    const units = this.readableUnits(scope, tree, query.unitId);
    if (units) q.andWhere('a.unit_id = ANY(:units)', { units });
    if (query.surveyId) q.andWhere('a.survey_id = :surveyId', { surveyId: query.surveyId });
    if (query.driverKey) q.andWhere('a.driver_key = :driverKey', { driverKey: query.driverKey });
    if (query.status) q.andWhere('a.status = :status', { status: query.status });
    if (query.overdue) q.andWhere(`a.status <> 'done' AND a.due_on < :today`, { today });
    if (query.cursor) {
      const position = decodeCursor(query.cursor);
      q.andWhere('(a.created_at, a.id) > (:cursorValue, :cursorId)', { cursorValue: position.value, cursorId: position.id });
    }
    const rows = await q.orderBy('a.created_at', 'ASC').addOrderBy('a.id', 'ASC').limit(limit + 1).getMany();
    const page = toPage(rows, limit, (row) => ({ value: row.createdAt.toISOString(), id: row.id }));
    return { items: page.items.map((row) => toActionDto(row, today)), nextCursor: page.nextCursor };
  }

  async get(principal: Principal, id: string): Promise<ActionDetailDto> {
    const tree = await this.groups.units(principal.tenantId);
    const action = await this.requireReadable(principal, id, tree);
    return { ...toActionDto(action, await this.today(principal.tenantId)), impact: await this.impact(action, tree) };
  }

  async update(principal: Principal, id: string, dto: UpdateActionDto): Promise<ActionDetailDto> {
    const tree = await this.groups.units(principal.tenantId);
    const action = await this.requireChangeable(principal, id, tree);
    const changes: Partial<SurveyActionEntity> = {};
    if (dto.title !== undefined) changes.title = dto.title;
    if (dto.description !== undefined) changes.description = dto.description;
    if (dto.ownerUserId !== undefined) changes.ownerUserId = dto.ownerUserId;
    if (dto.dueOn !== undefined) changes.dueOn = dto.dueOn;
    const statusChanged = dto.status !== undefined && dto.status !== action.status;
    if (statusChanged) Object.assign(changes, statusChanges(dto.status!));
    if (Object.keys(changes).length > 0) {
      await this.write(async (manager) => {
        const query = manager
          .createQueryBuilder()
          .update(SurveyActionEntity)
          .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' } as never)
          .where('tenant_id = :tenantId AND id = :id', { tenantId: principal.tenantId, id });
        if (dto.version !== undefined) query.andWhere('version = :version', { version: dto.version });
        const result = await query.execute();
        if (!result.affected) throw new DomainError(SurveysProblems.actionStale, `The action was changed since version ${dto.version}; read it again.`);
        if (statusChanged) await this.recordUpdate(manager, principal, id, null, dto.status!);
      });
    }
    return this.get(principal, id);
  }

  async addUpdate(principal: Principal, id: string, dto: CreateActionUpdateDto): Promise<ActionUpdateDto> {
    const tree = await this.groups.units(principal.tenantId);
    const action = await this.requireChangeable(principal, id, tree);
    const status = dto.status !== undefined && dto.status !== action.status ? dto.status : null;
    const update = await this.write(async (manager) => {
      if (status) {
        await manager
          .createQueryBuilder()
          .update(SurveyActionEntity)
          .set({ ...statusChanges(status), version: () => 'version + 1', updatedAt: () => 'now()' } as never)
          .where('tenant_id = :tenantId AND id = :id', { tenantId: principal.tenantId, id })
          .execute();
      }
      return this.recordUpdate(manager, principal, id, dto.note, status);
    });
    return toUpdateDto(update);
  }

  async listUpdates(principal: Principal, id: string): Promise<ActionUpdateDto[]> {
    const tree = await this.groups.units(principal.tenantId);
    await this.requireReadable(principal, id, tree);
    const rows = await this.dataSource.manager.find(SurveyActionUpdateEntity, {
      where: { tenantId: principal.tenantId, actionId: id },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map(toUpdateDto);
  }

  /** The driver's score for the unit in the last round before the action, and in each round after it. */
  private async impact(action: SurveyActionEntity, tree: UnitTree): Promise<ActionImpactDto> {
    const rounds = await this.dataSource.manager.find(SurveyRoundEntity, {
      where: { tenantId: action.tenantId, surveyId: action.surveyId },
      order: { number: 'ASC' },
    });
    const before = rounds.filter((round) => round.openedAt < action.createdAt).at(-1);
    const after = rounds.filter((round) => round.openedAt >= action.createdAt).slice(0, IMPACT_ROUNDS);
    const point = async (round: SurveyRoundEntity): Promise<ImpactPointDto> => {
      const results = await this.results.compute(action.tenantId, action.surveyId, { roundId: round.id, unitId: action.unitId, driver: action.driverKey }, tree);
      const driver = results.drivers.find((d) => d.key === action.driverKey);
      const mean = !driver ? null : driver.suppressed ? { suppressed: true as const, reason: driver.reason! } : driver.mean!;
      return { roundNumber: round.number, openedAt: round.openedAt.toISOString(), mean };
    };
    const points: ImpactPointDto[] = [];
    for (const round of after) points.push(await point(round));
    return { before: before ? await point(before) : null, after: points };
  }

  private async scope(principal: Principal, tree: UnitTree): Promise<ActionScope> {
    if (principal.role === 'hr_admin') return { kind: 'all' };
    if (principal.role === 'manager') return { kind: 'line', roots: await this.groups.managedRoots(principal, tree.parents) };
    const unit = await this.groups.ownUnit(principal);
    return { kind: 'own', units: unit ? ancestorsOrSelf(unit, tree.parents) : [] };
  }

  /** The units whose actions a list may show (null: any), narrowed to `unitId` and its sub-units. */
  private readableUnits(scope: ActionScope, tree: UnitTree, unitId?: string): string[] | null {
    const all = [...tree.parents.keys()];
    const wanted = unitId ? all.filter((id) => isWithin(id, unitId, tree.parents)) : null;
    const allowed =
      scope.kind === 'all' ? null : scope.kind === 'own' ? scope.units : all.filter((id) => scope.roots.some((root) => isWithin(id, root, tree.parents)));
    if (!allowed) return wanted;
    return wanted ? wanted.filter((id) => allowed.includes(id)) : allowed;
  }

  private mayChange(scope: ActionScope, unitId: string, tree: UnitTree): boolean {
    return scope.kind === 'all' || (scope.kind === 'line' && scope.roots.some((root) => isWithin(unitId, root, tree.parents)));
  }

  private async requireReadable(principal: Principal, id: string, tree: UnitTree): Promise<SurveyActionEntity> {
    const action = await this.dataSource.manager.findOneBy(SurveyActionEntity, { tenantId: principal.tenantId, id });
    const units = action && this.readableUnits(await this.scope(principal, tree), tree);
    // Outside one's scope an action does not exist: its title alone may say something about a team.
    if (!action || (units && !units.includes(action.unitId))) throw new DomainError(SurveysProblems.actionNotFound, `No action ${id}.`);
    return action;
  }

  private async requireChangeable(principal: Principal, id: string, tree: UnitTree): Promise<SurveyActionEntity> {
    const action = await this.requireReadable(principal, id, tree);
    if (!this.mayChange(await this.scope(principal, tree), action.unitId, tree)) throw outOfScope();
    return action;
  }

  private async requireRound(tenantId: string, surveyId: string, roundId: string): Promise<void> {
    const round = await this.dataSource.manager.findOneBy(SurveyRoundEntity, { tenantId, surveyId, id: roundId });
    if (!round) throw validationFailed([{ field: 'roundId', message: 'is not a round of this survey' }]);
  }

  /**
   * "You said, we did": the first action a unit publishes after a round thanks the people of that
   * unit the round asked, in one `survey.you_said_we_did` event. Everyone asked is thanked, not only
   * those who answered, so that the message singles nobody out (who answered is never told).
   */
  private async thankOnce(manager: EntityManager, tenantId: string, action: { surveyId: string; roundId: string; unitId: string; title: string }, actionId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('tandem:you-said-we-did'), hashtext($1))`, [`${action.roundId}:${action.unitId}`]);
    const already: unknown[] = await manager.query(
      `SELECT 1 FROM domain_events WHERE tenant_id = $1 AND type = $2 AND payload->>'roundId' = $3 AND payload->>'unitId' = $4 LIMIT 1`,
      [tenantId, YOU_SAID_WE_DID_EVENT, action.roundId, action.unitId],
    );
    if (already.length > 0) return;
    const asked: { employee_id: string }[] = await manager.query(
      `${subtreeSql('$1', '$3')}
       SELECT DISTINCT employee_id FROM survey_invitations WHERE tenant_id = $1 AND round_id = $2 AND unit_id IN (SELECT id FROM subtree) ORDER BY employee_id`,
      [tenantId, action.roundId, action.unitId],
    );
    if (asked.length === 0) return;
    await this.events.record(manager, tenantId, [
      {
        type: YOU_SAID_WE_DID_EVENT,
        subjectId: actionId,
        payload: { surveyId: action.surveyId, roundId: action.roundId, unitId: action.unitId, actionId, title: action.title, recipients: asked.map((a) => a.employee_id) },
        occurredAt: new Date(),
      },
    ]);
  }

  private async recordUpdate(
    manager: EntityManager,
    principal: Principal,
    actionId: string,
    note: string | null,
    status: ActionStatus | null,
  ): Promise<SurveyActionUpdateEntity> {
    const values = { tenantId: principal.tenantId, actionId, note, status, authorUserId: principal.userId, authorApiKeyId: principal.apiKeyId };
    const inserted = await manager.insert(SurveyActionUpdateEntity, values);
    return manager.findOneByOrFail(SurveyActionUpdateEntity, { tenantId: principal.tenantId, id: (inserted.identifiers[0] as { id: string }).id });
  }

  /** Runs writes in a transaction, turning a bad driver or owner into a 400 naming the field. */
  private async write<T>(run: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(run);
    } catch (error) {
      if (isForeignKeyViolation(error, 'fk_survey_actions_driver')) throw validationFailed([{ field: 'driverKey', message: 'does not match a driver' }]);
      if (isForeignKeyViolation(error, 'fk_survey_actions_owner')) throw validationFailed([{ field: 'ownerUserId', message: 'does not match a user' }]);
      throw error;
    }
  }

  private async today(tenantId: string): Promise<string> {
    const { settings } = await this.tenants.get(tenantId);
    return localDate(new Date(), settings.timezone);
  }
}

function statusChanges(status: ActionStatus): Partial<SurveyActionEntity> {
  return { status, doneAt: status === 'done' ? new Date() : null };
}

function outOfScope(): DomainError {
  return new DomainError(SurveysProblems.outOfScope, 'This unit is outside your reporting line.');
}

function toActionDto(action: SurveyActionEntity, today: string): ActionDto {
  return {
    id: action.id,
    surveyId: action.surveyId,
    roundId: action.roundId,
    unitId: action.unitId,
    driverKey: action.driverKey,
    title: action.title,
    description: action.description,
    ownerUserId: action.ownerUserId,
    dueOn: action.dueOn,
    status: action.status,
    overdue: action.status !== 'done' && action.dueOn !== null && action.dueOn < today,
    createdAt: action.createdAt.toISOString(),
    updatedAt: action.updatedAt.toISOString(),
    version: action.version,
  };
}

function toUpdateDto(update: SurveyActionUpdateEntity): ActionUpdateDto {
  return { id: update.id, note: update.note, status: update.status, authorUserId: update.authorUserId, createdAt: update.createdAt.toISOString() };
}
