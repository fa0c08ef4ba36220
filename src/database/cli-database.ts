import { join } from 'node:path';
import pg from 'pg';
import type { AppConfig } from '#src/config/app-config.js';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres.js';

/** The database a command-line tool works on, and the embedded server it started, if any. */
export interface CliDatabase {
  readonly url: string;
  /** Set when the tool started the embedded server itself: stop it when done. */
  readonly embedded?: EmbeddedPostgresHandle;
}

/**
 * The database of the command-line tools (migrations, the demo loader): `DATABASE_URL`; without
 * it, the embedded server of a running `npm start` (127.0.0.1:`EMBEDDED_PG_PORT`, database
 * `tandem`), or, when nothing answers there, the embedded server of `DATA_DIR`, started here.
 */
export async function cliDatabase(config: AppConfig): Promise<CliDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl };
  const url = `postgres://postgres:postgres@127.0.0.1:${config.embeddedPostgresPort}/tandem`;
  if (await reachable(url)) return { url };
  return { url, embedded: await startEmbeddedPostgres({ dataDir: join(config.dataDir, 'pg'), port: config.embeddedPostgresPort }) };
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
