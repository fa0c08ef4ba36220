// npm run bench: measures Tandem beside raw baselines in the same run and writes the figures to
// docs/benchmarks.md. Every figure is a median of RUNS runs, reported with min and max, and as a
// ratio to its baseline, because absolute numbers on a shared 2-core machine move from run to run.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { startEmbeddedPostgres } from '../dist/src/database/embedded-postgres.js';
import { benchExCx, exCxReport } from './ex-cx.mjs';
import { benchLoad, loadReport } from './load.mjs';
import { benchSurveys, surveysReport } from './surveys.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 50;
const KEY = 'bench-bootstrap-key-0123456789abcdefghij';
const OPERATOR_KEY = 'bench-operator-key-0123456789abcdefghijkl';
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const IMPORT_BATCH = 10_000;
const root = process.cwd();
/** Ports, overridable so that benches of two checkouts on one machine do not collide. */
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54340);
const HTTP_PORT = Number(process.env.BENCH_HTTP_PORT ?? 3390);
const TANDEM_URL = `http://127.0.0.1:${HTTP_PORT}`;
const BASELINE_URL = `http://127.0.0.1:${HTTP_PORT + 1}`;
/** `BENCH_ONLY=foundation|import|surveys|excx|load` runs one part; by default all run. */
const wanted = (part) => !process.env.BENCH_ONLY || process.env.BENCH_ONLY === part;

const scenarios = [
  { name: 'Liveness (no database)', tandem: '/health/live', baseline: '/hello', auth: false },
  { name: 'Authenticated read: API key + tenant (2 queries)', tandem: '/api/v1/tenant', baseline: '/tenant', auth: true },
];

function spawnServer(script, env) {
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, script], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  child.output = () => output;
  return child;
}

