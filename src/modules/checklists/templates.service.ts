import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '#src/common/errors/domain-error.js';
import { validationFailed } from '#src/common/http/validation.js';
import { DEFAULT_PAGE_SIZE, decodeCursor, toPage, type Page } from '#src/common/pagination/pagination.js';
import { TenantSetup } from '#src/modules/tenancy/tenant-setup.js';
import { ChecklistsProblems } from './checklists.errors.js';
import { DEFAULT_TEMPLATES } from './domain/default-templates.js';
import { taskGraphProblems, type ChecklistKind, type TemplateTask } from './domain/templates.js';
import {
  toTemplateDto,
  toTemplateTasks,
  type CreateTemplateDto,
  type ListTemplatesQueryDto,
  type TemplateDto,
  type UpdateTemplateDto,
} from './dto/template.dto.js';
import { ChecklistTemplateEntity, ChecklistTemplateVersionEntity } from './entities/checklist-template.entity.js';

/** Checklist templates and their immutable task versions. */
@Injectable()
export class TemplatesService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenantSetup: TenantSetup,
  ) {}

  onModuleInit(): void {
    this.tenantSetup.register('checklist-templates', async (manager, tenantId) => {
      for (const template of DEFAULT_TEMPLATES) await this.insert(manager, tenantId, template.name, template.kind, template.tasks);
    });
  }

  async create(tenantId: string, dto: CreateTemplateDto): Promise<TemplateDto> {
    const tasks = checked(dto.tasks);
    const id = await this.dataSource.transaction((manager) => this.insert(manager, tenantId, dto.name, dto.kind, tasks));
    return this.get(tenantId, id);
  }

  async list(tenantId: string, query: ListTemplatesQueryDto): Promise<Page<TemplateDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const q = this.dataSource.manager.createQueryBuilder(ChecklistTemplateEntity, 't').where('t.tenant_id = :tenantId', { tenantId });
    if (!query.includeArchived) q.andWhere('t.archived_at IS NULL');
    if (query.kind) q.andWhere('t.kind = :kind', { kind: query.kind });
    if (query.cursor) {
      const position = decodeCursor(query.cursor);
      q.andWhere('(t.created_at, t.id) > (:cursorValue, :cursorId)', { cursorValue: position.value, cursorId: position.id });
    }
    const rows = await q.orderBy('t.created_at', 'ASC').addOrderBy('t.id', 'ASC').limit(limit + 1).getMany();
    const page = toPage(rows, limit, (row) => ({ value: row.createdAt.toISOString(), id: row.id }));
    const items: TemplateDto[] = [];
    for (const template of page.items) items.push(toTemplateDto(template, (await this.currentVersion(this.dataSource.manager, template)).tasks));
    return { items, nextCursor: page.nextCursor };
  }

  async get(tenantId: string, id: string): Promise<TemplateDto> {
    const template = await this.require(this.dataSource.manager, tenantId, id);
    return toTemplateDto(template, (await this.currentVersion(this.dataSource.manager, template)).tasks);
  }

  /** Renames or archives a template, or writes its tasks as a new version: checklists already running keep theirs. */
  async update(tenantId: string, id: string, dto: UpdateTemplateDto): Promise<TemplateDto> {
    const tasks = dto.tasks ? checked(dto.tasks) : null;
    await this.dataSource.transaction(async (manager) => {
      const template = await manager
        .createQueryBuilder(ChecklistTemplateEntity, 't')
        .setLock('pessimistic_write')
        .where('t.tenant_id = :tenantId AND t.id = :id', { tenantId, id })
        .getOne();
      if (!template) throw notFound(id);
      if (dto.version !== undefined && dto.version !== template.version) {
        throw new DomainError(ChecklistsProblems.templateStale, `The template was changed since version ${dto.version}; read it again.`);
      }
      const changes: Partial<ChecklistTemplateEntity> = {};
      if (dto.name !== undefined) changes.name = dto.name;
      if (dto.archived !== undefined) changes.archivedAt = dto.archived ? (template.archivedAt ?? new Date()) : null;
      if (tasks) {
        changes.currentVersion = template.currentVersion + 1;
        await manager.insert(ChecklistTemplateVersionEntity, { tenantId, templateId: id, number: changes.currentVersion, tasks });
      }
      if (Object.keys(changes).length > 0) {
        await manager.update(ChecklistTemplateEntity, { tenantId, id }, { ...changes, version: template.version + 1 });
      }
    });
    return this.get(tenantId, id);
  }

  async require(manager: EntityManager, tenantId: string, id: string): Promise<ChecklistTemplateEntity> {
    const template = await manager.findOneBy(ChecklistTemplateEntity, { tenantId, id });
    if (!template) throw notFound(id);
    return template;
  }

  async currentVersion(manager: EntityManager, template: ChecklistTemplateEntity): Promise<ChecklistTemplateVersionEntity> {
    return manager.findOneByOrFail(ChecklistTemplateVersionEntity, { tenantId: template.tenantId, templateId: template.id, number: template.currentVersion });
  }

  private async insert(manager: EntityManager, tenantId: string, name: string, kind: ChecklistKind, tasks: TemplateTask[]): Promise<string> {
    const inserted = await manager.insert(ChecklistTemplateEntity, { tenantId, name, kind, currentVersion: 1, archivedAt: null, version: 1 });
    const id = (inserted.identifiers[0] as { id: string }).id;
    await manager.insert(ChecklistTemplateVersionEntity, { tenantId, templateId: id, number: 1, tasks });
    return id;
  }
}

function checked(dtos: Parameters<typeof toTemplateTasks>[0]): TemplateTask[] {
  const tasks = toTemplateTasks(dtos);
  const problems = taskGraphProblems(tasks);
  if (problems.length > 0) throw validationFailed(problems);
  return tasks;
}

function notFound(id: string): DomainError {
  return new DomainError(ChecklistsProblems.templateNotFound, `No checklist template ${id}.`);
}
