import type { Queryable } from '#src/modules/tenancy/tenant-calendar.js';
import type { UnitParents } from './domain/unit-tree.js';

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
