import type { DataSource } from 'typeorm';

/** Advisory-lock key held while migrating, so instances starting together migrate one at a time. */
const MIGRATION_LOCK = 7_274_100_000;

/** Applies pending migrations, each in its own transaction, under a cluster-wide lock. */
export async function runMigrationsLocked(dataSource: DataSource): Promise<void> {
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
}
