import type { Queryable } from '#src/modules/tenancy/tenant-calendar.js';
import type { Principal } from '#src/common/auth/principal.js';
import type { SurveyGroups } from './survey-groups.js';
import { readUnitTree, type UnitTree } from '#src/modules/units/unit-tree.js';

/** What every report of this module starts from: the unit tree, the unit a caller may read, and the tenant's calendar and threshold. */
export interface ReportScope {
  readonly tree: UnitTree;
  /** The unit asked for, or for a manager the top of their reporting line; null for HR's whole organisation. */
  readonly unitId: string | null;
  readonly timezone: string;
  readonly k: number;
}

/**
 * Resolves a report's scope: HR any unit (or all), a manager a unit of their reporting line (403
 * outside it). Pass the primary, never a replica: who may read which unit, and the threshold k,
 * must not lag behind a change just made (a unit moved out of a line, k raised).
 */
export async function reportScope(db: Queryable, groups: SurveyGroups, principal: Principal, unitId: string | undefined): Promise<ReportScope> {
  const tree = await readUnitTree(db, principal.tenantId);
  const scoped = (await groups.scopedUnit(principal, tree.parents, unitId)) ?? null;
  const rows = (await db.query(`SELECT timezone, anonymity_threshold FROM tenants WHERE id = $1`, [principal.tenantId])) as {
    timezone: string;
    anonymity_threshold: number;
  }[];
  return { tree, unitId: scoped, timezone: rows[0]!.timezone, k: rows[0]!.anonymity_threshold };
}
