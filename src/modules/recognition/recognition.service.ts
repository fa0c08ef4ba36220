import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Principal } from '#src/common/auth/principal.js';
import { DomainError } from '#src/common/errors/domain-error.js';
import { isForeignKeyViolation } from '#src/common/errors/postgres-errors.js';
import { validationFailed } from '#src/common/http/validation.js';
import { DEFAULT_PAGE_SIZE, decodeCursor, toPage, type Page } from '#src/common/pagination/pagination.js';
import { DomainEventsRepository } from '#src/modules/events/domain-events.repository.js';
import { subtreeSql } from '#src/modules/units/unit-tree.js';
import { employeeOfUser } from '#src/modules/users/user-employee.js';
import { canSee, EDIT_WINDOW_MS, isEditable, type Viewer } from './domain/recognition.js';
import type { CreateRecognitionDto, ListRecognitionsQueryDto, RecognitionDto, UpdateRecognitionDto } from './dto/recognition.dto.js';
import { RecognitionEntity, RecognitionRecipientEntity } from './entities/recognition.entity.js';
import { RecognitionProblems } from './recognition.errors.js';

export const RECOGNITION_GIVEN_EVENT = 'recognition.given';

/**
 * Appreciation: anyone thanks colleagues, publicly (the units' feeds) or privately (the recipients
 * and their managers). The author may edit for 15 minutes; the author or HR may delete. Design:
 * docs/recognition.md.
 */
