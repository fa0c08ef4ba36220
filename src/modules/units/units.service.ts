import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '#src/common/errors/domain-error.js';
import { isForeignKeyViolation, isUniqueViolation } from '#src/common/errors/postgres-errors.js';
import { validationFailed } from '#src/common/http/validation.js';
import { DEFAULT_PAGE_SIZE, type Page } from '#src/common/pagination/pagination.js';
import {
  toUnitResponse,
  toUnitTree,
  toUnitVersionResponse,
  type BulkRowError,
  type BulkUnitItemDto,
  type BulkUnitResultDto,
  type BulkUpsertUnitsDto,
  type BulkUpsertUnitsResponseDto,
  type CreateUnitDto,
  type ListUnitsQueryDto,
  type UnitHistoryDto,
  type UnitResponseDto,
  type UnitTreeDto,
  type UpdateUnitDto,
} from './dto/unit.dto.js';
import type { UnitEntity } from './unit.entity.js';
import { UnitsProblems } from './units.errors.js';
import { UnitsRepository, type BulkUnitRow, type UnitChanges, type UnitVersionValues } from './units.repository.js';

/**
 * How many levels the org tree may have. Real organisations stay far below it; the limit keeps the
 * tree answer (nested JSON) and the recursive queries bounded whatever a client builds.
 */
export const MAX_UNIT_DEPTH = 100;

/** Query parameters that page or filter a flat list, and so mean nothing with `tree=true`. */
const FLAT_LIST_PARAMETERS = ['limit', 'cursor', 'parentId', 'kind', 'q', 'includeArchived'] as const;

/**
 * The org tree: units, their moves and renames (kept as versions), archiving, and the HRIS bulk
 * upsert. Every write runs in one transaction with its history rows, under the tenant's tree lock.
 */
