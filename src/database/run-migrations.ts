import type { DataSource } from 'typeorm';
import { asMigrations } from '#src/common/tenancy/tenant-scope.js';

/** Advisory-lock key held while migrating, so instances starting together migrate one at a time. */
const MIGRATION_LOCK = 7_274_100_000;

/**
 * Applies pending migrations, each in its own transaction, under a cluster-wide lock. They run as
 * the connecting user, not the application role, and see every tenant's rows (data backfills).
 */
export function runMigrationsLocked(dataSource: DataSource): Promise<void> {
  return asMigrations(async () => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      try {
        await dataSource.runMigrations({ transaction: 'each' });
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      }
    } finally {
      await runner.release();
    }
  });
}
