import type { Principal } from '#src/common/auth/principal.js';
import type { Queryable } from '#src/modules/tenancy/tenant-calendar.js';

/** The employee a signed-in caller is (their user's `employee_id`); null for API keys and unlinked users. */
export async function employeeOfUser(db: Queryable, principal: Pick<Principal, 'tenantId' | 'userId'>): Promise<string | null> {
  if (!principal.userId) return null;
  const rows = (await db.query(`SELECT employee_id FROM users WHERE tenant_id = $1 AND id = $2`, [principal.tenantId, principal.userId])) as { employee_id: string | null }[];
  return rows[0]?.employee_id ?? null;
}
