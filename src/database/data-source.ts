import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations.js';

/**
 * The one description of Tandem's database, shared by the application and the migration CLI.
 * Entities and migrations are class references, never globs, so the same options work from the
 * compiled output and under jest.
 */
export function dataSourceOptions(url: string, overrides: Partial<PostgresOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+, so no extension (and no superuser) is needed.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: false,
    applicationName: 'tandem',
    extra: { max: 10, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30000 },
    ...overrides,
  } as DataSourceOptions;
}

type PostgresOptions = Extract<DataSourceOptions, { type: 'postgres' }>;

/** A DataSource for the migration CLI: DATABASE_URL, or the embedded server `npm start` runs. */
export function cliDataSource(env: NodeJS.ProcessEnv = process.env): DataSource {
  const url = env.DATABASE_URL?.trim() || `postgres://postgres:postgres@127.0.0.1:${env.EMBEDDED_PG_PORT ?? 54320}/tandem`;
  return new DataSource(dataSourceOptions(url));
}