@Injectable()
export class RecognitionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: DomainEventsRepository,
  ) {}

  async create(principal: Principal, dto: CreateRecognitionDto): Promise<RecognitionDto> {
    const { tenantId } = principal;
    const viewer = await this.viewer(principal);
    if (viewer.employeeId && dto.recipientIds.includes(viewer.employeeId)) {
      throw validationFailed([{ field: 'recipientIds', message: 'must not include yourself: recognition is for colleagues' }]);
    }
    const id = await this.dataSource.transaction(async (manager) => {
      const recipients: { id: string; unit_id: string | null }[] = await manager.query(
        `SELECT id, unit_id FROM employees WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
        [tenantId, dto.recipientIds],
      );
      const found = new Set(recipients.map((r) => r.id));
      const unknown = dto.recipientIds.flatMap((recipientId, index) => (found.has(recipientId) ? [] : [{ field: `recipientIds.${index}`, message: 'is not an employee of this organisation' }]));
      if (unknown.length > 0) throw validationFailed(unknown);
      const author: { unit_id: string | null }[] = viewer.employeeId
        ? await manager.query(`SELECT unit_id FROM employees WHERE tenant_id = $1 AND id = $2`, [tenantId, viewer.employeeId])
        : [];
      const inserted = await this.write(() =>
        manager.insert(RecognitionEntity, {
          tenantId,
          authorUserId: principal.userId,
          authorEmployeeId: viewer.employeeId,
          authorUnitId: author[0]?.unit_id ?? null,
          message: dto.message.trim(),
          companyValue: dto.companyValue?.trim() || null,
          driverKey: dto.driverKey ?? null,
          visibility: dto.visibility ?? 'public',
          editedAt: null,
          deletedAt: null,
          deletedByUserId: null,
        }),
      );
      const recognitionId = (inserted.identifiers[0] as { id: string }).id;
      await manager.insert(
        RecognitionRecipientEntity,
        recipients.map((r) => ({ tenantId, recognitionId, employeeId: r.id, unitId: r.unit_id })),
      );
      // No message in the event: a private thank-you stays between the people it concerns.
      await this.events.record(manager, tenantId, [
        {
          type: RECOGNITION_GIVEN_EVENT,
          subjectId: dto.recipientIds[0]!,
          payload: { recognitionId, recipientIds: dto.recipientIds, authorEmployeeId: viewer.employeeId, visibility: dto.visibility ?? 'public' },
          occurredAt: new Date(),
        },
      ]);
      return recognitionId;
    });
    return this.get(principal, id);
  }

  async get(principal: Principal, id: string): Promise<RecognitionDto> {
    const viewer = await this.viewer(principal);
    const recognition = await this.visible(this.dataSource.manager, principal.tenantId, id, viewer);
    return (await this.toDtos(principal.tenantId, [recognition]))[0]!;
  }

  async list(principal: Principal, query: ListRecognitionsQueryDto): Promise<Page<RecognitionDto>> {
    const { tenantId } = principal;
    const viewer = await this.viewer(principal);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const params: unknown[] = [tenantId, query.unitId ?? null, query.recipientId ?? null, viewer.isHr, viewer.userId, viewer.employeeId];
    let keyset = '';
    if (query.cursor) {
      const position = decodeCursor(query.cursor);
      params.push(position.value, position.id);
      keyset = `AND (r.created_at, r.id) < ($7::timestamptz, $8::uuid)`;
    }
    params.push(limit + 1);
    const rows: { id: string }[] = await this.dataSource.query(
      `${subtreeSql('$1', '$2')}
       SELECT r.id FROM recognitions r
       WHERE r.tenant_id = $1 AND r.deleted_at IS NULL ${keyset}
         AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM recognition_recipients x WHERE x.tenant_id = r.tenant_id AND x.recognition_id = r.id AND x.unit_id IN (SELECT id FROM subtree)))
         AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM recognition_recipients x WHERE x.tenant_id = r.tenant_id AND x.recognition_id = r.id AND x.employee_id = $3))
         AND (r.visibility = 'public' OR $4::boolean OR r.author_user_id = $5::uuid
              OR EXISTS (SELECT 1 FROM recognition_recipients x JOIN employees e ON e.tenant_id = x.tenant_id AND e.id = x.employee_id
                         WHERE x.tenant_id = r.tenant_id AND x.recognition_id = r.id AND (x.employee_id = $6::uuid OR e.manager_id = $6::uuid)))
       ORDER BY r.created_at DESC, r.id DESC LIMIT $${params.length}`,
      params,
    );
    const entities = rows.length > 0 ? await this.dataSource.manager.findBy(RecognitionEntity, { tenantId, id: In(rows.map((r) => r.id)) }) : [];
    const byId = new Map(entities.map((e) => [e.id, e]));
    const page = toPage(
      rows.map((r) => byId.get(r.id)!),
      limit,
      (r) => ({ value: r.createdAt.toISOString(), id: r.id }),
    );
    return { items: await this.toDtos(tenantId, page.items), nextCursor: page.nextCursor };
  }

  /** The author changes their words within {@link EDIT_WINDOW_MS} of posting. */
  async update(principal: Principal, id: string, dto: UpdateRecognitionDto): Promise<RecognitionDto> {
    const viewer = await this.viewer(principal);
    await this.dataSource.transaction(async (manager) => {
      const current = await this.visible(manager, principal.tenantId, id, viewer, true);
      if (current.authorUserId === null || current.authorUserId !== principal.userId) throw new DomainError(RecognitionProblems.notAuthor, 'Only the author may edit a recognition.');
      if (!isEditable(current.createdAt, new Date())) {
        throw new DomainError(RecognitionProblems.editWindowClosed, `A recognition can be edited for ${EDIT_WINDOW_MS / 60_000} minutes after it is posted.`);
      }
      if (dto.version !== undefined && dto.version !== current.version) {
        throw new DomainError(RecognitionProblems.staleVersion, `The recognition is at version ${current.version}, not ${dto.version}; read it again.`);
      }
      const changes: { message?: string; companyValue?: string | null; driverKey?: string | null; visibility?: RecognitionEntity['visibility'] } = {};
      if (dto.message !== undefined) changes.message = dto.message.trim();
      if (dto.companyValue !== undefined) changes.companyValue = dto.companyValue?.trim() || null;
      if (dto.driverKey !== undefined) changes.driverKey = dto.driverKey;
      if (dto.visibility !== undefined) changes.visibility = dto.visibility;
      if (Object.keys(changes).length === 0) return;
      await this.write(() => manager.update(RecognitionEntity, { tenantId: principal.tenantId, id }, { ...changes, editedAt: new Date() }));
    });
    return this.get(principal, id);
  }

  /** The author or HR removes a recognition; it leaves every feed and count. */
  async remove(principal: Principal, id: string): Promise<void> {
    const viewer = await this.viewer(principal);
    await this.dataSource.transaction(async (manager) => {
      const current = await this.visible(manager, principal.tenantId, id, viewer, true);
      if (!viewer.isHr && (current.authorUserId === null || current.authorUserId !== principal.userId)) {
        throw new DomainError(RecognitionProblems.notAuthor, 'Only the author or HR may delete a recognition.');
      }
      await manager.update(RecognitionEntity, { tenantId: principal.tenantId, id }, { deletedAt: new Date(), deletedByUserId: principal.userId });
    });
  }

  /** Who is asking: HR or not, their user and the employee it is linked to. */
  async viewer(principal: Principal): Promise<Viewer> {
    return { isHr: principal.role === 'hr_admin', userId: principal.userId, employeeId: await employeeOfUser(this.dataSource, principal) };
  }

  /** The recognition if it exists, is not deleted and the viewer may read it; otherwise 404. */
  private async visible(manager: EntityManager, tenantId: string, id: string, viewer: Viewer, lock = false): Promise<RecognitionEntity> {
    const recognition = await manager.findOne(RecognitionEntity, { where: { tenantId, id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    const notFound = new DomainError(RecognitionProblems.notFound, `No recognition ${id}.`);
    if (!recognition || recognition.deletedAt) throw notFound;
    const recipients: { employee_id: string; manager_id: string | null }[] = await manager.query(
      `SELECT x.employee_id, e.manager_id FROM recognition_recipients x JOIN employees e ON e.tenant_id = x.tenant_id AND e.id = x.employee_id
       WHERE x.tenant_id = $1 AND x.recognition_id = $2`,
      [tenantId, id],
    );
    const audience = {
      visibility: recognition.visibility,
      authorUserId: recognition.authorUserId,
      recipientIds: recipients.map((r) => r.employee_id),
      recipientManagerIds: recipients.map((r) => r.manager_id),
    };
    if (!canSee(audience, viewer)) throw notFound;
    return recognition;
  }

  private async toDtos(tenantId: string, recognitions: readonly RecognitionEntity[]): Promise<RecognitionDto[]> {
    if (recognitions.length === 0) return [];
    const ids = recognitions.map((r) => r.id);
    const recipients: { recognition_id: string; employee_id: string; name: string }[] = await this.dataSource.query(
      `SELECT x.recognition_id, x.employee_id, e.first_name || ' ' || e.last_name AS name
       FROM recognition_recipients x JOIN employees e ON e.tenant_id = x.tenant_id AND e.id = x.employee_id
       WHERE x.tenant_id = $1 AND x.recognition_id = ANY($2::uuid[]) ORDER BY name, x.employee_id`,
      [tenantId, ids],
    );
    const authors: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT id, first_name || ' ' || last_name AS name FROM employees WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenantId, recognitions.map((r) => r.authorEmployeeId).filter((a) => a !== null)],
    );
    const authorName = new Map(authors.map((a) => [a.id, a.name]));
    return recognitions.map((r) => ({
      id: r.id,
      author: r.authorEmployeeId ? { employeeId: r.authorEmployeeId, name: authorName.get(r.authorEmployeeId) ?? '' } : null,
      recipients: recipients.filter((x) => x.recognition_id === r.id).map((x) => ({ employeeId: x.employee_id, name: x.name })),
      message: r.message,
      companyValue: r.companyValue,
      driverKey: r.driverKey,
      visibility: r.visibility,
      createdAt: r.createdAt.toISOString(),
      editedAt: r.editedAt?.toISOString() ?? null,
      editableUntil: new Date(r.createdAt.getTime() + EDIT_WINDOW_MS).toISOString(),
      version: r.version,
    }));
  }

  private async write<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (isForeignKeyViolation(error, 'fk_recognitions_driver')) throw validationFailed([{ field: 'driverKey', message: 'is not a driver of this organisation' }]);
      throw error;
    }
  }
}