@Injectable()
export class UnitsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitsRepository,
  ) {}

  async create(tenantId: string, dto: CreateUnitDto): Promise<UnitResponseDto> {
    const unit = await this.write(() =>
      this.dataSource.transaction(async (manager) => {
        await this.units.lockTree(tenantId, manager);
        const parentId = dto.parentId ?? null;
        if (parentId !== null) await this.requireParent(tenantId, parentId, false, manager);
        if (dto.managerId) await this.requireManager(tenantId, dto.managerId, manager);
        const created = await this.units.insert(
          {
            tenantId,
            name: dto.name,
            kind: dto.kind ?? 'team',
            parentId,
            externalId: dto.externalId ?? null,
            managerId: dto.managerId ?? null,
          },
          manager,
        );
        await this.units.openVersions(tenantId, [{ unitId: created.id, name: created.name, parentId }], manager);
        if (parentId !== null) await this.requireDepthWithinLimit(tenantId, created.id, manager);
        return created;
      }),
    );
    return toUnitResponse(unit);
  }

  async get(tenantId: string, id: string): Promise<UnitResponseDto> {
    return toUnitResponse(await this.require(tenantId, id));
  }

  /** A page of units, or with `tree=true` every non-archived unit nested under its parent. */
  async list(tenantId: string, query: ListUnitsQueryDto): Promise<Page<UnitResponseDto> | UnitTreeDto> {
    if (query.tree) {
      const combined = FLAT_LIST_PARAMETERS.filter((name) => query[name] !== undefined);
      if (combined.length > 0) {
        throw validationFailed(combined.map((field) => ({ field, message: 'cannot be combined with tree=true' })));
      }
      return toUnitTree(await this.units.listActive(tenantId));
    }
    const page = await this.units.listPage(tenantId, {
      parentId: query.parentId,
      kind: query.kind,
      q: query.q,
      includeArchived: query.includeArchived,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      cursor: query.cursor,
    });
    return { items: page.items.map(toUnitResponse), nextCursor: page.nextCursor };
  }

  async update(tenantId: string, id: string, dto: UpdateUnitDto): Promise<UnitResponseDto> {
    const unit = await this.write(() =>
      this.dataSource.transaction(async (manager) => {
        await this.units.lockTree(tenantId, manager);
        const current = await this.units.findInTenantForUpdate(tenantId, id, manager);
        if (!current) throw notFound(id);
        if (dto.version !== undefined && dto.version !== current.version) {
          throw new DomainError(UnitsProblems.staleVersion, `The unit was changed since version ${dto.version}; read it again.`);
        }
        const changes = changesFrom(current, dto);
        if (Object.keys(changes).length === 0) return current;

        if (changes.parentId) {
          await this.requireParent(tenantId, changes.parentId, current.archivedAt !== null, manager);
          if (await this.units.isSelfOrAncestorOf(tenantId, id, changes.parentId, manager)) {
            throw new DomainError(UnitsProblems.cycle, `Unit ${changes.parentId} is ${id} itself or one of its sub-units.`);
          }
        }
        if (changes.managerId) await this.requireManager(tenantId, changes.managerId, manager);

        const updated = (await this.units.update(tenantId, id, changes, manager))!;
        if (changes.parentId) await this.requireDepthWithinLimit(tenantId, id, manager);
        if (changes.name !== undefined || changes.parentId !== undefined) {
          await this.units.closeCurrentVersions(tenantId, [id], manager);
          await this.units.openVersions(tenantId, [{ unitId: id, name: updated.name, parentId: updated.parentId }], manager);
        }
        return updated;
      }),
    );
    return toUnitResponse(unit);
  }

  /** Archives the unit (it stays readable). Refused while active sub-units or employees are in it; archiving again is harmless. */
  async archive(tenantId: string, id: string): Promise<UnitResponseDto> {
    const unit = await this.dataSource.transaction(async (manager) => {
      await this.units.lockTree(tenantId, manager);
      const current = await this.units.findInTenantForUpdate(tenantId, id, manager);
      if (!current) throw notFound(id);
      if (current.archivedAt !== null) return current;
      const activeSubUnits = await this.units.countActiveChildren(tenantId, id, manager);
      const employees = await this.units.countEmployees(tenantId, id, manager);
      if (activeSubUnits > 0 || employees > 0) {
        throw new DomainError(
          UnitsProblems.notEmpty,
          `Unit ${id} still has ${activeSubUnits} active sub-unit(s) and ${employees} employee(s); move or archive them first.`,
          { activeSubUnits, employees },
        );
      }
      return (await this.units.archive(tenantId, id, manager))!;
    });
    return toUnitResponse(unit);
  }

  async history(tenantId: string, id: string): Promise<UnitHistoryDto> {
    await this.require(tenantId, id);
    const versions = await this.units.listVersions(tenantId, id);
    return { items: versions.map(toUnitVersionResponse) };
  }

  /**
   * Creates or updates units by external id, all or nothing. Parents are named by external id, in
   * the payload (in any order) or already stored. Rows that cannot be applied (a repeated external
   * id, an unknown or archived parent, a cycle) fail the whole call with every such row listed.
   */
  async bulkUpsert(tenantId: string, dto: BulkUpsertUnitsDto): Promise<BulkUpsertUnitsResponseDto> {
    const items = dto.items;
    const duplicates = duplicateRows(items);
    if (duplicates.length > 0) throw bulkRejected(duplicates);

    return this.write(() =>
      this.dataSource.transaction(async (manager) => {
        await this.units.lockTree(tenantId, manager);
        const referenced = new Set(items.map((item) => item.externalId));
        for (const item of items) if (typeof item.parentExternalId === 'string') referenced.add(item.parentExternalId);
        const stored = await this.units.findByExternalIds(tenantId, [...referenced], manager);
        const known = new Map(stored.map((unit) => [unit.externalId!, unit]));
        const plan = planBulk(items, known);
        // Stored parents outside the payload keep their own parents: follow them up to find cycles.
        const inPayload = new Set(plan.rows.map((row) => row.id));
        const storedParents = new Set(plan.rows.map((row) => row.parentId).filter((p): p is string => p !== null && !inPayload.has(p)));
        const ancestry = await this.units.findAncestryOf(tenantId, [...storedParents], manager);
        const errors = [...plan.errors, ...cycleErrors(plan.rows, ancestry, stored)];
        if (errors.length > 0) throw bulkRejected(errors);

        const created = plan.rows.filter((_, i) => plan.statuses[i] === 'created');
        const updated = plan.rows.filter((_, i) => plan.statuses[i] === 'updated');
        const moved = plan.rows.filter((row, i) => {
          const before = plan.existing[i];
          return before !== undefined && (before.name !== row.name || before.parentId !== row.parentId);
        });
        await this.units.insertMany(tenantId, parentsFirst(created), manager);
        await this.units.updateMany(tenantId, updated, manager);
        await this.units.closeCurrentVersions(tenantId, moved.map((row) => row.id), manager);
        await this.units.openVersions(
          tenantId,
          [...created, ...moved].map((row): UnitVersionValues => ({ unitId: row.id, name: row.name, parentId: row.parentId })),
          manager,
        );
        await this.requireBulkDepthWithinLimit(tenantId, plan, manager);
        return {
          results: plan.rows.map((row, i): BulkUnitResultDto => ({ externalId: row.externalId, id: row.id, status: plan.statuses[i]! })),
        };
      }),
    );
  }

  private async require(tenantId: string, id: string): Promise<UnitEntity> {
    const unit = await this.units.findInTenant(tenantId, id);
    if (!unit) throw notFound(id);
    return unit;
  }

  /** The parent must exist in the tenant, and an active unit may not hang under an archived one. */
  private async requireParent(tenantId: string, parentId: string, childArchived: boolean, manager: EntityManager): Promise<void> {
    const parent = await this.units.findInTenant(tenantId, parentId, manager);
    if (!parent) throw validationFailed([{ field: 'parentId', message: 'does not match a unit' }]);
    if (parent.archivedAt !== null && !childArchived) {
      throw validationFailed([{ field: 'parentId', message: 'is an archived unit' }]);
    }
  }

  /** Checked after the write, inside its transaction: the unit's subtree may not reach below the depth limit. */
  private async requireDepthWithinLimit(tenantId: string, id: string, manager: EntityManager): Promise<void> {
    const depth = (await this.units.deepestThrough(tenantId, [id], MAX_UNIT_DEPTH, manager)).get(id) ?? 0;
    if (depth > MAX_UNIT_DEPTH) {
      throw new DomainError(UnitsProblems.tooDeep, `The org tree would be more than ${MAX_UNIT_DEPTH} levels deep.`, {
        maxDepth: MAX_UNIT_DEPTH,
      });
    }
  }

  /**
   * The bulk version of the depth check, after the writes: only the topmost created or moved rows
   * need it, as every other changed unit lies in one of their subtrees.
   */
  private async requireBulkDepthWithinLimit(tenantId: string, plan: BulkPlan, manager: EntityManager): Promise<void> {
    const placed = plan.rows.filter((row, i) => plan.existing[i] === undefined || plan.existing[i]!.parentId !== row.parentId);
    const placedIds = new Set(placed.map((row) => row.id));
    const topmost = placed.filter((row) => row.parentId === null || !placedIds.has(row.parentId));
    const depths = await this.units.deepestThrough(tenantId, topmost.map((row) => row.id), MAX_UNIT_DEPTH, manager);
    const errors = plan.rows.flatMap((row, index): BulkRowError[] =>
      (depths.get(row.id) ?? 0) > MAX_UNIT_DEPTH
        ? [{ index, externalId: row.externalId, message: `the org tree through this unit would be more than ${MAX_UNIT_DEPTH} levels deep` }]
        : [],
    );
    if (errors.length > 0) throw bulkRejected(errors);
  }

  private async requireManager(tenantId: string, managerId: string, manager: EntityManager): Promise<void> {
    if (!(await this.units.employeeExists(tenantId, managerId, manager))) {
      throw validationFailed([{ field: 'managerId', message: 'does not match an employee' }]);
    }
  }

  /** Runs a write, turning the constraint violations a race could still cause into the caller's problems. */
  private async write<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (isUniqueViolation(error, 'uq_units_tenant_external_id')) {
        throw new DomainError(UnitsProblems.externalIdTaken, 'Another unit already has this external id.');
      }
      if (isForeignKeyViolation(error, 'fk_units_parent')) {
        throw validationFailed([{ field: 'parentId', message: 'does not match a unit' }]);
      }
      if (isForeignKeyViolation(error, 'fk_units_manager')) {
        throw validationFailed([{ field: 'managerId', message: 'does not match an employee' }]);
      }
      throw error;
    }
  }
}

