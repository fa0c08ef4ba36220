import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { createTestDatabase } from './utils/test-database.js';
import { freePort, isListening, startService, stopOrphanPostgres, waitFor200, type ServiceProcess } from './utils/process.js';

const BOOTSTRAP_KEY = 'bootstrap-key-for-process-tests-0123456789';
const auth = { Authorization: `Bearer ${BOOTSTRAP_KEY}` };

/**
 * The service as a user runs it: `node dist/src/main.js` with no DATABASE_URL boots an embedded
 * PostgreSQL (as the OS user `postgres` when run as root), migrates, and stops cleanly on SIGTERM.
 */
describe('the service process', () => {
  const dataDir = join(process.cwd(), '.data', `process-test-${process.pid}`);
  let pgPort: number;
  let port: number;
  let service: ServiceProcess | undefined;

  beforeAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir, { recursive: true, mode: 0o755 });
    pgPort = await freePort();
    port = await freePort();
  });
  /** After a failed test: no service or PostgreSQL of it may stay behind. */
  async function stopLeftovers(): Promise<void> {
    if (service && service.child.exitCode === null) {
      service.child.kill('SIGKILL');
      await service.exited;
    }
    await stopOrphanPostgres(join(dataDir, 'pg'));
  }

  afterAll(async () => {
    await stopLeftovers();
    await rm(dataDir, { recursive: true, force: true });
  });

  const env = () => ({
    PORT: String(port),
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    TANDEM_BOOTSTRAP_KEY: BOOTSTRAP_KEY,
    LOG_LEVEL: 'info',
  });

  it('boots an embedded PostgreSQL on an empty data folder and is ready within 30 s', async () => {
    service = startService(env());
    const readyAfter = await waitFor200(`${service.baseUrl}/health/ready`, 30_000, service);
    expect(readyAfter).toBeLessThan(30_000);
    expect(existsSync(join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
    expect(service.output()).toContain('A default organisation was created');
    expect(service.output()).not.toContain(BOOTSTRAP_KEY);

    const ready = await (await fetch(`${service.baseUrl}/health/ready`)).json();
    expect(ready).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, migrations: { status: 'up' } } });

    const created = await fetch(`${service.baseUrl}/api/v1/users`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'x-request-id': 'trace-create-user' },
      body: JSON.stringify({ email: 'kept@example.com', role: 'manager', password: 'a password nobody may log' }),
    });
    expect(created.status).toBe(201);
  });

  it('logs one JSON line per request with its id, and no credential, body or token path', async () => {
    await fetch(`${service!.baseUrl}/api/v1/responses/secret-survey-token-123`, { headers: auth });
    await new Promise((r) => setTimeout(r, 200));
    const lines = service!
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { req?: { id: string; method: string; path: string }; res?: { statusCode: number } });
    const createLog = lines.filter((line) => line.req?.id === 'trace-create-user');
    expect(createLog).toEqual([
      expect.objectContaining({ req: { id: 'trace-create-user', method: 'POST', path: '/api/v1/users' }, res: { statusCode: 201 } }),
    ]);
    expect(lines.some((line) => line.req?.path === '/api/v1/responses/:token')).toBe(true);
    const output = service!.output();
    for (const secret of [BOOTSTRAP_KEY, 'a password nobody may log', 'secret-survey-token-123', 'kept@example.com']) {
      expect(output).not.toContain(secret);
    }
  });

  it('finishes in-flight requests on SIGTERM, refuses new ones, then stops PostgreSQL', async () => {
    expect(service?.child.exitCode).toBeNull();
    const running = service!;
    // Fewer requests than pool connections, so each one ends up waiting on the lock, where we can see it.
    const requests = 6;
    const listUsers = () =>
      fetch(`${running.baseUrl}/api/v1/users?limit=5`, { headers: auth }).then(
        (r) => r.status,
        (e: Error & { cause?: { code?: string } }) => (e.cause?.code === 'ECONNREFUSED' ? 503 : `${e.message} ${e.cause?.code ?? ''}`),
      );
    // Open the pool's connections first: on a busy machine opening one (SCRAM) is slow enough
    // that requests would still be queueing for a connection when SIGTERM arrives.
    expect(await Promise.all(Array.from({ length: requests }, listUsers))).toEqual(Array(requests).fill(200));

    const blocker = new pg.Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/tandem` });
    blocker.on('error', () => undefined);
    await blocker.connect();
    try {
      // Hold a lock the list query needs, so requests are genuinely in flight when SIGTERM arrives.
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
      const inFlight = Array.from({ length: requests }, listUsers);
      let waiting = 0;
      // Until all are waiting, or the count has not moved for 2 s (the rest may still queue for a connection).
      for (let i = 0, steady = 0; i < 600 && waiting < requests && !(waiting > 0 && steady >= 40); i++) {
        await new Promise((r) => setTimeout(r, 50));
        // Inside a transaction, pg_stat_activity is a snapshot taken at its first read: drop it,
        // or every poll repeats the first one (taken before the requests reached the lock).
        // A job's pass may wait on the lock too, hence the cap.
        await blocker.query('SELECT pg_stat_clear_snapshot()');
        const activity = await blocker.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE wait_event_type = 'Lock' AND application_name = 'tandem'`,
        );
        const now = Math.min(requests, activity.rows[0].n);
        steady = now === waiting ? steady + 1 : 0;
        waiting = now;
      }
      // Requests still queueing for a connection on a very busy machine may not be in flight yet;
      // at least one must be, and every one that is must finish.
      expect(waiting).toBeGreaterThanOrEqual(1);

      // A connection busy with a request's headers when the stop begins: its request is refused whole, as a problem.
      const busy = connect(port, '127.0.0.1');
      await new Promise((resolve) => busy.once('connect', resolve));
      busy.write('GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      let answer = '';
      busy.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      const answered = new Promise((resolve) => busy.once('close', resolve));

      running.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      const late = await fetch(`${running.baseUrl}/health/live`).then((r) => r.status, () => 'refused');
      expect(late === 'refused' || late === 503).toBe(true);
      busy.write('\r\n');
      await answered;
      const [head, body] = answer.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 503 /);
      expect(head).toMatch(/\r\ncontent-type: application\/problem\+json/i);
      expect(head).toMatch(/\r\nretry-after: 1\r\n/i);
      expect(head).toMatch(/\r\nconnection: close\r\n/i);
      expect(JSON.parse(body!)).toMatchObject({ type: '/problems/common.shutting_down', status: 503 });

      await blocker.query('COMMIT');
      const statuses = await Promise.all(inFlight);
      expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(waiting);
      // Anything not yet in flight was refused as new work, never failed half-way.
      expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
    } finally {
      await blocker.end().catch(() => undefined);
    }
    expect(await running.exited).toBe(0);
    expect(await isListening(pgPort)).toBe(false);
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  });

  it('keeps every row across a restart and does not bootstrap twice', async () => {
    await stopLeftovers();
    service = startService(env());
    await waitFor200(`${service.baseUrl}/health/ready`, 30_000, service);
    expect(service.output()).not.toContain('A default organisation was created');
    const users = (await (await fetch(`${service.baseUrl}/api/v1/users?q=kept`, { headers: auth })).json()) as { items: { email: string }[] };
    expect(users.items.map((u) => u.email)).toEqual(['kept@example.com']);
    service.child.kill('SIGINT');
    expect(await service.exited).toBe(0);
    expect(await isListening(pgPort)).toBe(false);
  });

  it('uses DATABASE_URL when set and starts no embedded server', async () => {
    const database = await createTestDatabase();
    const otherDataDir = join(dataDir, 'unused');
    try {
      service = startService({ ...env(), DATA_DIR: otherDataDir, DATABASE_URL: database.url });
      await waitFor200(`${service.baseUrl}/health/ready`, 30_000, service);
      expect(existsSync(join(otherDataDir, 'pg'))).toBe(false);
      const tenant = (await (await fetch(`${service.baseUrl}/api/v1/tenant`, { headers: auth })).json()) as { slug: string };
      expect(tenant.slug).toBe('default');
      service.child.kill('SIGTERM');
      expect(await service.exited).toBe(0);
    } finally {
      await database.drop();
    }
  });

  it('refuses to start with a bad configuration and names every bad value', async () => {
    service = startService({ ...env(), PORT: 'eighty', DATABASE_URL: 'mysql://db/x', JWT_SECRET: 'short' });
    expect(await service.exited).toBe(1);
    const output = service.output();
    expect(output).toContain('PORT must be a whole number from 0 to 65535 (got "eighty")');
    expect(output).toContain('DATABASE_URL must start with postgres:// or postgresql://');
    expect(output).toContain('JWT_SECRET must be at least 32 characters long');
  });
});
