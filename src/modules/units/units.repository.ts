import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type EntityManager, type Repository } from 'typeorm';
import { decodeCursor, toPage, type Page } from '#src/common/pagination/pagination.js';
import { UnitVersionEntity } from './unit-version.entity.js';
import { UnitEntity, type UnitKind } from './unit.entity.js';

export interface UnitListFilter {
  readonly parentId?: string;
  readonly kind?: UnitKind;
  readonly q?: string;
  readonly includeArchived?: boolean;
  readonly limit: number;
  readonly cursor?: string;
}

export type NewUnit = Pick<UnitEntity, 'tenantId' | 'name' | 'kind' | 'parentId' | 'externalId' | 'managerId'>;
export type UnitChanges = Partial<Pick<UnitEntity, 'name' | 'kind' | 'parentId' | 'externalId' | 'managerId'>>;

/** A unit row of a bulk upsert, with its id already chosen. */
export interface BulkUnitRow {
  readonly id: string;
  readonly externalId: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly parentId: string | null;
}

/** What a new version of a unit records. */
export interface UnitVersionValues {
  readonly unitId: string;
  readonly name: string;
  readonly parentId: string | null;
}

@Injectable()
export class UnitsRepository {
  constructor(
    @InjectRepository(UnitEntity) private readonly units: Repository<UnitEntity>,
    @InjectRepository(UnitVersionEntity) private readonly versions: Repository<UnitVersionEntity>,
  ) {}

