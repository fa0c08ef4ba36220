import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { decodeCursor, toPage, type Page } from '#src/common/pagination/pagination.js';
import type { SegmentSort } from './dto/segment.dto.js';
import type { SegmentFilters } from './domain/segment-filters.js';
import { SegmentEntity } from './segment.entity.js';

/** What a segment is made of, as written. */
export interface SegmentValues {
  readonly name: string;
  readonly nameKey: string;
  readonly filters: SegmentFilters;
}

export interface SegmentListFilter {
  readonly sort: SegmentSort;
  readonly q?: string;
  readonly includeArchived: boolean;
  readonly limit: number;
  readonly cursor?: string;
}

const SORT_COLUMNS: Record<string, { column: string; value: (s: SegmentEntity) => string }> = {
  name: { column: 's.name_key', value: (s) => s.nameKey },
  createdAt: { column: 's.created_at', value: (s) => s.createdAt.toISOString() },
  updatedAt: { column: 's.updated_at', value: (s) => s.updatedAt.toISOString() },
};

@Injectable()
export class SegmentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tenantId: string, values: SegmentValues, author: { userId: string | null; apiKeyId: string | null }): Promise<SegmentEntity> {
    const repository = this.dataSource.getRepository(SegmentEntity);
    return repository.save(
      repository.create({ tenantId, ...values, createdByUserId: author.userId, createdByApiKeyId: author.apiKeyId, archivedAt: null }),
    );
  }

  findById(tenantId: string, id: string): Promise<SegmentEntity | null> {
    return this.dataSource.getRepository(SegmentEntity).findOneBy({ tenantId, id });
  }

  /** Reads the segment and locks its row until the transaction ends. */
  findForUpdate(manager: EntityManager, tenantId: string, id: string): Promise<SegmentEntity | null> {
    return manager
      .getRepository(SegmentEntity)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.tenant_id = :tenantId AND s.id = :id', { tenantId, id })
      .getOne();
  }

  async update(manager: EntityManager, tenantId: string, id: string, changes: Partial<SegmentValues> & { archivedAt?: Date | null }): Promise<SegmentEntity> {
    await manager
      .createQueryBuilder()
      .update(SegmentEntity)
      .set({ ...changes, filters: changes.filters as object | undefined, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('tenant_id = :tenantId AND id = :id', { tenantId, id })
      .execute();
    return (await manager.getRepository(SegmentEntity).findOneBy({ tenantId, id }))!;
  }

  /** Deletes the segment; false when there was none. */
  async delete(tenantId: string, id: string): Promise<boolean> {
    return ((await this.dataSource.getRepository(SegmentEntity).delete({ tenantId, id })).affected ?? 0) > 0;
  }

  async listPage(tenantId: string, filter: SegmentListFilter): Promise<Page<SegmentEntity>> {
    const descending = filter.sort.startsWith('-');
    const { column, value } = SORT_COLUMNS[filter.sort.replace('-', '')]!;
    const direction = descending ? 'DESC' : 'ASC';
    const query = this.dataSource.getRepository(SegmentEntity).createQueryBuilder('s').where('s.tenant_id = :tenantId', { tenantId });
    if (!filter.includeArchived) query.andWhere('s.archived_at IS NULL');
    if (filter.q) query.andWhere('s.name ILIKE :pattern', { pattern: `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    if (filter.cursor) {
      const position = decodeCursor(filter.cursor);
      const cast = column === 's.name_key' ? 'text' : 'timestamptz';
      if (typeof position.value !== 'string' || (cast === 'timestamptz' && Number.isNaN(Date.parse(position.value)))) {
        return { items: [], nextCursor: null };
      }
      query.andWhere(`(${column}, s.id) ${descending ? '<' : '>'} (CAST(:cursorValue AS ${cast}), :cursorId)`, { cursorValue: position.value, cursorId: position.id });
    }
    const rows = await query.orderBy(column, direction).addOrderBy('s.id', direction).limit(filter.limit + 1).getMany();
    return toPage(rows, filter.limit, (s) => ({ value: value(s), id: s.id }));
  }

  /** The ids among `unitIds` that are not units of the tenant (archived units count as units). */
  async unknownUnits(tenantId: string, unitIds: readonly string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM units WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, unitIds]);
    const known = new Set(rows.map((row) => row.id));
    return unitIds.filter((id) => !known.has(id));
  }
}