async function waitReady(url) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never became ready`);
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024);
}

async function load(url, auth) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    headers: auth ? { authorization: `Bearer ${KEY}` } : {},
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted.at(-1) };
};

async function main() {
  const dataDir = join(root, '.data', 'bench-pg');
  await mkdir(join(root, '.data'), { recursive: true, mode: 0o755 });
  const pgServer = await startEmbeddedPostgres({ dataDir, port: PG_PORT, database: 'postgres' });
  const admin = new pg.Client({ connectionString: pgServer.adminUrl });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS bench WITH (FORCE)');
  await admin.query('CREATE DATABASE bench');
  await admin.end();
  const databaseUrl = pgServer.adminUrl.replace(/\/postgres$/, '/bench');

  const tandem = spawnServer('dist/src/main.js', {
    PORT: String(HTTP_PORT),
    DATABASE_URL: databaseUrl,
    TANDEM_BOOTSTRAP_KEY: KEY,
    TANDEM_OPERATOR_KEY: OPERATOR_KEY,
    // The load comes from one client address, which per-address rate limits exist to stop: off here
    // (0), as in the test app. The figures are the service's, not the limiter's.
    RATE_LIMIT_PUBLIC_PER_MINUTE: '0',
    RATE_LIMIT_LOGIN_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
  });
  const baseline = spawnServer('bench/baseline-server.mjs', { PORT: String(HTTP_PORT + 1), DATABASE_URL: databaseUrl });
  const results = [];
  let peakRss = 0;
  let importResult;
  let importPeakRss = 0;
  let surveysResult;
  let exCxResult;
  let loadResult;
  try {
    await waitReady(`${TANDEM_URL}/health/ready`);
    await waitReady(`${BASELINE_URL}/hello`);
    for (const scenario of wanted('foundation') ? scenarios : []) {
      const runs = { tandem: [], baseline: [] };
      // Warm both up, then alternate so drift on the machine hits both sides alike.
      await load(`${TANDEM_URL}${scenario.tandem}`, scenario.auth);
      await load(`${BASELINE_URL}${scenario.baseline}`, scenario.auth);
      for (let run = 0; run < RUNS; run++) {
        runs.tandem.push(await load(`${TANDEM_URL}${scenario.tandem}`, scenario.auth));
        peakRss = Math.max(peakRss, rssMb(tandem.pid));
        runs.baseline.push(await load(`${BASELINE_URL}${scenario.baseline}`, scenario.auth));
      }
      results.push({ scenario, runs });
      console.log(scenario.name, JSON.stringify(runs));
    }
    if (wanted('import')) {
      importResult = await benchImport(databaseUrl, () => {
        importPeakRss = Math.max(importPeakRss, rssMb(tandem.pid));
      });
    }
    if (wanted('surveys')) {
      surveysResult = await benchSurveys({
        baseUrl: TANDEM_URL,
        operatorKey: OPERATOR_KEY,
        databaseUrl,
        runs: RUNS,
        sampleRss: () => rssMb(tandem.pid),
      });
    }
    if (wanted('excx')) {
      exCxResult = await benchExCx({ baseUrl: TANDEM_URL, operatorKey: OPERATOR_KEY, databaseUrl, runs: RUNS, sampleRss: () => rssMb(tandem.pid) });
    }
    if (wanted('load')) {
      loadResult = await benchLoad({ baseUrl: TANDEM_URL, operatorKey: OPERATOR_KEY, databaseUrl, runs: RUNS, sampleRss: () => rssMb(tandem.pid) });
    }
  } catch (error) {
    console.error(tandem.output(), baseline.output());
    throw error;
  } finally {
    tandem.kill('SIGTERM');
    baseline.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    await pgServer.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  if (results.length > 0) writeReport(results, peakRss);
  if (importResult) writeImportReport(importResult, importPeakRss);
  if (surveysResult) writeSection('surveys', surveysReport(surveysResult, RUNS));
  if (exCxResult) writeSection('excx', exCxReport(exCxResult));
  if (loadResult) writeSection('load', loadReport(loadResult, RUNS));
}

/** Employees as an HRIS sends them: every 50th a manager, the others reporting to one. */
function employeeRows(count) {
  return Array.from({ length: count }, (_, i) => ({
    externalId: `E${i}`,
    firstName: `First${i}`,
    lastName: `Last${i}`,
    stage: 'engage',
    workEmail: `person${i}@example.com`,
    jobTitle: i % 50 === 0 ? 'Manager' : 'Associate',
    location: ['Lyon', 'Paris', 'Berlin', 'Austin'][i % 4],
    employmentType: 'full_time',
    startDate: `20${String(10 + (i % 15)).padStart(2, '0')}-0${1 + (i % 9)}-15`,
    ...(i % 50 === 0 ? {} : { managerExternalId: `E${i - (i % 50)}` }),
  }));
}

async function newTenant(name) {
  const response = await fetch(`${TANDEM_URL}/api/v1/tenants`, {
    method: 'POST',
    headers: { authorization: `Bearer ${OPERATOR_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  if (response.status !== 201) throw new Error(`tenant creation: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Tandem's bulk route, 10,000 rows a call, beside a raw COPY of the same rows into the same table. */
async function benchImport(databaseUrl, sampleRss) {
  const rows = employeeRows(IMPORT_ROWS);
  const runs = { tandem: [], copy: [] };
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    for (let run = 0; run < RUNS; run++) {
      const viaApi = await newTenant(`Import ${run} ${Date.now()}`);
      let started = performance.now();
      for (let offset = 0; offset < rows.length; offset += IMPORT_BATCH) {
        const response = await fetch(`${TANDEM_URL}/api/v1/employees/bulk`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${viaApi.apiKey.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ items: rows.slice(offset, offset + IMPORT_BATCH) }),
        });
        const body = await response.json();
        if (response.status !== 200 || body.summary.created !== Math.min(IMPORT_BATCH, rows.length - offset)) {
          throw new Error(`bulk import: ${response.status} ${JSON.stringify(body.summary ?? body)}`);
        }
        sampleRss();
      }
      runs.tandem.push(rows.length / ((performance.now() - started) / 1000));

      const viaCopy = await newTenant(`Copy ${run} ${Date.now()}`);
      const client = await pool.connect();
      const now = new Date().toISOString();
      started = performance.now();
      try {
        const csv = rows.map((r) =>
          [viaCopy.tenant.id, r.externalId, r.firstName, r.lastName, r.workEmail, r.jobTitle, r.location, r.employmentType, r.startDate, r.stage, now, 1].join(','),
        );
        await pipeline(
          Readable.from(csv.map((line) => `${line}\n`)),
          client.query(
            copyFrom(`COPY employees (tenant_id, external_id, first_name, last_name, work_email, job_title, location,
                      employment_type, start_date, stage, stage_changed_at, version) FROM STDIN WITH (FORMAT csv)`),
          ),
        );
      } finally {
        client.release();
      }
      runs.copy.push(rows.length / ((performance.now() - started) / 1000));
      console.log('import run', run, JSON.stringify({ tandem: runs.tandem.at(-1), copy: runs.copy.at(-1) }));
    }
  } finally {
    await pool.end();
  }
  return runs;
}

function writeImportReport(runs, peakRss) {
  const fmt = (s) => `${Math.round(s.min)} / **${Math.round(s.median)}** / ${Math.round(s.max)}`;
  const t = stats(runs.tandem);
  const c = stats(runs.copy);
  writeSection(
    'import',
    [
      '## HRIS import: employees through the bulk route',
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench\`: ${IMPORT_ROWS.toLocaleString('en')} employees (every 50th a manager of the next 49),`,
      `sent as ${Math.ceil(IMPORT_ROWS / IMPORT_BATCH)} sequential \`PUT /api/v1/employees/bulk\` calls of ${IMPORT_BATCH.toLocaleString('en')} rows into a fresh tenant, beside a raw`,
      '`COPY` of the same rows into `employees` (no manager references, no history rows) into another fresh tenant, in the same run.',
      `Tandem also writes one stage transition, one assignment and one domain event per employee and resolves managers. ${RUNS} runs each; min / **median** / max.`,
      '',
      '| path | rows/s | vs raw COPY |',
      '|---|---|---|',
      `| Tandem bulk route (validation, references, history, 1 transaction per call) | ${fmt(t)} | **${Math.round((t.median / c.median) * 100)} %** (goal ≥ 25 %) |`,
      `| raw \`COPY … FROM STDIN\` (pg-copy-streams) | ${fmt(c)} | 100 % |`,
      '',
      `Peak RSS of the Tandem process during the imports: **${peakRss} MB** (goal: ≤ 300 MB).`,
    ].join('\n'),
  );
}

