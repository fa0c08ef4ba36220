import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '#src/database/embedded-postgres.js';
import { freePort, startService, waitFor200, type ServiceProcess } from './utils/process.js';

const BOOTSTRAP_KEY = 'bootstrap-key-for-database-outage-0123456789';
const auth = { Authorization: `Bearer ${BOOTSTRAP_KEY}` };
const PEOPLE = 5000;
const CLIENTS = 24;
/** A client that got an error waits this long before it tries again, with the same token and submission. */
const RETRY_MS = 150;

interface Attempt {
  readonly token: string;
  readonly start: number;
  readonly end: number;
  readonly status: number | string;
  readonly type?: string;
  readonly contentType?: string;
}

interface Submission {
  readonly token: string;
  readonly submissionId: string;
  readonly answers: { questionId: string; value: number }[];
}

/**
 * PostgreSQL goes away in the middle of a burst of survey submissions, and comes back: first a
 * fast shutdown (sessions told to end), then an immediate one (the server killed at once, crash
 * recovery on the next start). The service runs as a process on its own PostgreSQL. Every
 * submission that got a 2xx must be stored, none twice; a client that got an error retries with
 * the same token and submission id until it succeeds; `/health/ready` is 503 while the database is
 * down and 200 after; the process never crashes and never answers 500. Then SIGTERM in the
 * middle of a burst: what was in flight completes, nothing acknowledged is lost, and after a
 * restart the clients that were refused finish too. (test/service-process.e2e-spec.ts shows
 * requests held in flight by a lock finishing on SIGTERM; this adds the submissions' promise.)
 */
