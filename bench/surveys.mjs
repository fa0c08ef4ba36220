// Survey benchmarks (issue 11), run by bench/run.mjs against the same embedded PostgreSQL and the
// same Tandem process:
//  1. submitting a 10-question response through the full HTTP stack, beside a raw-pg baseline that
//     inserts the same response and answer rows in one transaction per submission;
//  2. reading results of one survey holding 1,000,000 responses (10 rounds of 100,000), beside the
//     raw SQL a minimal results read needs (one aggregate over the round's rollups) and the naive
//     alternative (aggregating the round's raw answers).
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { api, stats } from './lib.mjs';

const EMPLOYEES = Number(process.env.BENCH_SURVEY_EMPLOYEES ?? 14_000);
const SUBMISSIONS = Number(process.env.BENCH_SURVEY_SUBMISSIONS ?? 4_000);
const WARMUP = 500;
const ROUNDS = 10;
const RESPONSES_PER_ROUND = Number(process.env.BENCH_SURVEY_RESPONSES_PER_ROUND ?? 100_000);
const READS = 200;
const CONNECTIONS = 50;
/** Tandem's pool size (src/database/data-source.ts); the baseline gets the same. */
const POOL = 10;

/** A tenant with 10 departments × 20 teams and `employees` people spread over them; returns its key and ids. */
export async function organisation(baseUrl, operatorKey, employees = EMPLOYEES) {
  const created = await (
    await fetch(`${baseUrl}/api/v1/tenants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operatorKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Surveys ${Date.now()}` }),
    })
  ).json();
  const key = created.apiKey.key;
  const units = [];
  for (let d = 0; d < 10; d++) {
    units.push({ externalId: `D${d}`, name: `Department ${d}`, kind: 'department' });
    for (let t = 0; t < 20; t++) units.push({ externalId: `D${d}T${t}`, name: `Team ${d}.${t}`, kind: 'team', parentExternalId: `D${d}` });
  }
  await api(baseUrl, key, 'PUT', '/api/v1/units/bulk', { items: units });
  const locations = ['Lyon', 'Paris', 'Berlin', 'Austin', 'Lisbon'];
  const stages = ['onboard', 'engage', 'perform', 'develop'];
  for (let offset = 0; offset < employees; offset += 5_000) {
    const items = [];
    for (let i = offset; i < Math.min(employees, offset + 5_000); i++) {
      const d = i % 10;
      items.push({
        externalId: `S${i}`,
        firstName: `First${i}`,
        lastName: `Last${i}`,
        stage: stages[i % 4],
        unitExternalId: `D${d}T${Math.floor(i / 10) % 20}`,
        location: locations[d % 5],
        startDate: `20${String(15 + (i % 11)).padStart(2, '0')}-0${1 + (i % 9)}-10`,
      });
    }
    await api(baseUrl, key, 'PUT', '/api/v1/employees/bulk', { items });
  }
  const bank = await api(baseUrl, key, 'GET', '/api/v1/survey-questions?limit=200');
  const enps = bank.items.find((q) => q.type === 'enps').id;
  const likert = ['growth', 'recognition', 'engagement'].flatMap((driver) => bank.items.filter((q) => q.driverKey === driver).map((q) => q.id));
  return { key, tenantId: created.tenant.id, questionIds: [enps, ...likert] };
}

export function answersFor(questionIds, i) {
  return questionIds.map((questionId, q) => ({ questionId, value: q === 0 ? i % 11 : 1 + ((i + q) % 5) }));
}

/** Tandem: POST /api/v1/responses/{token}, each with its own link, CONNECTIONS at a time. */
async function tandemSubmissions(baseUrl, tokens, questionIds, amount) {
  let next = 0;
  let failure = null;
  const result = await autocannon({
    url: baseUrl,
    connections: CONNECTIONS,
    amount,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          const i = next++;
          return { ...request, path: `/api/v1/responses/${tokens[i]}`, body: JSON.stringify({ submissionId: randomUUID(), answers: answersFor(questionIds, i) }) };
        },
        onResponse: (status, body) => {
          if (status >= 300 && !failure) failure = `${status} ${body}`;
        },
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`submissions: ${result.non2xx} non-2xx, ${result.errors} errors; first: ${failure}`);
  tokens.splice(0, amount);
  // A fixed amount of requests: submissions over the run's duration (autocannon's per-second average rounds to whole seconds).
  return { rps: amount / result.duration, p50: result.latency.p50, p99: result.latency.p99 };
}