function notFound(id: string): DomainError {
  return new DomainError(UnitsProblems.notFound, `No unit ${id}.`);
}

function bulkRejected(errors: BulkRowError[]): DomainError {
  const sorted = [...errors].sort((a, b) => a.index - b.index);
  return new DomainError(
    UnitsProblems.bulkRejected,
    `${sorted.length} row(s) cannot be applied; nothing was changed.`,
    { errors: sorted },
  );
}

/** The fields of the request that differ from the stored unit. */
function changesFrom(current: UnitEntity, dto: UpdateUnitDto): UnitChanges {
  const changes: UnitChanges = {};
  if (dto.name !== undefined && dto.name !== current.name) changes.name = dto.name;
  if (dto.kind !== undefined && dto.kind !== current.kind) changes.kind = dto.kind;
  if (dto.parentId !== undefined && dto.parentId !== current.parentId) changes.parentId = dto.parentId;
  if (dto.externalId !== undefined && dto.externalId !== current.externalId) changes.externalId = dto.externalId;
  if (dto.managerId !== undefined && dto.managerId !== current.managerId) changes.managerId = dto.managerId;
  return changes;
}

function duplicateRows(items: readonly BulkUnitItemDto[]): BulkRowError[] {
  const firstIndex = new Map<string, number>();
  const errors: BulkRowError[] = [];
  items.forEach((item, index) => {
    const first = firstIndex.get(item.externalId);
    if (first === undefined) firstIndex.set(item.externalId, index);
    else errors.push({ index, externalId: item.externalId, message: `externalId already appears at index ${first}` });
  });
  return errors;
}