  /**
   * Serialises changes to a tenant's tree until the transaction ends, so that two concurrent moves
   * cannot together build a cycle that neither would alone, and no child lands under a unit being
   * archived.
   */
  async lockTree(tenantId: string, manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`tandem.units:${tenantId}`]);
  }

  findInTenant(tenantId: string, id: string, manager?: EntityManager): Promise<UnitEntity | null> {
    return (manager ? manager.getRepository(UnitEntity) : this.units).findOneBy({ tenantId, id });
  }

  /**
   * The unit, row-locked until the transaction ends. The lock also holds back a concurrent insert
   * of an employee or sub-unit pointing at it (their foreign-key check waits for it).
   */
  findInTenantForUpdate(tenantId: string, id: string, manager: EntityManager): Promise<UnitEntity | null> {
    return manager
      .getRepository(UnitEntity)
      .createQueryBuilder('unit')
      .where('unit.tenant_id = :tenantId AND unit.id = :id', { tenantId, id })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** Units whose external id is one of these. */
  findByExternalIds(tenantId: string, externalIds: readonly string[], manager: EntityManager): Promise<UnitEntity[]> {
    if (externalIds.length === 0) return Promise.resolve([]);
    return manager
      .getRepository(UnitEntity)
      .createQueryBuilder('unit')
      .where('unit.tenant_id = :tenantId AND unit.external_id = ANY(:externalIds)', { tenantId, externalIds: [...externalIds] })
      .getMany();
  }

  /** The parent of each of these units and of all their ancestors, up to the roots. */
  async findAncestryOf(tenantId: string, ids: readonly string[], manager: EntityManager): Promise<Map<string, string | null>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; parent_id: string | null }[] = await manager.query(
      `WITH RECURSIVE chain (id, parent_id) AS (
         SELECT id, parent_id FROM units WHERE tenant_id = $1 AND id = ANY($2::uuid[])
         UNION
         SELECT u.id, u.parent_id FROM units u JOIN chain c ON u.tenant_id = $1 AND u.id = c.parent_id
       )
       SELECT id, parent_id FROM chain`,
      [tenantId, [...ids]],
    );
    return new Map(rows.map((row) => [row.id, row.parent_id]));
  }

  /** Whether `unitId` is `candidateParentId` itself or one of its ancestors (so the move would close a loop). */
  async isSelfOrAncestorOf(tenantId: string, unitId: string, candidateParentId: string, manager: EntityManager): Promise<boolean> {
    const [row]: { found: boolean }[] = await manager.query(
      `WITH RECURSIVE chain (id, parent_id) AS (
         SELECT id, parent_id FROM units WHERE tenant_id = $1 AND id = $2
         UNION
         SELECT u.id, u.parent_id FROM units u JOIN chain c ON u.tenant_id = $1 AND u.id = c.parent_id
       )
       SELECT EXISTS (SELECT 1 FROM chain WHERE id = $3) AS found`,
      [tenantId, candidateParentId, unitId],
    );
    return row?.found === true;
  }

  /**
   * For each of these units, the depth of the deepest unit in its subtree, counting roots as 1;
   * walks at most `limit + 1` levels each way, which is enough to tell that a limit is exceeded.
   */
  async deepestThrough(tenantId: string, unitIds: readonly string[], limit: number, manager: EntityManager): Promise<Map<string, number>> {
    if (unitIds.length === 0) return new Map();
    const rows: { start_id: string; depth: number }[] = await manager.query(
      `WITH RECURSIVE
         up (start_id, parent_id, depth) AS (
           SELECT id, parent_id, 1 FROM units WHERE tenant_id = $1 AND id = ANY($2::uuid[])
           UNION ALL
           SELECT up.start_id, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.tenant_id = $1 AND u.id = up.parent_id
           WHERE up.depth <= $3
         ),
         down (start_id, id, height) AS (
           SELECT id, id, 0 FROM units WHERE tenant_id = $1 AND id = ANY($2::uuid[])
           UNION ALL
           SELECT down.start_id, u.id, down.height + 1 FROM units u JOIN down ON u.tenant_id = $1 AND u.parent_id = down.id
           WHERE down.height <= $3
         )
       SELECT d.start_id, (d.depth + h.height)::int AS depth
       FROM (SELECT start_id, max(depth) AS depth FROM up GROUP BY start_id) d
       JOIN (SELECT start_id, max(height) AS height FROM down GROUP BY start_id) h USING (start_id)`,
      [tenantId, [...unitIds], limit],
    );
    return new Map(rows.map((row) => [row.start_id, row.depth]));
  }

  async countActiveChildren(tenantId: string, id: string, manager: EntityManager): Promise<number> {
    const [row]: { count: string }[] = await manager.query(
      'SELECT count(*) FROM units WHERE tenant_id = $1 AND parent_id = $2 AND archived_at IS NULL',
      [tenantId, id],
    );
    return Number(row?.count ?? 0);
  }

  /** Employees whose current unit is this one. */
  async countEmployees(tenantId: string, unitId: string, manager: EntityManager): Promise<number> {
    const [row]: { count: string }[] = await manager.query('SELECT count(*) FROM employees WHERE tenant_id = $1 AND unit_id = $2', [
      tenantId,
      unitId,
    ]);
    return Number(row?.count ?? 0);
  }

  async employeeExists(tenantId: string, employeeId: string, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query('SELECT 1 FROM employees WHERE tenant_id = $1 AND id = $2', [tenantId, employeeId]);
    return rows.length > 0;
  }

  insert(values: NewUnit, manager: EntityManager): Promise<UnitEntity> {
    const repository = manager.getRepository(UnitEntity);
    return repository.save(repository.create({ ...values, archivedAt: null }));
  }

  /** Applies changes and bumps the version; returns the updated row. */
  async update(tenantId: string, id: string, changes: UnitChanges, manager: EntityManager): Promise<UnitEntity | null> {
    await manager
      .createQueryBuilder()
      .update(UnitEntity)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('tenant_id = :tenantId AND id = :id', { tenantId, id })
      .execute();
    return this.findInTenant(tenantId, id, manager);
  }

  async archive(tenantId: string, id: string, manager: EntityManager): Promise<UnitEntity | null> {
    await manager
      .createQueryBuilder()
      .update(UnitEntity)
      .set({ archivedAt: () => 'coalesce(archived_at, now())', version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('tenant_id = :tenantId AND id = :id', { tenantId, id })
      .execute();
    return this.findInTenant(tenantId, id, manager);
  }

  /** Inserts many units in one statement; ids are chosen by the caller. */
  async insertMany(tenantId: string, rows: readonly BulkUnitRow[], manager: EntityManager): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO units (tenant_id, id, external_id, name, kind, parent_id, version)
       SELECT $1, v.id, v.external_id, v.name, v.kind, v.parent_id, 1
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[]) AS v(id, external_id, name, kind, parent_id)`,
      [tenantId, ...columns(rows)],
    );
  }

  /** Overwrites name, kind and parent of many units in one statement, bumping their versions. */
  async updateMany(tenantId: string, rows: readonly BulkUnitRow[], manager: EntityManager): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `UPDATE units u
       SET name = v.name, kind = v.kind, parent_id = v.parent_id, version = u.version + 1, updated_at = now()
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[]) AS v(id, external_id, name, kind, parent_id)
       WHERE u.tenant_id = $1 AND u.id = v.id`,
      [tenantId, ...columns(rows)],
    );
  }

  /** Ends the current version of each of these units now. */
  async closeCurrentVersions(tenantId: string, unitIds: readonly string[], manager: EntityManager): Promise<void> {
    if (unitIds.length === 0) return;
    await manager.query(
      'UPDATE unit_versions SET valid_to = now() WHERE tenant_id = $1 AND unit_id = ANY($2::uuid[]) AND valid_to IS NULL',
      [tenantId, [...unitIds]],
    );
  }

  /** Starts a current version, valid from now, for each of these units. */
  async openVersions(tenantId: string, versions: readonly UnitVersionValues[], manager: EntityManager): Promise<void> {
    if (versions.length === 0) return;
    await manager.query(
      `INSERT INTO unit_versions (tenant_id, unit_id, name, parent_id, valid_from)
       SELECT $1, v.unit_id, v.name, v.parent_id, now()
       FROM unnest($2::uuid[], $3::text[], $4::uuid[]) AS v(unit_id, name, parent_id)`,
      [tenantId, versions.map((v) => v.unitId), versions.map((v) => v.name), versions.map((v) => v.parentId)],
    );
  }

  /** A unit's versions, oldest first. */
  listVersions(tenantId: string, unitId: string): Promise<UnitVersionEntity[]> {
    return this.versions
      .createQueryBuilder('version')
      .where('version.tenant_id = :tenantId AND version.unit_id = :unitId', { tenantId, unitId })
      .orderBy('version.valid_from', 'ASC')
      .addOrderBy('version.valid_to', 'ASC', 'NULLS LAST')
      .getMany();
  }

  /** Every non-archived unit of the tenant, by name. */
  listActive(tenantId: string): Promise<UnitEntity[]> {
    return this.units.find({ where: { tenantId, archivedAt: IsNull() }, order: { name: 'ASC', id: 'ASC' } });
  }

  async listPage(tenantId: string, filter: UnitListFilter): Promise<Page<UnitEntity>> {
    const query = this.units.createQueryBuilder('unit').where('unit.tenant_id = :tenantId', { tenantId });
    if (!filter.includeArchived) query.andWhere('unit.archived_at IS NULL');
    if (filter.parentId) query.andWhere('unit.parent_id = :parentId', { parentId: filter.parentId });
    if (filter.kind) query.andWhere('unit.kind = :kind', { kind: filter.kind });
    if (filter.q) {
      const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere('unit.name ILIKE :pattern', { pattern });
    }
    if (filter.cursor) {
      const position = decodeCursor(filter.cursor);
      query.andWhere('(unit.name, unit.id) > (:cursorValue, :cursorId)', { cursorValue: position.value, cursorId: position.id });
    }
    const rows = await query.orderBy('unit.name', 'ASC').addOrderBy('unit.id', 'ASC').limit(filter.limit + 1).getMany();
    return toPage(rows, filter.limit, (unit) => ({ value: unit.name, id: unit.id }));
  }
}

function columns(rows: readonly BulkUnitRow[]): [string[], string[], string[], string[], (string | null)[]] {
  return [rows.map((r) => r.id), rows.map((r) => r.externalId), rows.map((r) => r.name), rows.map((r) => r.kind), rows.map((r) => r.parentId)];
}
