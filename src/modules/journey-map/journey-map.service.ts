import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { DomainError } from '#src/common/errors/domain-error.js';
import { isForeignKeyViolation } from '#src/common/errors/postgres-errors.js';
import { validationFailed } from '#src/common/http/validation.js';
import { STAGES, type Stage } from '#src/modules/employees/domain/journey.js';
import { TenantSetup } from '#src/modules/tenancy/tenant-setup.js';
import { DEFAULT_TOUCHPOINTS, OPEN_STATUSES } from './domain/touchpoints.js';
import type { CreateTouchpointDto, JourneyMapDto, OrderTouchpointsDto, TouchpointDto, UpdateTouchpointDto } from './dto/journey-map.dto.js';
import type { CreateLinkDto, LinkDto } from './dto/analysis.dto.js';
import { TouchpointLinkEntity } from './entities/touchpoint-link.entity.js';
import { TouchpointEntity } from './entities/touchpoint.entity.js';
import { JourneyMapProblems } from './journey-map.errors.js';

/** The journey map: the fixed stages and the touchpoints HR places in them. */
@Injectable()
export class JourneyMapService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenantSetup: TenantSetup,
  ) {}

  onModuleInit(): void {
    this.tenantSetup.register('journey-map', async (manager, tenantId) => {
      const position = new Map<Stage, number>();
      await manager.insert(
        TouchpointEntity,
        DEFAULT_TOUCHPOINTS.map((t) => {
          position.set(t.stage, (position.get(t.stage) ?? 0) + 1);
          return { tenantId, stage: t.stage, name: t.name, description: null, ownerUnitId: null, ownerRole: t.ownerRole, channel: t.channel, dayOffset: t.dayOffset, position: position.get(t.stage)!, retiredAt: null, version: 1 };
        }),
      );
    });
  }

  /** The seven stages in journey order, each with its active touchpoints in order and their open pain points. */
  async map(tenantId: string): Promise<JourneyMapDto> {
    const touchpoints = await this.dataSource.manager.find(TouchpointEntity, { where: { tenantId, retiredAt: IsNull() }, order: { position: 'ASC', createdAt: 'ASC' } });
    const open = await this.openCounts(tenantId);
    return { stages: STAGES.map((stage) => ({ stage, touchpoints: touchpoints.filter((t) => t.stage === stage).map((t) => toTouchpointDto(t, open.get(t.id) ?? 0)) })) };
  }

  async create(tenantId: string, dto: CreateTouchpointDto): Promise<TouchpointDto> {
    const [{ next }] = (await this.dataSource.query(
      `SELECT coalesce(max(position), 0) + 1 AS next FROM journey_touchpoints WHERE tenant_id = $1 AND stage = $2 AND retired_at IS NULL`,
      [tenantId, dto.stage],
    )) as [{ next: number }];
    const inserted = await this.write(() =>
      this.dataSource.manager.insert(TouchpointEntity, {
        tenantId,
        stage: dto.stage,
        name: dto.name,
        description: dto.description ?? null,
        ownerUnitId: dto.ownerUnitId ?? null,
        ownerRole: dto.ownerRole ?? null,
        channel: dto.channel,
        dayOffset: dto.dayOffset ?? 0,
        position: next,
        retiredAt: null,
        version: 1,
      }),
    );
    return this.get(tenantId, (inserted.identifiers[0] as { id: string }).id);
  }

  async get(tenantId: string, id: string): Promise<TouchpointDto> {
    const touchpoint = await this.require(tenantId, id);
    return toTouchpointDto(touchpoint, (await this.openCounts(tenantId)).get(id) ?? 0);
  }

  /** Edits, retires or brings back a touchpoint; a retired one keeps its pain points and history. */
  async update(tenantId: string, id: string, dto: UpdateTouchpointDto): Promise<TouchpointDto> {
    const current = await this.require(tenantId, id);
    const changes: Partial<TouchpointEntity> = {};
    for (const field of ['name', 'description', 'ownerUnitId', 'ownerRole', 'channel', 'dayOffset'] as const) {
      if (dto[field] !== undefined) (changes as Record<string, unknown>)[field] = dto[field];
    }
    if (dto.retired !== undefined) changes.retiredAt = dto.retired ? (current.retiredAt ?? new Date()) : null;
    if (Object.keys(changes).length === 0) return this.get(tenantId, id);
    const query = this.dataSource.manager
      .createQueryBuilder()
      .update(TouchpointEntity)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' } as never)
      .where('tenant_id = :tenantId AND id = :id', { tenantId, id });
    if (dto.version !== undefined) query.andWhere('version = :version', { version: dto.version });
    const result = await this.write(() => query.execute());
    if (!result.affected) throw new DomainError(JourneyMapProblems.touchpointStale, `The touchpoint was changed since version ${dto.version}; read it again.`);
    return this.get(tenantId, id);
  }

  /** Reorders a stage: the list must name every active touchpoint of the stage, once. */
  async order(tenantId: string, stage: Stage, dto: OrderTouchpointsDto): Promise<JourneyMapDto> {
    await this.dataSource.transaction(async (manager) => {
      const active = await manager
        .createQueryBuilder(TouchpointEntity, 't')
        .setLock('pessimistic_write')
        .where('t.tenant_id = :tenantId AND t.stage = :stage AND t.retired_at IS NULL', { tenantId, stage })
        .getMany();
      const ids = new Set(active.map((t) => t.id));
      if (dto.touchpointIds.length !== ids.size || dto.touchpointIds.some((id) => !ids.has(id))) {
        throw new DomainError(JourneyMapProblems.orderMismatch, `List every active touchpoint of ${stage} once (${ids.size} of them).`, {
          expected: [...ids],
        });
      }
      for (const [index, id] of dto.touchpointIds.entries()) await manager.update(TouchpointEntity, { tenantId, id }, { position: index + 1 });
    });
    return this.map(tenantId);
  }

  /** Links a checklist template's task or a survey question to a touchpoint, as evidence. */
  async link(tenantId: string, id: string, dto: CreateLinkDto): Promise<LinkDto> {
    await this.require(tenantId, id);
    if (dto.kind === 'checklist_task') {
      if (!dto.templateId || !dto.taskKey) throw validationFailed([{ field: dto.templateId ? 'taskKey' : 'templateId', message: 'is required for a checklist_task link' }]);
      const found: unknown[] = await this.dataSource.query(
        `SELECT 1 FROM checklist_template_versions v WHERE v.tenant_id = $1 AND v.template_id = $2 AND v.tasks @> jsonb_build_array(jsonb_build_object('key', $3::text))`,
        [tenantId, dto.templateId, dto.taskKey],
      );
      if (found.length === 0) throw validationFailed([{ field: 'taskKey', message: 'is no task of that template' }]);
    } else {
      if (!dto.questionId) throw validationFailed([{ field: 'questionId', message: 'is required for a survey_question link' }]);
      const found: unknown[] = await this.dataSource.query(`SELECT 1 FROM survey_questions WHERE tenant_id = $1 AND id = $2`, [tenantId, dto.questionId]);
      if (found.length === 0) throw validationFailed([{ field: 'questionId', message: 'does not match a question' }]);
    }
    const inserted = await this.dataSource.manager.insert(TouchpointLinkEntity, {
      tenantId,
      touchpointId: id,
      kind: dto.kind,
      templateId: dto.kind === 'checklist_task' ? dto.templateId! : null,
      taskKey: dto.kind === 'checklist_task' ? dto.taskKey! : null,
      questionId: dto.kind === 'survey_question' ? dto.questionId! : null,
    });
    return toLinkDto(await this.dataSource.manager.findOneByOrFail(TouchpointLinkEntity, { tenantId, id: (inserted.identifiers[0] as { id: string }).id }));
  }

  async links(tenantId: string, id: string): Promise<LinkDto[]> {
    await this.require(tenantId, id);
    const rows = await this.dataSource.manager.find(TouchpointLinkEntity, { where: { tenantId, touchpointId: id }, order: { createdAt: 'ASC' } });
    return rows.map(toLinkDto);
  }

  async unlink(tenantId: string, id: string, linkId: string): Promise<void> {
    const result = await this.dataSource.manager.delete(TouchpointLinkEntity, { tenantId, touchpointId: id, id: linkId });
    if (!result.affected) throw new DomainError(JourneyMapProblems.linkNotFound, `No link ${linkId} on touchpoint ${id}.`);
  }

  async require(tenantId: string, id: string): Promise<TouchpointEntity> {
    const touchpoint = await this.dataSource.manager.findOneBy(TouchpointEntity, { tenantId, id });
    if (!touchpoint) throw new DomainError(JourneyMapProblems.touchpointNotFound, `No touchpoint ${id}.`);
    return touchpoint;
  }

  private async openCounts(tenantId: string): Promise<Map<string, number>> {
    const rows: { touchpoint_id: string; n: number }[] = await this.dataSource.query(
      `SELECT touchpoint_id, count(*)::int AS n FROM pain_points WHERE tenant_id = $1 AND status = ANY($2) GROUP BY touchpoint_id`,
      [tenantId, OPEN_STATUSES],
    );
    return new Map(rows.map((row) => [row.touchpoint_id, row.n]));
  }

  private async write<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (isForeignKeyViolation(error, 'fk_journey_touchpoints_owner_unit')) throw validationFailed([{ field: 'ownerUnitId', message: 'does not match a unit' }]);
      throw error;
    }
  }
}

function toLinkDto(link: TouchpointLinkEntity): LinkDto {
  return { id: link.id, touchpointId: link.touchpointId, kind: link.kind, templateId: link.templateId, taskKey: link.taskKey, questionId: link.questionId };
}

function toTouchpointDto(t: TouchpointEntity, openPainPoints: number): TouchpointDto {
  return {
    id: t.id,
    stage: t.stage,
    name: t.name,
    description: t.description,
    ownerUnitId: t.ownerUnitId,
    ownerRole: t.ownerRole,
    channel: t.channel,
    dayOffset: t.dayOffset,
    position: t.position,
    retired: t.retiredAt !== null,
    openPainPoints,
    impact: null,
    version: t.version,
  };
}
