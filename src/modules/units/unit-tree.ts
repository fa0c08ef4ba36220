import type { Queryable } from '#src/modules/tenancy/tenant-calendar.js';
import { isWithin, type UnitParents } from './domain/unit-tree.js';

/** A tenant's unit tree (archived units included: old records may name them) and unit names. */
export interface UnitTree {
  readonly parents: UnitParents;
  readonly names: ReadonlyMap<string, string>;
}

export async function readUnitTree(db: Queryable, tenantId: string): Promise<UnitTree> {
  const rows = (await db.query(`SELECT id, parent_id, name FROM units WHERE tenant_id = $1`, [tenantId])) as { id: string; parent_id: string | null; name: string }[];
  return { parents: new Map(rows.map((row) => [row.id, row.parent_id])), names: new Map(rows.map((row) => [row.id, row.name])) };
}

/**
 * The units of a report's scope that are not archived: `unitId` and its sub-units, or all of the
 * tenant's when `unitId` is null.
 */
export async function activeUnitIds(db: Queryable, tenantId: string, tree: UnitTree, unitId: string | null): Promise<string[]> {
  const rows = (await db.query(`SELECT id FROM units WHERE tenant_id = $1 AND archived_at IS NULL`, [tenantId])) as { id: string }[];
  return rows.map((row) => row.id).filter((id) => !unitId || isWithin(id, unitId, tree.parents));
}

/**
 * `WITH RECURSIVE subtree(id)`: a unit and all its sub-units, for SQL that filters by unit. The
 * arguments are the placeholders of the tenant and the unit (e.g. `$1`, `$4`); a null unit gives
 * an empty subtree, so callers write `($4::uuid IS NULL OR … IN (SELECT id FROM subtree))`.
 */
export function subtreeSql(tenantParam: string, unitParam: string): string {
  return `WITH RECURSIVE subtree(id) AS (
        SELECT id FROM units WHERE tenant_id = ${tenantParam} AND id = ${unitParam}
        UNION SELECT u.id FROM units u JOIN subtree s ON u.tenant_id = ${tenantParam} AND u.parent_id = s.id
      )`;
}
