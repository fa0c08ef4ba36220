// What row-level security costs (docs/tenancy.md). Two builds of the service run side by side, each
// on a fresh database of the server DATABASE_ADMIN_URL names (TANDEM_DISTS, comma-separated: the
// build before and the build after, e.g. a `git archive` of the parent commit built into /tmp).
// The same requests go to both in alternating small batches, so the load of a shared machine,
// which drifts more than the difference, weighs on both alike:
//  - a hot read: GET /api/v1/employees (20 a page), one request at a time and 10 at a time;
//  - survey submissions: POST /api/v1/responses/{token} with 10 answers, one at a time.
//
//   DATABASE_ADMIN_URL=postgres://postgres:postgres@127.0.0.1:54465/postgres \
//   TANDEM_DISTS=/tmp/before/dist,dist node bench/row-security.mjs
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import pg from 'pg';

const ADMIN_URL = process.env.DATABASE_ADMIN_URL;
const DISTS = (process.env.TANDEM_DISTS ?? 'dist').split(',').map((dist) => resolve(dist));
const FIRST_PORT = Number(process.env.BENCH_PORT ?? 3790);
const EMPLOYEES = 1_500;
const BATCHES = 12;
const READS_PER_BATCH = 50;
const SUBMISSIONS_PER_BATCH = 25;
const OPERATOR_KEY = `bench-operator-${randomUUID()}`;

if (!ADMIN_URL) throw new Error('Set DATABASE_ADMIN_URL to a PostgreSQL server where scratch databases may be created');

const round = (x) => Math.round(x * 100) / 100;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.floor(sorted.length / 2)]);
};
const p95 = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]);
};

async function call(base, method, path, key, body, expected = [200, 201]) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!expected.includes(response.status)) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/** Starts one build on its own database and gives it an organisation with a survey round to answer. */
async function startService(admin, dist, port, services) {
  const database = `bench_rls_${port}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const child = spawn(process.execPath, [`${dist}/src/main.js`], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: url.toString(),
      TANDEM_OPERATOR_KEY: OPERATOR_KEY,
      JOBS_ENABLED: 'false',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_LOGIN_PER_MINUTE: '0',
      RATE_LIMIT_PUBLIC_PER_MINUTE: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const service = { dist, base, database, child, reads: { one: [], ten: [] }, submissions: [] };
  services.push(service);
  for (let i = 0; ; i++) {
    if ((await fetch(`${base}/health/ready`).then((r) => r.status, () => 0)) === 200) break;
    if (child.exitCode !== null || i > 600) throw new Error(`${dist} did not become ready`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const created = await call(base, 'POST', '/api/v1/tenants', OPERATOR_KEY, { name: 'Bench' });
  service.key = created.apiKey.key;
  const units = Array.from({ length: 20 }, (_, u) => ({ externalId: `U${u}`, name: `Team ${u}`, kind: 'team' }));
  await call(base, 'PUT', '/api/v1/units/bulk', service.key, { items: units });
  const people = Array.from({ length: EMPLOYEES }, (_, i) => ({
    externalId: `E${i}`,
    firstName: `First${i}`,
    lastName: `Last${i}`,
    stage: 'engage',
    unitExternalId: `U${i % 20}`,
    startDate: '2020-03-01',
  }));
  await call(base, 'PUT', '/api/v1/employees/bulk', service.key, { items: people });
  const bank = (await call(base, 'GET', '/api/v1/survey-questions?limit=200', service.key)).items;
  service.questionIds = bank.filter((q) => q.type === 'likert5').slice(0, 10).map((q) => q.id);
  const survey = await call(base, 'POST', '/api/v1/surveys', service.key, { name: 'Bench pulse', kind: 'adhoc', questionIds: service.questionIds });
  const opened = await call(base, 'POST', `/api/v1/surveys/${survey.id}/rounds`, service.key);
  service.tokens = [];
  for (let cursor; ; ) {
    const page = await call(base, 'GET', `/api/v1/surveys/${survey.id}/rounds/${opened.id}/invitations?limit=200${cursor ? `&cursor=${cursor}` : ''}`, service.key);
    service.tokens.push(...page.items.map((item) => item.token));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return service;
}

const read = (service) => call(service.base, 'GET', '/api/v1/employees?limit=20', service.key);
const submit = (service) =>
  call(service.base, 'POST', `/api/v1/responses/${service.tokens.pop()}`, service.key, {
    submissionId: randomUUID(),
    answers: service.questionIds.map((questionId, q) => ({ questionId, value: 1 + (q % 5) })),
  });

/** Runs `work` `amount` times, `parallel` at a time, adding each call's latency (ms) to `into`. */
async function timed(amount, parallel, work, into) {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next++ < amount) {
        const t0 = performance.now();
        await work();
        into.push(performance.now() - t0);
      }
    }),
  );
}

async function main() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const services = [];
  try {
    for (const [i, dist] of DISTS.entries()) await startService(admin, dist, FIRST_PORT + i, services);
    for (const service of services) {
      await timed(100, 4, () => read(service), []);
      await timed(40, 4, () => submit(service), []);
    }
    const loads = [loadavg()[0]];
    for (let batch = 0; batch < BATCHES; batch++) {
      // Alternate who goes first, so neither build always runs just after the other.
      const order = batch % 2 === 0 ? services : [...services].reverse();
      for (const service of order) {
        await timed(READS_PER_BATCH, 1, () => read(service), service.reads.one);
        await timed(READS_PER_BATCH, 10, () => read(service), service.reads.ten);
        await timed(SUBMISSIONS_PER_BATCH, 1, () => submit(service), service.submissions);
      }
      loads.push(loadavg()[0]);
    }
    console.log(`load average (1 min) during the run: ${round(Math.min(...loads))}–${round(Math.max(...loads))} on ${(await import('node:os')).cpus().length} cores`);
    console.log('build | read, 1 at a time: median / p95 ms | read, 10 at a time: median / p95 ms | submission, 1 at a time: median / p95 ms');
    for (const s of services) {
      console.log(
        `${s.dist} | ${median(s.reads.one)} / ${p95(s.reads.one)} | ${median(s.reads.ten)} / ${p95(s.reads.ten)} | ${median(s.submissions)} / ${p95(s.submissions)}`,
      );
    }
  } finally {
    for (const service of services) {
      service.child.kill('SIGTERM');
      if (service.child.exitCode === null) await new Promise((r) => service.child.once('exit', r));
      await admin.query(`DROP DATABASE IF EXISTS ${service.database} WITH (FORCE)`);
    }
    await admin.end();
  }
}

await main();
