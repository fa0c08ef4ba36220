import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '#src/database/data-source.js';

const TEMPLATE = 'app_template';
const TEMPLATE_LOCK = 7_274_199_999;

/** Connection string of the test server's maintenance database (set by global-setup). */
export function adminUrl(): string {
  const url = process.env.TANDEM_TEST_DATABASE_URL ?? process.env.TANDEM_TEST_ADMIN_URL;
  if (!url) throw new Error('The test PostgreSQL is not running: run the tests with npm test');
  return url;
}

export function urlFor(database: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, fully migrated database for one test file: a clone of a template that the first
 * worker to get here builds by running every migration (others wait on an advisory lock).
 */
export async function createTestDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `test_${process.env.JEST_WORKER_ID ?? '0'}_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  await withAdmin(async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEMPLATE]);
      if (exists.rowCount === 0) await buildTemplate(client);
      await client.query(`CREATE DATABASE "${name}" TEMPLATE ${TEMPLATE}`);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
  return {
    name,
    url: urlFor(name),
    drop: () => withAdmin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}

async function buildTemplate(client: pg.Client): Promise<void> {
  const building = `${TEMPLATE}_build`;
  await client.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${building}`);
  const dataSource = new DataSource(dataSourceOptions(urlFor(building)));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  await client.query(`ALTER DATABASE ${building} RENAME TO ${TEMPLATE}`);
}

/** A plain pg pool on a test database, for assertions on what is really stored. */
export function sqlPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // An idle connection ended by the server (the file's database dropped WITH (FORCE) at close, a
  // suite terminating backends) is an 'error' on the pool; unheard, it would fail whichever test
  // is running. Queries still reject with their own errors.
  pool.on('error', () => undefined);
  return pool;
}