describe('PostgreSQL stopped in the middle of a submission burst', () => {
  const dataDir = join(process.cwd(), '.data', `outage-pg-${process.pid}`);
  let pgPort: number;
  let port: number;
  /** The server as the service starts its own (durable commits); a new handle after each restart. */
  let postgres: EmbeddedPostgresHandle;
  let service: ServiceProcess;
  let databaseUrl: string;
  let sql: pg.Pool;
  let roundId: string;
  let questionIds: string[];
  const queue: Submission[] = [];
  /** Tokens whose submission got a 2xx, and how many 2xx each got. */
  const accepted = new Map<string, number>();
  const attempts: Attempt[] = [];

  const env = () => ({
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    TANDEM_BOOTSTRAP_KEY: BOOTSTRAP_KEY,
    RATE_LIMIT_PUBLIC_PER_MINUTE: '0',
    // Jobs tick through the outage too: a failing claim or pass must not hurt the process.
    JOB_INTERVALS: '*=1000',
  });

  beforeAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(join(process.cwd(), '.data'), { recursive: true, mode: 0o755 });
    pgPort = await freePort();
    port = await freePort();
    postgres = await startEmbeddedPostgres({ dataDir, port: pgPort });
    databaseUrl = postgres.databaseUrl;
    sql = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    sql.on('error', () => undefined);

    service = startService(env());
    await waitFor200(`${service.baseUrl}/health/ready`, 30_000, service);
    await seed();
  }, 120_000);

  afterAll(async () => {
    if (service.child.exitCode === null) {
      service.child.kill('SIGKILL');
      await service.exited;
    }
    await sql.end().catch(() => undefined);
    await postgres.stop().catch(() => undefined);
    await stopPostmaster('SIGINT');
    await rm(dataDir, { recursive: true, force: true });
  });

  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${service.baseUrl}${path}`, {
      method,
      headers: { ...auth, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  /** PEOPLE employees, one open round of a four-question survey, and every link of it. */
  async function seed(): Promise<void> {
    const items = Array.from({ length: PEOPLE }, (_, i) => ({ externalId: `E${i}`, firstName: 'Person', lastName: `${i}`, stage: 'engage' }));
    await api('PUT', '/api/v1/employees/bulk', { items });
    const bank = await api<{ items: { id: string; type: string }[] }>('GET', '/api/v1/survey-questions?limit=200');
    questionIds = [bank.items.find((q) => q.type === 'enps')!.id, ...bank.items.filter((q) => q.type === 'likert5').slice(0, 3).map((q) => q.id)];
    const survey = await api<{ id: string }>('POST', '/api/v1/surveys', { name: 'Burst', kind: 'adhoc', questionIds });
    const round = await api<{ id: string; invited: number }>('POST', `/api/v1/surveys/${survey.id}/rounds`);
    expect(round.invited).toBe(PEOPLE);
    roundId = round.id;
    let cursor = '';
    do {
      const page = await api<{ items: { token: string }[]; nextCursor: string | null }>(
        'GET',
        `/api/v1/surveys/${survey.id}/rounds/${round.id}/invitations?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      for (const [i, { token }] of page.items.entries()) {
        queue.push({ token, submissionId: randomUUID(), answers: questionIds.map((questionId, q) => ({ questionId, value: q === 0 ? (i % 11) : 1 + ((i + q) % 5) })) });
      }
      cursor = page.nextCursor ?? '';
    } while (cursor);
    expect(queue).toHaveLength(PEOPLE);
  }

  async function post(submission: Submission): Promise<Attempt> {
    const start = performance.now();
    try {
      const response = await fetch(`${service.baseUrl}/api/v1/responses/${submission.token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ submissionId: submission.submissionId, answers: submission.answers }),
      });
      const contentType = response.headers.get('content-type') ?? '';
      const body = (contentType.includes('json') ? await response.json() : await response.text()) as { type?: string };
      return { token: submission.token, start, end: performance.now(), status: response.status, type: body?.type, contentType };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      return { token: submission.token, start, end: performance.now(), status: `network ${cause?.code ?? (error as Error).message}` };
    }
  }

  /** Submits until a 2xx, retrying the same submission after errors; gives up only on a client error or after `deadline`. */
  async function submitUntilAccepted(submission: Submission, deadline: number): Promise<void> {
    for (;;) {
      const attempt = await post(submission);
      attempts.push(attempt);
      if (typeof attempt.status === 'number' && attempt.status < 300) {
        accepted.set(submission.token, (accepted.get(submission.token) ?? 0) + 1);
        return;
      }
      if (typeof attempt.status === 'number' && attempt.status < 500) return;
      if (performance.now() > deadline) return;
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  }

  /** CLIENTS clients take submissions from the queue while `more()` holds, each finishing (retrying) the one it took. */
  function burst(more: () => boolean, deadline: () => number): Promise<void[]> {
    return Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (more() && queue.length > 0) await submitUntilAccepted(queue.shift()!, deadline());
      }),
    );
  }

  async function status(path: string): Promise<number | string> {
    return fetch(`${service.baseUrl}${path}`).then(
      (r) => r.status,
      (e: Error & { cause?: { code?: string } }) => `network ${e.cause?.code ?? e.message}`,
    );
  }

  /**
   * Sends a signal to the postmaster of the data folder and waits until it has gone: SIGINT is a
   * fast shutdown, SIGQUIT an immediate one (no checkpoint: the next start recovers from the WAL).
   */
  async function stopPostmaster(signal: 'SIGINT' | 'SIGQUIT'): Promise<void> {
    const pidFile = join(dataDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    for (let i = 0; i < 200; i++) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`PostgreSQL (pid ${pid}) did not stop on ${signal}`);
  }

  /** What is stored for the round, straight from PostgreSQL. */
  async function stored() {
    const { rows } = await sql.query(
      `SELECT (SELECT count(*) FROM survey_responses WHERE round_id = $1)::int AS responses,
              (SELECT count(*) FROM survey_invitations WHERE round_id = $1 AND responded_on IS NOT NULL)::int AS responded,
              (SELECT count(*) FROM survey_receipts WHERE round_id = $1)::int AS receipts,
              (SELECT count(*) FROM survey_receipts WHERE round_id = $1 AND pending IS NOT NULL)::int AS pending,
              (SELECT coalesce(sum(respondents), 0) FROM survey_segment_counts WHERE round_id = $1)::int AS counted,
              (SELECT coalesce(sum(answered), 0) FROM survey_rollups WHERE round_id = $1 AND question_id = $2)::int AS rolled_up,
              (SELECT count(*) FROM survey_answers a JOIN survey_responses r ON r.tenant_id = a.tenant_id AND r.id = a.response_id WHERE r.round_id = $1)::int AS answers`,
      [roundId, questionIds[0]],
    );
    return rows[0] as { responses: number; responded: number; receipts: number; pending: number; counted: number; rolled_up: number; answers: number };
  }

  function expectConsistent(state: Awaited<ReturnType<typeof stored>>, count: number): void {
    expect(state).toEqual({ responses: count, responded: count, receipts: count, pending: 0, counted: count, rolled_up: count, answers: count * questionIds.length });
  }

  it('keeps every acknowledged submission once and lets every client finish, across a fast and an immediate stop', async () => {
    const outages: { from: number; to: number; ready: (number | string)[]; live: (number | string)[]; recoveredInMs: number }[] = [];
    let running = true;
    const clients = burst(
      () => running,
      () => performance.now() + 60_000,
    );
    for (const signal of ['SIGINT', 'SIGQUIT'] as const) {
      await new Promise((r) => setTimeout(r, 1000));
      const from = performance.now();
      // The handle's own stop() is the fast shutdown; after SIGQUIT the handle is left behind.
      if (signal === 'SIGINT') await postgres.stop();
      else await stopPostmaster(signal);
      const ready: (number | string)[] = [];
      const live: (number | string)[] = [];
      for (let i = 0; i < 4; i++) {
        ready.push(await status('/health/ready'));
        live.push(await status('/health/live'));
        await new Promise((r) => setTimeout(r, 300));
      }
      postgres = await startEmbeddedPostgres({ dataDir, port: pgPort });
      const to = performance.now();
      const recoveredInMs = await waitFor200(`${service.baseUrl}/health/ready`, 10_000, service);
      outages.push({ from, to, ready, live, recoveredInMs });
    }
    await new Promise((r) => setTimeout(r, 1000));
    running = false;
    await clients;

    expect(service.child.exitCode).toBeNull();
    for (const outage of outages) {
      expect(outage.ready).toEqual([503, 503, 503, 503]);
      expect(outage.live).toEqual([200, 200, 200, 200]);
      expect(outage.recoveredInMs).toBeLessThan(5000);
    }
    // The burst really was under way during both outages, and was hit by them.
    for (const outage of outages) {
      expect(attempts.filter((a) => a.start >= outage.from && a.start <= outage.to && a.status === 503).length).toBeGreaterThan(0);
    }
    // Every error was a clean 503 problem saying the database is unavailable: no 500, no dropped connection.
    const failed = attempts.filter((a) => a.status !== 201);
    expect(failed.filter((a) => a.status !== 503 || a.type !== '/problems/common.database_unavailable' || !a.contentType?.startsWith('application/problem+json'))).toEqual([]);
    // Every client that started a submission finished it, once; and PostgreSQL holds exactly those.
    const tried = new Set(attempts.map((a) => a.token));
    expect([...tried].filter((token) => !accepted.has(token))).toEqual([]);
    expect([...accepted.values()].every((n) => n === 1)).toBe(true);
    const retried = new Set(failed.map((a) => a.token));
    expect(retried.size).toBeGreaterThan(0);
    expectConsistent(await stored(), accepted.size);
    console.info(
      `database outage: ${accepted.size} submissions stored once; ${attempts.length} attempts, ${failed.length} answered 503 ` +
        `(${retried.size} clients retried); ready again ${outages.map((o) => `${o.recoveredInMs} ms`).join(' and ')} after PostgreSQL was back`,
    );
  }, 120_000);

  it('finishes in-flight submissions on SIGTERM, loses nothing acknowledged, and lets the refused finish after a restart', async () => {
    const before = accepted.size;
    let running = true;
    let deadline = performance.now() + 60_000;
    const clients = burst(
      () => running,
      () => deadline,
    );
    await new Promise((r) => setTimeout(r, 1000));
    const signalledAt = performance.now();
    service.child.kill('SIGTERM');
    // Clients go on taking new submissions while the service stops: those are refused, and retried.
    expect(await service.exited).toBe(0);
    const stoppedAt = performance.now();
    running = false;

    // Requests that were in flight when the signal came were answered, and what was acknowledged is stored.
    const inFlight = attempts.filter((a) => a.start < signalledAt && a.end > signalledAt);
    expect(inFlight.filter((a) => a.status === 201).length).toBeGreaterThan(0);
    // A request the stopping service refused was refused whole: no connection, or a 503 problem.
    const refused = attempts.filter((a) => a.end > signalledAt && a.status !== 201);
    expect(refused.filter((a) => typeof a.status === 'number' && (a.status !== 503 || !a.contentType?.startsWith('application/problem+json')))).toEqual([]);
    const acknowledged = accepted.size;
    expectConsistent(await stored(), acknowledged);

    // The clients still retrying reach the restarted service and finish, each exactly once.
    service = startService(env());
    await waitFor200(`${service.baseUrl}/health/ready`, 30_000, service);
    deadline = performance.now() + 30_000;
    await clients;
    const tried = new Set(attempts.map((a) => a.token));
    expect([...tried].filter((token) => !accepted.has(token))).toEqual([]);
    expect([...accepted.values()].every((n) => n === 1)).toBe(true);
    expectConsistent(await stored(), accepted.size);
    console.info(
      `SIGTERM mid-burst: ${acknowledged - before} acknowledged before the process exited (${inFlight.length} in flight at the signal), ` +
        `refused: ${JSON.stringify(Object.fromEntries([...new Set(refused.map((a) => a.status))].map((s) => [s, refused.filter((a) => a.status === s).length])))}, ` +
        `${accepted.size - acknowledged} finished after the restart; stopped in ${Math.round(stoppedAt - signalledAt)} ms`,
    );
  }, 120_000);
});
