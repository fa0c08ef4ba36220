import type pg from 'pg';

/** Columns a request may touch without changing anything a user sees (bookkeeping). */
const VOLATILE_COLUMNS = ['last_used_at'];
/** Tables of the instance, not of a tenant, that a tenant's requests may write. */
const SHARED_TABLES = ['tenants', 'instance_settings', 'tenant_setup_steps'];
/** Request bookkeeping that any request may write (not a tenant's data). */
const IGNORED_TABLES = ['rate_limits', 'migrations'];
/** Rows a successful read may leave: the audit entry of an export (docs/audit.md) records a read, not a change. */
const READ_TRACES: Record<string, string> = { audit_log: `x.action NOT LIKE '%.exported'` };

/**
 * A cheap digest of everything a tenant owns (every table with `tenant_id`, filtered on it) and of
 * the shared tables, one entry per table, in one query: equal before and after a request means the
 * request changed nothing; the entries that differ name what changed.
 */
export async function tenantFingerprint(sql: pg.Pool): Promise<(tenantId: string) => Promise<Record<string, string>>> {
  const tables = await sql.query<{ table_name: string; tenant: boolean }>(
    `SELECT table_name, bool_or(column_name = 'tenant_id') AS tenant
     FROM information_schema.columns WHERE table_schema = 'public'
     GROUP BY table_name ORDER BY table_name`,
  );
  const parts = tables.rows
    .filter((t) => !IGNORED_TABLES.includes(t.table_name) && (t.tenant || SHARED_TABLES.includes(t.table_name)))
    .map(
      (t) =>
        `SELECT '${t.table_name}' AS t, count(*) || ':' || coalesce(md5(string_agg((to_jsonb(x) - $2::text[])::text, ',' ORDER BY (to_jsonb(x) - $2::text[])::text)), '') AS d
         FROM "${t.table_name}" x WHERE ${t.tenant ? 'x.tenant_id = $1' : '$1::uuid IS NOT NULL'}${READ_TRACES[t.table_name] ? ` AND ${READ_TRACES[t.table_name]}` : ''}`,
    );
  const query = parts.join('\nUNION ALL\n');
  return async (tenantId) => {
    const rows = await sql.query<{ t: string; d: string }>(query, [tenantId, VOLATILE_COLUMNS]);
    return Object.fromEntries(rows.rows.map((row) => [row.t, row.d]));
  };
}

/** The tables whose digests differ. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
}
