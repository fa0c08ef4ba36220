import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { currentTenantScope, type TenantScope } from '#src/common/tenancy/tenant-scope.js';

/**
 * The roles the application works as, made by migration EnableTenantRowSecurity: no superuser, no
 * BYPASSRLS, owner of no table, so PostgreSQL's row-level security applies to them. The tenant
 * policy of every tenant table lets `tandem_app` see the rows of the connection's tenant; the
 * system policy lets `tandem_system` see every row.
 */
export const APP_ROLE = 'tandem_app';
export const SYSTEM_ROLE = 'tandem_system';

/** What TypeORM's PostgresDriver hands a query runner: a pooled client and its release callback. */
type Checkout = [pg.PoolClient, (error?: unknown) => void];

/** The part of TypeORM's (unexported) PostgresDriver this seam patches. */
interface PostgresDriverSeam {
  obtainMasterConnection(): Promise<Checkout>;
  obtainSlaveConnection(): Promise<Checkout>;
  slaves: unknown[];
  [SCOPED]?: true;
}

const SCOPED = Symbol('tandem.scoped-connections');

/**
 * One statement, prepared once per connection, that sets everything a checkout carries: the role
 * and the tenant. Session-level (not `SET LOCAL`), because a checkout may run statements outside a
 * transaction; every checkout sets both again, so nothing from an earlier checkout survives.
 */
const APPLY_SCOPE = {
  name: 'tandem_apply_scope',
  text: `SELECT set_config('role', $1, false), set_config('tandem.tenant_id', $2, false)`,
};

/** The settings of a scope: role and tenant id. No scope: the tenant role and no tenant, so no rows. */
function scopeSettings(scope: TenantScope | undefined): [string, string] {
  switch (scope?.kind) {
    case 'tenant':
      return [APP_ROLE, scope.tenantId];
    case 'system':
      return [SYSTEM_ROLE, ''];
    case 'migrations':
      // `none` is RESET ROLE: the session user, who owns the schema (and, through tandem_system,
      // sees every row).
      return ['none', ''];
    case undefined:
      return [APP_ROLE, ''];
  }
}

/**
 * Makes every connection the data source checks out — from the primary or, with replication, a
 * replica — apply the scope of the code that checks it out (see `tenant-scope.ts`), in one round
 * trip, before TypeORM runs anything on it. TypeORM has no hook for this (typeorm/typeorm#5857),
 * so the driver's two checkout methods are wrapped; both are public methods of PostgresDriver,
 * and every query runner (queries, transactions, repositories, migrations) gets its connection
 * through them.
 */
export function scopeConnections(dataSource: DataSource): void {
  if (dataSource.options.type !== 'postgres') throw new Error('Scoped connections need the postgres driver');
  const driver = dataSource.driver as unknown as PostgresDriverSeam;
  if (driver[SCOPED]) return;
  driver[SCOPED] = true;
  const master = driver.obtainMasterConnection.bind(driver);
  const slave = driver.obtainSlaveConnection.bind(driver);
  driver.obtainMasterConnection = () => scoped(master);
  // Without replicas TypeORM's slave checkout falls back to the primary: scope it once, not twice.
  driver.obtainSlaveConnection = () => (driver.slaves.length > 0 ? scoped(slave) : driver.obtainMasterConnection());
}

async function scoped(obtain: () => Promise<Checkout>): Promise<Checkout> {
  // Read before waiting for a connection: a pool hands connections out from other callers' contexts.
  const settings = scopeSettings(currentTenantScope());
  const [connection, release] = await obtain();
  // A connection that dies now also emits `error`; pg-pool stops listening once it hands the
  // connection out and TypeORM starts only when it gets it, so without a listener here the process
  // would crash. The failed query below reports the same error.
  const ignore = () => undefined;
  connection.on('error', ignore);
  try {
    await connection.query({ ...APPLY_SCOPE, values: settings });
  } catch (error) {
    // Released with an error, pg-pool closes the connection instead of reusing it half-scoped.
    release(error instanceof Error ? error : new Error(String(error)));
    throw error;
  } finally {
    connection.removeListener('error', ignore);
  }
  return [connection, release];
}
