// The load scenario (issue 12), run by bench/run.mjs (BENCH_ONLY=load) against the same embedded
// PostgreSQL and Tandem process: EMPLOYEES simulated employees answer a live survey round (each
// opens their link, then submits), while LEADERS leaders pull reports (the round's results, the
// heatmap by unit, the EX → CX linkage over a year of history), all at once, in a closed loop with
// no think time. The raw baseline runs the same mix of work with the same concurrency from this
// process, straight on a pg pool of Tandem's size (no HTTP, no validation, no anonymity rules):
// the link's row, the response and answer rows in one transaction, one aggregate over the round's
// rollups, the same by unit, and the hand-written linkage SQL of bench/ex-cx.mjs.
import { createHash, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { months, rawLinkage, seedHistory } from './ex-cx.mjs';
import { api, stats } from './lib.mjs';
import { allTokens, answersFor, organisation, rawSubmit } from './surveys.mjs';

const PEOPLE = Number(process.env.BENCH_LOAD_PEOPLE ?? 30_000);
const EMPLOYEES = Number(process.env.BENCH_LOAD_EMPLOYEES ?? 200);
const LEADERS = Number(process.env.BENCH_LOAD_LEADERS ?? 10);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 15);
const WARMUP_SECONDS = 3;
const HISTORY_RESPONSES = Number(process.env.BENCH_LOAD_HISTORY ?? 60_000);
const HISTORY_MONTHS = 12;
/** Tandem's pool size (src/database/data-source.ts); the baseline gets the same. */
const POOL = 10;
const LEADER_KINDS = ['results', 'heatmap', 'excx'];
const KINDS = ['form', 'submit', ...LEADER_KINDS];
const WHAT = {
  form: 'employee opens the link: `GET /api/v1/responses/{token}`',
  submit: 'employee submits 10 answers: `POST /api/v1/responses/{token}`',
  results: 'leader: `GET /api/v1/surveys/{id}/results` (live round)',
  heatmap: 'leader: `…/results?groupBy=unit` (heatmap, live round)',
  excx: 'leader: `GET /api/v1/reports/ex-cx?exMeasure=enps&…` (12 months)',
};

/** An organisation of PEOPLE in 200 teams, a live round of a 10-question survey with every link, and a year of history with CSAT. */
async function seed(baseUrl, operatorKey, pool) {
  const org = await organisation(baseUrl, operatorKey, PEOPLE);
  const survey = await api(baseUrl, org.key, 'POST', '/api/v1/surveys', { name: 'Live pulse', kind: 'adhoc', questionIds: org.questionIds, windowDays: 30 });
  const round = await api(baseUrl, org.key, 'POST', `/api/v1/surveys/${survey.id}/rounds`);
  const tokens = await allTokens(baseUrl, org.key, survey.id, round.id);
  // The history is another survey's closed monthly rounds (the live round only lends its questions).
  const history = await api(baseUrl, org.key, 'POST', '/api/v1/surveys', { name: 'Monthly pulse', kind: 'adhoc', questionIds: org.questionIds });
  const periods = months(HISTORY_MONTHS);
  const client = await pool.connect();
  try {
    const { rows: teams } = await client.query(`SELECT id FROM units WHERE tenant_id = $1 AND kind = 'team' ORDER BY external_id`, [org.tenantId]);
    await seedHistory({
      baseUrl,
      key: org.key,
      client,
      tenantId: org.tenantId,
      surveyId: history.id,
      templateRoundId: round.id,
      teamIds: teams.map((t) => t.id),
      periods,
      responses: HISTORY_RESPONSES,
    });
  } finally {
    client.release();
  }
  return { ...org, surveyId: survey.id, roundId: round.id, tokens, from: periods[0], to: periods.at(-1), teams: 200 };
}

