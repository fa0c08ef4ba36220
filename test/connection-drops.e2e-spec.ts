import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { adminUrl, createTestDatabase } from './utils/test-database.js';
import { freePort, startService, waitFor200, type ServiceProcess } from './utils/process.js';

const BOOTSTRAP_KEY = 'bootstrap-key-for-connection-drops-0123456789';
const CLIENTS = 8;

interface Sample {
  readonly start: number;
  readonly end: number;
  readonly status: number | string;
  readonly type?: string;
}

/**
 * Connection drops: with the service under load (as a process, on a DATABASE_URL), PostgreSQL
 * terminates every one of its connections. TypeORM's pool has known reconnection gaps
 * (typeorm/typeorm#1689, #6350); here pg's pool drops dead clients and opens new ones. The process
 * must not crash, only requests in flight may fail (503 problem+json, never 500), and within 5 s
 * every request succeeds again. Liveness never asks the database; readiness does.
 */
describe('connection drops', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let service: ServiceProcess;
  let admin: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    // A free port: with a fixed one, another checkout's run of this file could answer our health check.
    service = startService({ PORT: String(await freePort()), DATABASE_URL: database.url, TANDEM_BOOTSTRAP_KEY: BOOTSTRAP_KEY, JOBS_ENABLED: 'false' });
    await waitFor200(`${service.baseUrl}/health/ready`, 30_000, service);
    // On the maintenance database: a session cannot forbid connections to its own database.
    admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
  }, 60_000);
  afterAll(async () => {
    await admin.end();
    if (service.child.exitCode === null) {
      service.child.kill('SIGTERM');
      await service.exited;
    }
    await database.drop();
  });

  const auth = { Authorization: `Bearer ${BOOTSTRAP_KEY}` };
  async function call(path: string, init: RequestInit = {}): Promise<Sample> {
    const start = performance.now();
    try {
      const response = await fetch(`${service.baseUrl}${path}`, { ...init, headers: { ...auth, 'content-type': 'application/json', ...init.headers } });
      const body = response.headers.get('content-type')?.includes('json') ? ((await response.json()) as { type?: string }) : {};
      return { start, end: performance.now(), status: response.status, type: body.type };
    } catch (error) {
      return { start, end: performance.now(), status: `network: ${(error as Error).message}` };
    }
  }

  /** Closes the service's connections from the server side; returns how many it had. */
  async function terminateAll(): Promise<number> {
    const result = await admin.query(
      `SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'tandem') x`,
      [database.name],
    );
    return result.rows[0].n;
  }

  it('survives every connection being terminated mid-load, failing only requests in flight', async () => {
    const samples: Sample[] = [];
    let running = true;
    let n = 0;
    const clients = Array.from({ length: CLIENTS }, async (_, client) => {
      while (running) {
        n += 1;
        samples.push(
          client % 2 === 0
            ? await call('/api/v1/users?limit=5')
            : await call('/api/v1/units', { method: 'POST', body: JSON.stringify({ name: `Unit ${client}-${n}` }) }),
        );
      }
    });
    await new Promise((r) => setTimeout(r, 1000));
    const killedAt = performance.now();
    const terminated = await terminateAll();
    const killedDone = performance.now();
    await new Promise((r) => setTimeout(r, 6000));
    running = false;
    await Promise.all(clients);

    expect(terminated).toBeGreaterThan(0);
    // Had the process died, the end of its output says why.
    expect({ exitCode: service.child.exitCode, output: service.child.exitCode === null ? '' : service.output().slice(-4000) }).toEqual({ exitCode: null, output: '' });
    const ok = (s: Sample) => s.status === 200 || s.status === 201;
    const failed = samples.filter((s) => !ok(s));
    // Every failure is a clean 503 problem (the database went away), never a 500 or a dropped socket.
    expect(failed.filter((s) => s.status !== 503 || s.type !== '/problems/common.database_unavailable')).toEqual([]);
    // Only requests that had started before the connections were gone may fail...
    expect(failed.filter((s) => s.start > killedDone + 5000)).toEqual([]);
    // ...and from 5 s on, every request succeeds.
    const late = samples.filter((s) => s.start > killedAt + 5000);
    expect(late.length).toBeGreaterThan(10);
    expect(late.filter((s) => !ok(s))).toEqual([]);
    expect(samples.filter((s) => s.end < killedAt).every(ok)).toBe(true);
    // Both before and after the drop, the service did real work.
    expect(samples.filter((s) => s.start > killedDone && ok(s)).length).toBeGreaterThan(CLIENTS);
    console.info(`connection drops: ${terminated} connections terminated; ${samples.length} requests, ${failed.length} failed (${[...new Set(failed.map((s) => s.status))].join(', ')})`);
  }, 60_000);

  it('keeps /health/live up while the database refuses connections; /health/ready goes 503 and comes back', async () => {
    await admin.query(`ALTER DATABASE "${database.name}" WITH ALLOW_CONNECTIONS false`);
    try {
      await terminateAll();
      const live = await call('/health/live');
      expect(live.status).toBe(200);
      const ready = await call('/health/ready');
      expect(ready).toMatchObject({ status: 503, type: '/problems/common.database_unavailable' });
      // An API request in the outage is a 503 problem too, with Retry-After.
      const response = await fetch(`${service.baseUrl}/api/v1/users`, { headers: auth });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
    } finally {
      await admin.query(`ALTER DATABASE "${database.name}" WITH ALLOW_CONNECTIONS true`);
    }
    await waitFor200(`${service.baseUrl}/health/ready`, 5000, service);
    expect((await call('/api/v1/users')).status).toBe(200);
    expect(service.child.exitCode).toBeNull();
  }, 30_000);
});
