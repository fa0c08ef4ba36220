import type { DataSourceOptions } from 'typeorm';
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
