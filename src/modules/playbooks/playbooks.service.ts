import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { DomainError } from '#src/common/errors/domain-error.js';
import { validationFailed } from '#src/common/http/validation.js';
import { DEFAULT_PAGE_SIZE, decodeCursor, toPage, type Page } from '#src/common/pagination/pagination.js';
import {
  toPlaybookResponse,
  toRunDto,
  type CreatePlaybookDto,
  type ListPlaybooksQueryDto,
  type ListRunsQueryDto,
  type PlaybookActionDto,
  type PlaybookResponseDto,
  type PlaybookRunDto,
  type UpdatePlaybookDto,
} from './dto/playbook.dto.js';
import { PlaybookActions } from './playbook-actions.js';
import { PlaybookRunEntity } from './playbook-run.entity.js';
import { PlaybookEntity } from './playbook.entity.js';
import { PlaybooksProblems } from './playbooks.errors.js';

@Injectable()
export class PlaybooksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actions: PlaybookActions,
    @InjectRepository(PlaybookEntity) private readonly playbooks: Repository<PlaybookEntity>,
    @InjectRepository(PlaybookRunEntity) private readonly runs: Repository<PlaybookRunEntity>,
  ) {}

  listActions(): PlaybookActionDto[] {
    return this.actions.list().map(({ key, description }) => ({ key, description }));
  }

  async create(tenantId: string, dto: CreatePlaybookDto): Promise<PlaybookResponseDto> {
    const params = dto.params ?? {};
    this.checkAction(dto.action, params);
    if (dto.triggerStage && dto.triggerEvent !== 'employee.stage_changed') {
      throw validationFailed([{ field: 'triggerStage', message: 'applies only to employee.stage_changed' }]);
    }
    if (dto.unitId) await this.checkUnit(tenantId, dto.unitId);
    const inserted = await this.playbooks
      .createQueryBuilder()
      .insert()
      .into(PlaybookEntity)
      .values({
        tenantId,
        name: dto.name,
        triggerEvent: dto.triggerEvent,
        triggerStage: dto.triggerStage ?? null,
        unitId: dto.unitId ?? null,
        location: dto.location ?? null,
        action: dto.action,
        actionParams: params,
        delayDays: dto.delayDays ?? 0,
        disabledAt: null,
        // Events already visible now happened before the playbook and must not start it.
        listeningSnapshot: () => 'pg_current_snapshot()::text',
        version: 1,
      } as QueryDeepPartialEntity<PlaybookEntity>)
      .returning(['id'])
      .execute();
    const saved = await this.require(tenantId, (inserted.raw as { id: string }[])[0]!.id);
    return toPlaybookResponse(saved);
  }

  async list(tenantId: string, query: ListPlaybooksQueryDto): Promise<Page<PlaybookResponseDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const q = this.playbooks.createQueryBuilder('p').where('p.tenant_id = :tenantId', { tenantId });
    if (!query.includeInactive) q.andWhere('p.disabled_at IS NULL');
    if (query.cursor) {
      const position = decodeCursor(query.cursor);
      q.andWhere('(p.created_at, p.id) > (:cursorValue, :cursorId)', { cursorValue: position.value, cursorId: position.id });
    }
    const rows = await q.orderBy('p.created_at', 'ASC').addOrderBy('p.id', 'ASC').limit(limit + 1).getMany();
    const page = toPage(rows, limit, (p) => ({ value: p.createdAt.toISOString(), id: p.id }));
    return { items: page.items.map(toPlaybookResponse), nextCursor: page.nextCursor };
  }

  async get(tenantId: string, id: string): Promise<PlaybookResponseDto> {
    return toPlaybookResponse(await this.require(tenantId, id));
  }

  async update(tenantId: string, id: string, dto: UpdatePlaybookDto): Promise<PlaybookResponseDto> {
    const current = await this.require(tenantId, id);
    if (dto.params !== undefined) this.checkAction(current.action, dto.params);
    await this.playbooks
      .createQueryBuilder()
      .update(PlaybookEntity)
      .set({
        ...(dto.name !== undefined ? { name: dto.name } : {}),
        ...(dto.params !== undefined ? { actionParams: dto.params } : {}),
        ...(dto.delayDays !== undefined ? { delayDays: dto.delayDays } : {}),
        ...(dto.location !== undefined ? { location: dto.location } : {}),
        ...(dto.active !== undefined ? { disabledAt: dto.active ? null : (current.disabledAt ?? new Date()) } : {}),
        // Resuming starts listening again from now: events that happened while paused are skipped.
        ...(dto.active === true && current.disabledAt !== null ? { listeningSnapshot: () => 'pg_current_snapshot()::text' } : {}),
        version: () => 'version + 1',
        updatedAt: () => 'now()',
      } as QueryDeepPartialEntity<PlaybookEntity>)
      .where('tenant_id = :tenantId AND id = :id', { tenantId, id })
      .execute();
    return this.get(tenantId, id);
  }

  async remove(tenantId: string, id: string): Promise<void> {
    if (((await this.playbooks.delete({ tenantId, id })).affected ?? 0) === 0) throw notFound(id);
  }

  async listRuns(tenantId: string, id: string, query: ListRunsQueryDto): Promise<Page<PlaybookRunDto>> {
    await this.require(tenantId, id);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const q = this.runs.createQueryBuilder('r').where('r.tenant_id = :tenantId AND r.playbook_id = :id', { tenantId, id });
    if (query.status) q.andWhere('r.status = :status', { status: query.status });
    if (query.cursor) {
      const position = decodeCursor(query.cursor);
      q.andWhere('(r.created_at, r.id) < (:cursorValue, :cursorId)', { cursorValue: position.value, cursorId: position.id });
    }
    const rows = await q.orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'DESC').limit(limit + 1).getMany();
    const page = toPage(rows, limit, (r) => ({ value: r.createdAt.toISOString(), id: r.id }));
    return { items: page.items.map(toRunDto), nextCursor: page.nextCursor };
  }

  private checkAction(key: string, params: Record<string, unknown>): void {
    const action = this.actions.get(key);
    if (!action) {
      throw validationFailed([{ field: 'action', message: `is not a registered action (${this.actions.list().map((a) => a.key).join(', ')})` }]);
    }
    const problems = action.validate(params);
    if (problems.length > 0) throw validationFailed(problems.map((message) => ({ field: 'params', message })));
  }

  private async checkUnit(tenantId: string, unitId: string): Promise<void> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM units WHERE tenant_id = $1 AND id = $2', [tenantId, unitId]);
    if (rows.length === 0) throw validationFailed([{ field: 'unitId', message: 'is not a unit of this organisation' }]);
  }

  private async require(tenantId: string, id: string): Promise<PlaybookEntity> {
    const playbook = await this.playbooks.findOneBy({ tenantId, id });
    if (!playbook) throw notFound(id);
    return playbook;
  }
}

function notFound(id: string): DomainError {
  return new DomainError(PlaybooksProblems.notFound, `No playbook ${id}.`);
}
