import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { UnitParents } from '#src/analytics/anonymity-guard.js';
import type { Principal } from '#src/common/auth/principal.js';

/** The tenant's unit tree (archived units included: old responses may name them) and unit names. */
export interface UnitTree {
  readonly parents: UnitParents;
  readonly names: ReadonlyMap<string, string>;
}

/**
 * What part of the organisation a caller may read survey results and actions for. HR reads all;
 * a manager reads the units they manage (through the employee their user is linked to) with
 * their sub-units; an employee, for actions only, their own unit and the units above it.
 */
@Injectable()
export class ReportingLine {
  constructor(private readonly dataSource: DataSource) {}

  async tree(tenantId: string): Promise<UnitTree> {
    const rows: { id: string; parent_id: string | null; name: string }[] = await this.dataSource.query(
      `SELECT id, parent_id, name FROM units WHERE tenant_id = $1`,
      [tenantId],
    );
    return { parents: new Map(rows.map((row) => [row.id, row.parent_id])), names: new Map(rows.map((row) => [row.id, row.name])) };
  }

  /** The top units a manager manages (none for anyone else, or a manager linked to no employee). */
  async managedRoots(principal: Principal, parents: UnitParents): Promise<string[]> {
    if (principal.role !== 'manager' || !principal.userId) return [];
    const managed: { id: string }[] = await this.dataSource.query(
      `SELECT u.id FROM units u JOIN users us ON us.tenant_id = u.tenant_id AND us.employee_id = u.manager_id
       WHERE u.tenant_id = $1 AND us.id = $2 AND u.archived_at IS NULL`,
      [principal.tenantId, principal.userId],
    );
    const ids = managed.map((m) => m.id);
    return ids.filter((id) => !ids.some((other) => other !== id && isWithin(id, other, parents)));
  }

  /** The unit of the employee a user is, or null. */
  async ownUnit(principal: Principal): Promise<string | null> {
    if (!principal.userId) return null;
    const rows: { unit_id: string | null }[] = await this.dataSource.query(
      `SELECT e.unit_id FROM users us JOIN employees e ON e.tenant_id = us.tenant_id AND e.id = us.employee_id
       WHERE us.tenant_id = $1 AND us.id = $2`,
      [principal.tenantId, principal.userId],
    );
    return rows[0]?.unit_id ?? null;
  }
}

/** Whether `unitId` is `ancestor` or lies below it. Stops on a loop in bad data. */
export function isWithin(unitId: string, ancestor: string, parents: UnitParents): boolean {
  const seen = new Set<string>();
  for (let at: string | null | undefined = unitId; at && !seen.has(at); at = parents.get(at)) {
    if (at === ancestor) return true;
    seen.add(at);
  }
  return false;
}

/** The unit and every unit above it. */
export function ancestorsOrSelf(unitId: string, parents: UnitParents): string[] {
  const chain: string[] = [];
  for (let at: string | null | undefined = unitId; at && !chain.includes(at); at = parents.get(at)) chain.push(at);
  return chain;
}