function writeSection(name, body) {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const section = `${start}\n${body}\n${end}`;
  const file = join(root, 'docs', 'benchmarks.md');
  const header = '# Benchmarks\n\nRun \`npm run bench\` (it builds first). Each section is rewritten by its scenario; see \`bench/\`.\n';
  const current = existsSync(file) ? readFileSync(file, 'utf8') : header;
  const pattern = new RegExp(`${start}[\\s\\S]*${end}`);
  writeFileSync(file, pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}\n`);
  console.log(section);
}

function writeReport(results, peakRss) {
  const fmt = (s, digits = 0) => `${s.min.toFixed(digits)} / **${s.median.toFixed(digits)}** / ${s.max.toFixed(digits)}`;
  const rows = results.map(({ scenario, runs }) => {
    const t = stats(runs.tandem.map((r) => r.rps));
    const b = stats(runs.baseline.map((r) => r.rps));
    const tp99 = stats(runs.tandem.map((r) => r.p99));
    const bp99 = stats(runs.baseline.map((r) => r.p99));
    return `| ${scenario.name} | \`${scenario.tandem}\` | ${fmt(t)} | ${fmt(b)} | **${Math.round((t.median / b.median) * 100)} %** | ${fmt(tp99)} | ${fmt(bp99)} |`;
  });
  writeSection(
    'foundation',
    [
      '## Foundation: the request path',
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench\` on ${cpus().length} cores, Node ${process.version}, embedded PostgreSQL 18 with durable commits.`,
      `autocannon, ${CONNECTIONS} connections, ${DURATION} s per run, ${RUNS} runs per side after a warm-up, Tandem and baseline alternating. Figures are min / **median** / max.`,
      'The baseline is bare Fastify + pg running the same SQL (`bench/baseline-server.mjs`); Tandem is the built service (`node dist/src/main.js`) with JSON logging at `warn`.',
      '',
      '| scenario | route | Tandem req/s | baseline req/s | Tandem / baseline | Tandem p99 ms | baseline p99 ms |',
      '|---|---|---|---|---|---|---|',
      ...rows,
      '',
      `Peak RSS of the Tandem process under this load: **${peakRss} MB** (goal: ≤ 300 MB).`,
    ].join('\n'),
  );
}

await main();