/** The raw baseline's submission: the response and its answer rows in one transaction. */
export async function rawSubmit(client, tenantId, roundId, answers) {
  await client.query('BEGIN');
  const id = randomUUID();
  await client.query(
    `INSERT INTO survey_responses (tenant_id, id, round_id, submitted_on, unit_id, tenure_phase, stage, location, locale, reply_key_hash)
     VALUES ($1, $2, $3, current_date, NULL, 'ongoing_development', 'engage', 'Lyon', 'en', $4)`,
    [tenantId, id, roundId, randomUUID()],
  );
  await client.query(
    `INSERT INTO survey_answers (tenant_id, response_id, question_id, value)
     SELECT $1, $2, unnest($3::uuid[]), unnest($4::smallint[])`,
    [tenantId, id, answers.map((a) => a.questionId), answers.map((a) => a.value)],
  );
  await client.query('COMMIT');
}

/** Baseline: the same response and answer rows, one transaction per submission, CONNECTIONS callers on a pool of POOL. */
async function rawSubmissions(pool, tenantId, roundId, questionIds, amount) {
  let next = 0;
  const latencies = [];
  const started = performance.now();
  async function worker() {
    while (next < amount) {
      const i = next++;
      const t0 = performance.now();
      const client = await pool.connect();
      try {
        await rawSubmit(client, tenantId, roundId, answersFor(questionIds, i));
      } finally {
        client.release();
      }
      latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const seconds = (performance.now() - started) / 1000;
  const s = stats(latencies);
  return { rps: amount / seconds, p50: s.median, p99: s.p99 };
}

/** Every link of a round, through the HR route. */
export async function allTokens(baseUrl, key, surveyId, roundId) {
  const tokens = [];
  let cursor = '';
  do {
    const page = await api(baseUrl, key, 'GET', `/api/v1/surveys/${surveyId}/rounds/${roundId}/invitations?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    tokens.push(...page.items.map((i) => i.token));
    cursor = page.nextCursor ?? '';
  } while (cursor);
  return tokens;
}

/**
 * Fills a second survey with ROUNDS × RESPONSES_PER_ROUND responses straight in SQL (answers
 * included), and builds its rollups the way submissions keep them.
 */
async function seedMillion(client, tenantId, surveyId, templateRoundId) {
  await client.query(
    `INSERT INTO survey_rounds (tenant_id, id, survey_id, number, period, opened_at, closes_at, closed_at, questions, invited_count, created_at)
     SELECT $1, gen_random_uuid(), $2, n, NULL, now() - (($3 - n) * interval '30 days') - interval '2 days',
            now() - (($3 - n) * interval '30 days') + interval '5 days',
            -- The latest round is still open (live results); the others closed long ago (settled).
            CASE WHEN n = $3 THEN NULL ELSE now() - (($3 - n) * interval '30 days') + interval '5 days' END, t.questions, $4, now()
     FROM generate_series(1, $3) n, (SELECT questions FROM survey_rounds WHERE tenant_id = $1 AND id = $5) t`,
    [tenantId, surveyId, ROUNDS, RESPONSES_PER_ROUND, templateRoundId],
  );
  const { rows: teams } = await client.query(`SELECT id, external_id FROM units WHERE tenant_id = $1 AND kind = 'team' ORDER BY external_id`, [tenantId]);
  const { rows: rounds } = await client.query(`SELECT id FROM survey_rounds WHERE tenant_id = $1 AND survey_id = $2 ORDER BY number`, [tenantId, surveyId]);
  const locations = ['Lyon', 'Paris', 'Berlin', 'Austin', 'Lisbon'];
  for (const round of rounds) {
    await client.query(
      `INSERT INTO survey_responses (tenant_id, id, round_id, submitted_on, unit_id, tenure_phase, stage, location, locale, reply_key_hash)
       SELECT $1, gen_random_uuid(), $2::uuid, current_date, ($3::uuid[])[1 + g % 200],
              (ARRAY['onboarding', 'initial_development', 'ongoing_development'])[1 + (g / 200) % 3],
              (ARRAY['onboard', 'engage', 'perform', 'develop'])[1 + (g / 600) % 4],
              ($4::text[])[1 + ((g % 200) / 20) % 5], 'en', md5($2::uuid::text || g)
       FROM generate_series(1, $5) g`,
      [tenantId, round.id, teams.map((t) => t.id), locations, RESPONSES_PER_ROUND],
    );
    await client.query(
      `INSERT INTO survey_answers (tenant_id, response_id, question_id, value)
       SELECT r.tenant_id, r.id, q.id,
              CASE WHEN q.type = 'enps' THEN floor(random() * 11) ELSE 1 + floor(random() * 5) END
       FROM survey_responses r,
            (SELECT (x->>'id')::uuid AS id, x->>'type' AS type FROM survey_rounds, jsonb_array_elements(questions) x WHERE tenant_id = $1 AND id = $2) q
       WHERE r.tenant_id = $1 AND r.round_id = $2`,
      [tenantId, round.id],
    );
    const segment = `coalesce(r.unit_id::text, '') || '|' || coalesce(r.tenure_phase, '') || '|' || coalesce(r.stage, '') || '|' || coalesce(r.location, '')`;
    await client.query(
      `INSERT INTO survey_segment_counts (tenant_id, round_id, segment_key, unit_id, tenure_phase, stage, location, respondents)
       SELECT $1, $2, ${segment}, r.unit_id, r.tenure_phase, r.stage, r.location, count(*)
       FROM survey_responses r WHERE r.tenant_id = $1 AND r.round_id = $2
       GROUP BY r.unit_id, r.tenure_phase, r.stage, r.location`,
      [tenantId, round.id],
    );
    await client.query(
      `INSERT INTO survey_rollups (tenant_id, round_id, segment_key, question_id, answered, total, histogram)
       SELECT $1, $2, ${segment}, a.question_id, count(*), sum(a.value),
              ARRAY[${Array.from({ length: 11 }, (_, v) => `count(*) FILTER (WHERE a.value = ${v})`).join(', ')}]
       FROM survey_answers a JOIN survey_responses r ON r.tenant_id = a.tenant_id AND r.id = a.response_id
       WHERE r.tenant_id = $1 AND r.round_id = $2
       GROUP BY r.unit_id, r.tenure_phase, r.stage, r.location, a.question_id`,
      [tenantId, round.id],
    );
  }
  await client.query('ANALYZE survey_responses, survey_answers, survey_segment_counts, survey_rollups');
  return { latestRoundId: rounds.at(-1).id, settledRoundId: rounds.at(-2).id };
}

async function timeReads(run) {
  const times = [];
  for (let i = 0; i < READS; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return stats(times);
}

export async function benchSurveys({ baseUrl, operatorKey, databaseUrl, runs, sampleRss }) {
  const org = await organisation(baseUrl, operatorKey);
  const survey = await api(baseUrl, org.key, 'POST', '/api/v1/surveys', { name: 'Bench pulse', kind: 'adhoc', questionIds: org.questionIds, windowDays: 30 });
  const round = await api(baseUrl, org.key, 'POST', `/api/v1/surveys/${survey.id}/rounds`);
  const tokens = await allTokens(baseUrl, org.key, survey.id, round.id);
  if (tokens.length < WARMUP + runs * SUBMISSIONS) throw new Error(`only ${tokens.length} links for ${WARMUP + runs * SUBMISSIONS} submissions`);

  const pool = new pg.Pool({ connectionString: databaseUrl, max: POOL });
  const submit = { tandem: [], raw: [] };
  let peakRss = 0;
  try {
    await tandemSubmissions(baseUrl, tokens, org.questionIds, WARMUP);
    await rawSubmissions(pool, org.tenantId, round.id, org.questionIds, WARMUP);
    for (let run = 0; run < runs; run++) {
      submit.tandem.push(await tandemSubmissions(baseUrl, tokens, org.questionIds, SUBMISSIONS));
      peakRss = Math.max(peakRss, sampleRss());
      submit.raw.push(await rawSubmissions(pool, org.tenantId, round.id, org.questionIds, SUBMISSIONS));
      console.log('submissions run', run, JSON.stringify({ tandem: submit.tandem.at(-1), raw: submit.raw.at(-1) }));
    }

    const big = await api(baseUrl, org.key, 'POST', '/api/v1/surveys', { name: 'Bench million', kind: 'adhoc', questionIds: org.questionIds });
    const client = await pool.connect();
    let seeded;
    const seedStarted = performance.now();
    try {
      seeded = await seedMillion(client, org.tenantId, big.id, round.id);
    } finally {
      client.release();
    }
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const { rows: departments } = await pool.query(`SELECT id FROM units WHERE tenant_id = $1 AND external_id = 'D3'`, [org.tenantId]);
    const reads = {
      company: () => api(baseUrl, org.key, 'GET', `/api/v1/surveys/${big.id}/results`),
      settled: () => api(baseUrl, org.key, 'GET', `/api/v1/surveys/${big.id}/results?roundId=${seeded.settledRoundId}`),
      heatmap: () => api(baseUrl, org.key, 'GET', `/api/v1/surveys/${big.id}/results?groupBy=unit`),
      department: () => api(baseUrl, org.key, 'GET', `/api/v1/surveys/${big.id}/results?unitId=${departments[0].id}&groupBy=location`),
      rawRollups: () =>
        pool.query(
          `SELECT question_id, sum(answered), sum(total) FROM survey_rollups WHERE tenant_id = $1 AND round_id = $2 GROUP BY question_id`,
          [org.tenantId, seeded.latestRoundId],
        ),
      rawAnswers: () =>
        pool.query(
          `SELECT a.question_id, count(*), avg(a.value) FROM survey_answers a JOIN survey_responses r ON r.tenant_id = a.tenant_id AND r.id = a.response_id
           WHERE r.tenant_id = $1 AND r.round_id = $2 GROUP BY a.question_id`,
          [org.tenantId, seeded.latestRoundId],
        ),
    };
    const latency = {};
    for (const [name, run] of Object.entries(reads)) {
      await run(); // warm
      latency[name] = name === 'rawAnswers' ? await timeReadsFew(run) : await timeReads(run);
      peakRss = Math.max(peakRss, sampleRss());
      console.log('results', name, JSON.stringify(latency[name]));
    }
    return { submit, latency, seedSeconds, peakRss };
  } finally {
    await pool.end();
  }
}

/** The naive scan takes seconds a read: 10 reads are enough to show it. */
async function timeReadsFew(run) {
  const times = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return stats(times);
}

export function surveysReport({ submit, latency, seedSeconds, peakRss }, runs) {
  const fmt = (s, digits = 0) => `${s.min.toFixed(digits)} / **${s.median.toFixed(digits)}** / ${s.max.toFixed(digits)}`;
  const t = stats(submit.tandem.map((r) => r.rps));
  const r = stats(submit.raw.map((x) => x.rps));
  const tp99 = stats(submit.tandem.map((x) => x.p99));
  const rp99 = stats(submit.raw.map((x) => x.p99));
  const row = (name, what, s) => `| ${name} | ${what} | ${s.median.toFixed(1)} | **${s.p95.toFixed(1)}** | ${s.p99.toFixed(1)} |`;
  return [
    '## Surveys: answering and reading results',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench\` (\`bench/surveys.mjs\`).`,
    '',
    `**Submitting a 10-question response** (eNPS + 9 likert) through the full HTTP stack: ${SUBMISSIONS.toLocaleString('en')} submissions a run,`,
    `each on its own link, ${CONNECTIONS} at a time, ${runs} runs after a warm-up. Tandem validates, claims the link, writes the receipt, then in a`,
    'second transaction the response, answers, segment count and 10 rollups. The raw baseline inserts the same response and answer',
    `rows with pg, one transaction per submission, ${CONNECTIONS} callers on a pool of ${POOL} (Tandem's pool size). Figures are min / **median** / max.`,
    '',
    '| path | submissions/s | vs raw | p99 ms |',
    '|---|---|---|---|',
    `| Tandem \`POST /api/v1/responses/{token}\` | ${fmt(t)} | **${Math.round((t.median / r.median) * 100)} %** (goal ≥ 50 %) | ${fmt(tp99)} |`,
    `| raw pg, same rows, one transaction | ${fmt(r)} | 100 % | ${fmt(rp99)} |`,
    '',
    `**Results of one survey over ${(ROUNDS * RESPONSES_PER_ROUND).toLocaleString('en')} responses** (${ROUNDS} rounds of ${RESPONSES_PER_ROUND.toLocaleString('en')}, answers included;`,
    `200 teams in 10 departments, 5 locations, 3 tenure phases, 4 stages; seeded in SQL in ${Math.round(seedSeconds)} s). ${READS} sequential reads of the latest round`,
    '(10 for the raw-answers scan). The latest round is open (live results), the others closed long ago. Latency in ms:',
    '',
    '| read | what | median | p95 | p99 |',
    '|---|---|---|---|---|',
    row('Tandem, company, open round', '`GET …/results` (with the previous round for changes, priorities over departments)', latency.company),
    row('Tandem, heatmap, open round', '`GET …/results?groupBy=unit`', latency.heatmap),
    row('Tandem, one department by location, open round', '`GET …/results?unitId=…&groupBy=location`', latency.department),
    row('Tandem, company, settled round', '`GET …/results?roundId=…` of the round before (per-unit tallies kept in memory)', latency.settled),
    row('raw SQL over rollups', 'one aggregate of the open round’s rollup rows, no guard, no HTTP', latency.rawRollups),
    row('raw SQL over answers', 'aggregating the round’s 1,000,000 raw answers (what rollups avoid)', latency.rawAnswers),
    '',
    `Goal: p95 ≤ 100 ms. Peak RSS of the Tandem process during these scenarios: **${peakRss} MB**.`,
  ].join('\n');
}
