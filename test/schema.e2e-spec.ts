import { isDeepStrictEqual } from 'node:util';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '#src/database/data-source.js';
import { createTestDatabase } from './utils/test-database.js';

/** The schema is what the migrations make, and it keeps the rules tenancy depends on. */
describe('database schema', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url)).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('matches the entities exactly (no change a migration would still have to make)', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('applies every migration and leaves none pending', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('keys every tenant-owned table by tenant_id first, in its primary key and every unique index', async () => {
    const tables: { table_name: string }[] = await dataSource.query(`
      SELECT table_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'tenant_id'`);
    expect(tables.length).toBeGreaterThan(0);
    const indexes: { table: string; index: string; first_column: string; is_unique: boolean }[] = await dataSource.query(`
      SELECT t.relname AS table, i.relname AS index, a.attname AS first_column, ix.indisunique AS is_unique
      FROM pg_index ix
      JOIN pg_class t ON t.oid = ix.indrelid
      JOIN pg_class i ON i.oid = ix.indexrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ix.indkey[0]
      WHERE ix.indisunique`);
    const tenantTables = new Set(tables.map((t) => t.table_name));
    const offenders = indexes.filter((ix) => tenantTables.has(ix.table) && ix.first_column !== 'tenant_id');
    expect(offenders).toEqual([]);
  });

  it('makes every foreign key of a tenant-owned table carry tenant_id', async () => {
    const foreignKeys: { table: string; constraint: string; columns: string[] }[] = await dataSource.query(`
      SELECT c.conrelid::regclass::text AS table, c.conname AS constraint,
             array_agg(a.attname ORDER BY a.attnum)::text[] AS columns
      FROM pg_constraint c
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
      GROUP BY 1, 2`);
    expect(foreignKeys.length).toBeGreaterThan(0);
    expect(foreignKeys.filter((fk) => !fk.columns.includes('tenant_id'))).toEqual([]);
  });

  it('forces row-level security with the tenant and system policies on every table with a tenant_id, and on tenants', async () => {
    const tables: { table: string; column: string; enabled: boolean; forced: boolean; policies: { name: string; command: string; roles: string[]; using: string; check: string }[] }[] =
      await dataSource.query(`
        SELECT c.relname AS table, CASE WHEN c.relname = 'tenants' THEN 'id' ELSE 'tenant_id' END AS column,
               c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
               coalesce(jsonb_agg(jsonb_build_object('name', p.polname, 'command', p.polcmd, 'roles', (SELECT array_agg(rolname ORDER BY rolname) FROM pg_roles WHERE oid = ANY (p.polroles)),
                 'using', pg_get_expr(p.polqual, p.polrelid), 'check', pg_get_expr(p.polwithcheck, p.polrelid)) ORDER BY p.polname) FILTER (WHERE p.oid IS NOT NULL), '[]') AS policies
        FROM pg_class c
        LEFT JOIN pg_policy p ON p.polrelid = c.oid
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
          AND (c.relname = 'tenants' OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped))
        GROUP BY c.oid, c.relname`);
    expect(tables.length).toBeGreaterThan(1);
    const rule = (column: string) => `(${column} = ( SELECT (NULLIF(current_setting('tandem.tenant_id'::text, true), ''::text))::uuid AS "nullif"))`;
    const expected = (column: string) => [
      { name: 'system_scope', command: '*', roles: ['tandem_system'], using: 'true', check: 'true' },
      { name: 'tenant_isolation', command: '*', roles: ['tandem_app'], using: rule(column), check: rule(column) },
    ];
    const offenders = tables.filter((t) => !t.enabled || !t.forced || !isDeepStrictEqual(t.policies, expected(t.column)));
    expect(offenders).toEqual([]);
  });

  it('gives the application roles rows to work on, and no way around the policies', async () => {
    const roles: { name: string; superuser: boolean; bypass: boolean; login: boolean; owns: number }[] = await dataSource.query(`
      SELECT r.rolname AS name, r.rolsuper AS superuser, r.rolbypassrls AS bypass, r.rolcanlogin AS login,
             (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owns
      FROM pg_roles r WHERE r.rolname IN ('tandem_app', 'tandem_system') ORDER BY 1`);
    expect(roles).toEqual(['tandem_app', 'tandem_system'].map((name) => ({ name, superuser: false, bypass: false, login: false, owns: 0 })));
    const privileges: { role: string; table: string; granted: string[] }[] = await dataSource.query(`
      SELECT r.role, c.relname AS table,
             array(SELECT p FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) AS p WHERE has_table_privilege(r.role, c.oid, p)) AS granted
      FROM pg_class c, unnest(ARRAY['tandem_app', 'tandem_system']) AS r(role)
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')`);
    // Rows to read and write everywhere, except what only migrations write, and the append-only audit log.
    const expected = (table: string) => ({ migrations: ['SELECT'], audit_log: ['SELECT', 'INSERT'] })[table] ?? ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
    expect(privileges.filter((p) => !isDeepStrictEqual(p.granted, expected(p.table)))).toEqual([]);
  });

  it('reverts every migration and applies them again', async () => {
    for (let i = 0; i < dataSource.migrations.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const left: { n: number }[] = await dataSource.query(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    );
    expect(left[0]!.n).toBe(0);
    await dataSource.runMigrations({ transaction: 'each' });
    expect(await dataSource.showMigrations()).toBe(false);
    expect((await dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
});
