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
