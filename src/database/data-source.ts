import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations.js';

/**
 * The one description of Tandem's database, shared by the application and the migration CLI.
 * Entities and migrations are class references, never globs, so the same options work from the
 * compiled output and under jest.
 */
export function dataSourceOptions(url: string, overrides: Partial<PostgresOptions> = {}, replicaUrls: readonly string[] = []): DataSourceOptions {
  return {
    type: 'postgres',
    // With replicas, TypeORM keeps one pool per server. Everything, raw queries and find() alike,
    // goes to the primary unless it asks for a replica (defaultMode 'master'; TypeORM's own default
    // sends every find() outside a transaction to a replica, which would read a write just made
    // from a server that may not have it yet). Reports ask: see report-database.ts.
    ...(replicaUrls.length > 0 ? { replication: { master: { url }, slaves: replicaUrls.map((replica) => ({ url: replica })), defaultMode: 'master' } } : { url }),
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