/** A request without credentials (the survey link is the credential); throws on anything but a 2xx. */
async function publicCall(baseUrl, method, path, body) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path.replace(/[A-Za-z0-9_-]{65}/, ':token')}: ${response.status} ${text.slice(0, 200)}`);
}

/**
 * One run: EMPLOYEES employee loops and LEADERS leader loops for `seconds`, with each request's
 * latency by kind. `work` holds the five kinds of request of one side.
 */
async function runMix(seconds, work, sampleRss) {
  const latencies = Object.fromEntries(KINDS.map((kind) => [kind, []]));
  const rss = [];
  let errors = 0;
  let firstError = null;
  const until = performance.now() + seconds * 1000;
  const timed = async (kind, call) => {
    const t0 = performance.now();
    try {
      await call();
      latencies[kind].push(performance.now() - t0);
    } catch (error) {
      errors += 1;
      firstError ??= error.message;
    }
  };
  let next = 0;
  const employee = async () => {
    while (performance.now() < until) {
      const person = work.person(next++);
      if (!person) return;
      await timed('form', () => work.form(person));
      await timed('submit', () => work.submit(person));
    }
  };
  const leader = async (l) => {
    for (let n = l; performance.now() < until; n++) {
      const kind = LEADER_KINDS[n % LEADER_KINDS.length];
      await timed(kind, work[kind]);
    }
  };
  const sampler = sampleRss ? setInterval(() => rss.push(sampleRss()), 500) : null;
  const started = performance.now();
  try {
    await Promise.all([...Array.from({ length: EMPLOYEES }, employee), ...Array.from({ length: LEADERS }, (_, l) => leader(l))]);
  } finally {
    if (sampler) clearInterval(sampler);
  }
  const elapsed = (performance.now() - started) / 1000;
  const kinds = Object.fromEntries(
    KINDS.map((kind) => {
      const s = latencies[kind].length > 0 ? stats(latencies[kind]) : { p50: NaN, p99: NaN };
      return [kind, { count: latencies[kind].length, rps: latencies[kind].length / elapsed, p50: s.p50, p99: s.p99 }];
    }),
  );
  const total = KINDS.reduce((sum, kind) => sum + latencies[kind].length, 0) / elapsed;
  return { kinds, total, errors, firstError, rss, elapsed };
}

export async function benchLoad({ baseUrl, operatorKey, databaseUrl, runs, sampleRss }) {
  const load = { before: loadavg()[0] };
  const pool = new pg.Pool({ connectionString: databaseUrl, max: POOL });
  try {
    const seedStarted = performance.now();
    const org = await seed(baseUrl, operatorKey, pool);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const linkage = `cxMetric=csat&from=${org.from}&to=${org.to}&lag=1`;
    const tokens = [...org.tokens];
    const tandem = {
      // Each employee answers once: a link is used up by its submission.
      person: (i) => (tokens.length > 0 ? { token: tokens.shift(), i } : null),
      form: ({ token }) => publicCall(baseUrl, 'GET', `/api/v1/responses/${token}`),
      submit: ({ token, i }) => publicCall(baseUrl, 'POST', `/api/v1/responses/${token}`, { submissionId: randomUUID(), answers: answersFor(org.questionIds, i) }),
      results: () => api(baseUrl, org.key, 'GET', `/api/v1/surveys/${org.surveyId}/results`),
      heatmap: () => api(baseUrl, org.key, 'GET', `/api/v1/surveys/${org.surveyId}/results?groupBy=unit`),
      excx: () => api(baseUrl, org.key, 'GET', `/api/v1/reports/ex-cx?exMeasure=enps&${linkage}`),
    };
    const raw = {
      // The raw side never marks a link used, so it can read any link again.
      person: (i) => ({ token: org.tokens[i % org.tokens.length], i }),
      form: ({ token }) =>
        pool.query(
          `SELECT i.id, i.responded_on, r.questions, r.closes_at, t.timezone, e.unit_id, e.stage, e.location, e.start_date
           FROM survey_invitations i
           JOIN survey_rounds r ON r.tenant_id = i.tenant_id AND r.id = i.round_id
           JOIN tenants t ON t.id = i.tenant_id
           JOIN employees e ON e.tenant_id = i.tenant_id AND e.id = i.employee_id
           WHERE i.tenant_id = $1 AND i.token_hash = $2`,
          [org.tenantId, createHash('sha256').update(token).digest('hex')],
        ),
      submit: async ({ i }) => {
        const client = await pool.connect();
        try {
          await rawSubmit(client, org.tenantId, org.roundId, answersFor(org.questionIds, i));
        } finally {
          client.release();
        }
      },
      results: () =>
        pool.query(`SELECT question_id, sum(answered), sum(total) FROM survey_rollups WHERE tenant_id = $1 AND round_id = $2 GROUP BY question_id`, [
          org.tenantId,
          org.roundId,
        ]),
      heatmap: () =>
        pool.query(
          `SELECT s.unit_id, r.question_id, sum(r.answered), sum(r.total)
           FROM survey_rollups r JOIN survey_segment_counts s ON s.tenant_id = r.tenant_id AND s.round_id = r.round_id AND s.segment_key = r.segment_key
           WHERE r.tenant_id = $1 AND r.round_id = $2 GROUP BY s.unit_id, r.question_id`,
          [org.tenantId, org.roundId],
        ),
      excx: () => rawLinkage(pool, { tenantId: org.tenantId, enpsQuestionId: org.questionIds[0], from: org.from, to: org.to }),
    };

    await runMix(WARMUP_SECONDS, tandem);
    await runMix(WARMUP_SECONDS, raw);
    load.measuring = loadavg()[0];
    const results = { tandem: [], raw: [] };
    // Alternating, so drift on the machine hits both sides alike.
    for (let run = 0; run < runs; run++) {
      results.tandem.push(await runMix(SECONDS, tandem, sampleRss));
      results.raw.push(await runMix(SECONDS, raw));
      const brief = (r) => ({ total: Math.round(r.total), submit: Math.round(r.kinds.submit.rps), errors: r.errors, rss: Math.max(...(r.rss.length ? r.rss : [0])) });
      console.log('load run', run, JSON.stringify({ tandem: brief(results.tandem.at(-1)), raw: brief(results.raw.at(-1)) }));
      if (results.tandem.at(-1).errors > 0) console.log('first Tandem error:', results.tandem.at(-1).firstError);
    }
    load.after = loadavg()[0];
    return { results, seedSeconds, load, linksLeft: tokens.length };
  } finally {
    await pool.end();
  }
}

export function loadReport({ results, seedSeconds, load, linksLeft }, runs) {
  const fmt = (values) => {
    const s = stats(values);
    // Leaders' reads come a few a second: one decimal below 10.
    const digits = s.median < 10 ? 1 : 0;
    return `${s.min.toFixed(digits)} / **${s.median.toFixed(digits)}** / ${s.max.toFixed(digits)}`;
  };
  const median = (values) => stats(values).median;
  const row = (kind) => {
    const t = results.tandem.map((r) => r.kinds[kind]);
    const r = results.raw.map((x) => x.kinds[kind]);
    const ratio = median(t.map((x) => x.rps)) / median(r.map((x) => x.rps));
    return (
      `| ${WHAT[kind]} | ${fmt(t.map((x) => x.rps))} | ${fmt(r.map((x) => x.rps))} | ${Math.round(ratio * 100)} % | ` +
      `${median(t.map((x) => x.p50)).toFixed(0)} / ${median(t.map((x) => x.p99)).toFixed(0)} | ${median(r.map((x) => x.p50)).toFixed(0)} / ${median(r.map((x) => x.p99)).toFixed(0)} |`
    );
  };
  const rss = results.tandem.flatMap((r) => r.rss);
  const errors = results.tandem.reduce((sum, r) => sum + r.errors, 0);
  const rawErrors = results.raw.reduce((sum, r) => sum + r.errors, 0);
  return [
    '## Load: 200 employees answering while leaders pull reports',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} by \`BENCH_ONLY=load npm run bench\` (\`bench/load.mjs\`); 1-minute load average ${load.before.toFixed(1)} before`,
    `seeding, ${load.measuring.toFixed(1)} when measuring began and ${load.after.toFixed(1)} at the end (2 cores shared with other work).`,
    `One organisation of ${PEOPLE.toLocaleString('en')} people in 200 teams (10 departments), a live round of a 10-question survey (eNPS + 9 likert)`,
    `with a link per person, and ${HISTORY_MONTHS} months of history (${HISTORY_RESPONSES.toLocaleString('en')} responses in SQL, CSAT per team and month; seeded in ${Math.round(seedSeconds)} s).`,
    `Each run: ${EMPLOYEES} employees, each opening a link and submitting its answers then taking the next link, and ${LEADERS} leaders cycling`,
    `through results, heatmap and EX → CX linkage, all at once for ${SECONDS} s, closed loop without think time; ${runs} runs a side after a warm-up,`,
    'Tandem and the raw baseline alternating. The baseline does the same mix straight on pg from the bench process with the same concurrency',
    `and Tandem's pool size (${POOL}): the link's row, the response and answer rows in one transaction (no link claim, receipt, rollups or`,
    'segment count), one aggregate over the live round’s rollups, the same by unit, and the hand-written linkage SQL over raw answers.',
    'Requests/s are min / **median** / max over the runs; latencies are medians over the runs.',
    '',
    '| request | Tandem req/s | raw req/s | Tandem / raw | Tandem p50 / p99 ms | raw p50 / p99 ms |',
    '|---|---|---|---|---|---|',
    ...KINDS.map(row),
    `| all requests | ${fmt(results.tandem.map((r) => r.total))} | ${fmt(results.raw.map((r) => r.total))} | ${Math.round((median(results.tandem.map((r) => r.total)) / median(results.raw.map((r) => r.total))) * 100)} % | | |`,
    '',
    `Failed requests: Tandem ${errors}, raw ${rawErrors}. RSS of the Tandem process, sampled every 0.5 s while it was under load: median`,
    `**${Math.round(median(rss))} MB**, peak **${Math.max(...rss)} MB** (goal: ≤ 300 MB).${linksLeft === 0 ? ' The links ran out before the last run ended.' : ''}`,
  ].join('\n');
}