interface BulkPlan {
  /** One per item, in payload order, with the unit's id (new or stored) and its resolved parent. */
  readonly rows: BulkUnitRow[];
  readonly statuses: ('created' | 'updated' | 'unchanged')[];
  /** The stored unit of each item, if any. */
  readonly existing: (UnitEntity | undefined)[];
  readonly errors: BulkRowError[];
}

/** Resolves every item against the payload and the stored units, and decides what happens to it. */
function planBulk(items: readonly BulkUnitItemDto[], known: ReadonlyMap<string, UnitEntity>): BulkPlan {
  const ids = new Map(items.map((item) => [item.externalId, known.get(item.externalId)?.id ?? randomUUID()]));
  const archivedAfter = (externalId: string) => {
    const stored = known.get(externalId);
    return stored !== undefined && stored.archivedAt !== null;
  };
  const plan: BulkPlan = { rows: [], statuses: [], existing: [], errors: [] };
  items.forEach((item, index) => {
    const stored = known.get(item.externalId);
    let parentId: string | null = null;
    if (typeof item.parentExternalId === 'string') {
      parentId = ids.get(item.parentExternalId) ?? known.get(item.parentExternalId)?.id ?? null;
      if (parentId === null) {
        plan.errors.push({ index, externalId: item.externalId, message: `parentExternalId ${item.parentExternalId} matches no unit` });
      } else if (archivedAfter(item.parentExternalId) && !archivedAfter(item.externalId)) {
        plan.errors.push({ index, externalId: item.externalId, message: `parentExternalId ${item.parentExternalId} is an archived unit` });
      }
    }
    const row: BulkUnitRow = {
      id: ids.get(item.externalId)!,
      externalId: item.externalId,
      name: item.name,
      kind: item.kind ?? stored?.kind ?? 'team',
      parentId,
    };
    plan.rows.push(row);
    plan.existing.push(stored);
    plan.statuses.push(
      stored === undefined
        ? 'created'
        : stored.name !== row.name || stored.kind !== row.kind || stored.parentId !== row.parentId
          ? 'updated'
          : 'unchanged',
    );
  });
  return plan;
}

/**
 * Rows that would sit on a loop once applied. Payload rows take their new parents; every other
 * unit keeps its stored parent (`ancestry`), so a loop through untouched units is found too.
 */
function cycleErrors(rows: readonly BulkUnitRow[], ancestry: ReadonlyMap<string, string | null>, stored: readonly UnitEntity[]): BulkRowError[] {
  const rowIndex = new Map(rows.map((row, index) => [row.id, index]));
  const parentOf = (id: string): string | null => {
    const index = rowIndex.get(id);
    return index !== undefined ? rows[index]!.parentId : (ancestry.get(id) ?? null);
  };
  const nameOf = (id: string): string => {
    const index = rowIndex.get(id);
    if (index !== undefined) return rows[index]!.externalId;
    return stored.find((unit) => unit.id === id)?.externalId ?? id;
  };
  const state = new Map<string, 'visiting' | 'done'>();
  const errors: BulkRowError[] = [];
  for (const row of rows) {
    const path: string[] = [];
    let at: string | null = row.id;
    while (at !== null && !state.has(at)) {
      state.set(at, 'visiting');
      path.push(at);
      at = parentOf(at);
    }
    if (at !== null && state.get(at) === 'visiting') {
      const loop = path.slice(path.indexOf(at));
      const description = [...loop, at].map(nameOf).join(' → ');
      for (const id of loop) {
        const index = rowIndex.get(id);
        if (index !== undefined) {
          errors.push({ index, externalId: rows[index]!.externalId, message: `parentExternalId would make a cycle: ${description}` });
        }
      }
    }
    for (const id of path) state.set(id, 'done');
  }
  return errors;
}

/** New units ordered so that each comes after its parent when that is new too. */
function parentsFirst(rows: readonly BulkUnitRow[]): BulkUnitRow[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const depth = new Map<string, number>();
  for (const row of rows) {
    // Walk up to the first ancestor of known depth (or outside the new rows), then fill in the way back.
    const chain: BulkUnitRow[] = [];
    let at: BulkUnitRow | undefined = row;
    while (at !== undefined && !depth.has(at.id)) {
      chain.push(at);
      at = at.parentId === null ? undefined : byId.get(at.parentId);
    }
    let next = at === undefined ? 0 : depth.get(at.id)! + 1;
    for (const link of chain.reverse()) depth.set(link.id, next++);
  }
  return [...rows].sort((a, b) => depth.get(a.id)! - depth.get(b.id)!);
}
