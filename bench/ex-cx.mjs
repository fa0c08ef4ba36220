// EX → CX linkage benchmark (issue 9), run by bench/run.mjs against the same embedded PostgreSQL
// and the same Tandem process: the linkage report over 500 units × 24 months backed by 1,000,000
// survey responses, beside the equivalent hand-written SQL over the raw answers (eNPS per unit and
// month from at least k answers, joined to CSAT a month later, Pearson r by corr()), in the same run.
import pg from 'pg';
import { api, stats } from './lib.mjs';

const DEPARTMENTS = 25;
const TEAMS_PER_DEPARTMENT = 20;
const MONTHS = 24;
const RESPONSES = Number(process.env.BENCH_EXCX_RESPONSES ?? 1_000_000);
const READS = Number(process.env.BENCH_EXCX_READS ?? 100);
const DRIVER_READS = Number(process.env.BENCH_EXCX_DRIVER_READS ?? 10);

/** `count` months `YYYY-MM`, oldest first, ending with the last month of the previous whole quarter. */
export function months(count = MONTHS) {
  const now = new Date();
  const lastQuarterEnd = Math.floor((now.getUTCFullYear() * 12 + now.getUTCMonth()) / 3) * 3 - 1;
  return Array.from({ length: count }, (_, i) => {
    const index = lastQuarterEnd - count + 1 + i;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

/**
 * A tenant with 25 departments × 20 teams (500 units), one survey of 10 questions (eNPS and three
 * drivers × 3), one round per month, RESPONSES responses with all their answers spread evenly over
 * teams and days, and CSAT per team and month (through the bulk route) that follows eNPS loosely.
 */
async function seed(baseUrl, operatorKey, pool) {
  const created = await (
    await fetch(`${baseUrl}/api/v1/tenants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operatorKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `EX-CX ${Date.now()}` }),
    })
  ).json();
  const key = created.apiKey.key;
  const tenantId = created.tenant.id;
  const units = [{ externalId: 'ACME', name: 'Acme', kind: 'company' }];
  for (let d = 0; d < DEPARTMENTS; d++) {
    units.push({ externalId: `D${d}`, name: `Department ${d}`, kind: 'department', parentExternalId: 'ACME' });
    for (let t = 0; t < TEAMS_PER_DEPARTMENT; t++) units.push({ externalId: `D${d}T${t}`, name: `Team ${d}.${t}`, kind: 'team', parentExternalId: `D${d}` });
  }
  await api(baseUrl, key, 'PUT', '/api/v1/units/bulk', { items: units });
  // One person, so that a round can open; the responses are seeded below.
  await api(baseUrl, key, 'PUT', '/api/v1/employees/bulk', {
    items: [{ externalId: 'P0', firstName: 'Pat', lastName: 'Doe', stage: 'engage', unitExternalId: 'D0T0', startDate: '2020-01-10' }],
  });
  const bank = await api(baseUrl, key, 'GET', '/api/v1/survey-questions?limit=200');
  const enps = bank.items.find((q) => q.type === 'enps').id;
  const likert = ['growth', 'recognition', 'engagement'].flatMap((driver) => bank.items.filter((q) => q.driverKey === driver).map((q) => q.id));
  const survey = await api(baseUrl, key, 'POST', '/api/v1/surveys', { name: 'Monthly pulse', kind: 'adhoc', questionIds: [enps, ...likert] });
  const template = await api(baseUrl, key, 'POST', `/api/v1/surveys/${survey.id}/rounds`);

  const periods = months();
  const client = await pool.connect();
  try {
    const { rows: teams } = await client.query(`SELECT id FROM units WHERE tenant_id = $1 AND kind = 'team' ORDER BY external_id`, [tenantId]);
    const seedSeconds = await seedHistory({
      baseUrl,
      key,
      client,
      tenantId,
      surveyId: survey.id,
      templateRoundId: template.id,
      teamIds: teams.map((t) => t.id),
      periods,
      responses: RESPONSES,
    });
    return { key, tenantId, enpsQuestionId: enps, from: periods[0], to: periods.at(-1), seedSeconds };
  } finally {
    client.release();
  }
}

/**
 * History for the linkage report: one closed round of the survey a month (a copy of
 * `templateRoundId`), `responses` responses with all their answers spread evenly over the teams and
 * days, in SQL, and CSAT per team and month through the bulk route. A team's quality (0–1) drives
 * its answers and its CSAT, so the report has a relation to find. Returns the seconds the SQL took.
 */
export async function seedHistory({ baseUrl, key, client, tenantId, surveyId, templateRoundId, teamIds, periods, responses }) {
  const started = performance.now();
  const perMonth = Math.ceil(responses / periods.length);
  for (const [m, month] of periods.entries()) {
    const { rows } = await client.query(
      `INSERT INTO survey_rounds (tenant_id, id, survey_id, number, period, opened_at, closes_at, closed_at, questions, invited_count, created_at)
       SELECT $1, gen_random_uuid(), $2, $3 + 1, NULL, ($4 || '-01')::date, ($4 || '-01')::date + 28, ($4 || '-01')::date + 28, questions, $5, now()
       FROM survey_rounds WHERE tenant_id = $1 AND id = $6
       RETURNING id`,
      [tenantId, surveyId, m + 1, month, perMonth, templateRoundId],
    );
    const roundId = rows[0].id;
    await client.query(
      `INSERT INTO survey_responses (tenant_id, id, round_id, submitted_on, unit_id, tenure_phase, stage, location, locale, reply_key_hash)
       SELECT $1, gen_random_uuid(), $2::uuid, ($3 || '-01')::date + (g % 28), ($4::uuid[])[1 + g % cardinality($4::uuid[])],
              'ongoing_development', 'engage', NULL, 'en', md5($2::uuid::text || g)
       FROM generate_series(0, $5 - 1) g`,
      [tenantId, roundId, month, teamIds, perMonth],
    );
    await client.query(
      `WITH team AS (SELECT id, ((ord * 7919) % cardinality($3::uuid[])) / (cardinality($3::uuid[]) - 1.0) AS quality FROM unnest($3::uuid[]) WITH ORDINALITY AS u(id, ord))
       INSERT INTO survey_answers (tenant_id, response_id, question_id, value)
       SELECT r.tenant_id, r.id, q.id,
              CASE WHEN q.type = 'enps' THEN least(10, floor(random() * 8 + team.quality * 4))
                   ELSE least(5, 1 + floor(random() * 3.5 + team.quality * 1.6)) END
       FROM survey_responses r
       JOIN team ON team.id = r.unit_id,
            (SELECT (x->>'id')::uuid AS id, x->>'type' AS type FROM survey_rounds, jsonb_array_elements(questions) x WHERE tenant_id = $1 AND id = $2) q
       WHERE r.tenant_id = $1 AND r.round_id = $2`,
      [tenantId, roundId, teamIds],
    );
  }
  await client.query('ANALYZE survey_responses, survey_answers, survey_rounds');
  const seedSeconds = (performance.now() - started) / 1000;
  const teams = teamIds.length;
  const items = teamIds.flatMap((unitId, t) =>
    periods.map((period, m) => ({
      unitId,
      metric: 'csat',
      period,
      // Follows the team's quality with noise, so r is moderate.
      value: Math.min(5, Math.max(1, 3 + (((t * 7919) % teams) / (teams - 1)) * 1.2 + (((t * 31 + m * 17) % 100) / 100 - 0.5))),
      n: 20 + ((t + m) % 40),
    })),
  );
  for (let offset = 0; offset < items.length; offset += 10_000) await api(baseUrl, key, 'PUT', '/api/v1/cx-metrics/bulk', { items: items.slice(offset, offset + 10_000) });
  return seedSeconds;
}

/**
 * The linkage by hand over the raw answers: eNPS per unit and month from at least 5 answers,
 * joined to CSAT a month later, Pearson r by `corr()`; no differencing rule, no HTTP.
 */
export async function rawLinkage(pool, { tenantId, enpsQuestionId, from, to }) {
  const { rows } = await pool.query(
    `WITH ex AS (
       SELECT r.unit_id, to_char(r.submitted_on, 'YYYY-MM') AS period,
              100.0 * (count(*) FILTER (WHERE a.value >= 9) - count(*) FILTER (WHERE a.value <= 6)) / count(*) AS enps
       FROM survey_responses r
       JOIN survey_answers a ON a.tenant_id = r.tenant_id AND a.response_id = r.id AND a.question_id = $2
       WHERE r.tenant_id = $1 AND r.submitted_on >= ($3 || '-01')::date AND r.submitted_on < ($4 || '-01')::date + interval '1 month'
       GROUP BY 1, 2
       HAVING count(*) >= 5
     )
     SELECT count(*)::int AS n, corr(ex.enps, o.value) AS r
     FROM ex
     JOIN cx_observations o ON o.tenant_id = $1 AND o.unit_id = ex.unit_id AND o.metric_key = 'csat' AND o.granularity = 'month'
      AND o.period = to_char((ex.period || '-01')::date + interval '1 month', 'YYYY-MM')`,
    [tenantId, enpsQuestionId, from, to],
  );
  return rows[0];
}

async function timeReads(count, run) {
  const times = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return stats(times);
}

export async function benchExCx({ baseUrl, operatorKey, databaseUrl, runs, sampleRss }) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const org = await seed(baseUrl, operatorKey, pool);
    const query = `cxMetric=csat&from=${org.from}&to=${org.to}&lag=1`;
    let pairs = 0;
    let rawPairs = 0;
    const reads = {
      tandem: async () => {
        const body = await api(baseUrl, org.key, 'GET', `/api/v1/reports/ex-cx?exMeasure=enps&${query}`);
        pairs = body.pairs;
      },
      raw: async () => {
        rawPairs = (await rawLinkage(pool, { tenantId: org.tenantId, enpsQuestionId: org.enpsQuestionId, from: org.from, to: org.to })).n;
      },
      drivers: () => api(baseUrl, org.key, 'GET', `/api/v1/reports/ex-cx/drivers?${query}`),
    };
    for (const run of Object.values(reads)) await run(); // warm
    const passes = [];
    let peakRss = 0;
    // Passes alternate the reads, so drift on the machine hits each side alike.
    for (let pass = 0; pass < runs; pass++) {
      const latency = {};
      for (const [name, run] of Object.entries(reads)) {
        latency[name] = await timeReads(name === 'drivers' ? DRIVER_READS : READS, run);
        peakRss = Math.max(peakRss, sampleRss());
      }
      passes.push(latency);
      console.log('ex-cx pass', pass, JSON.stringify(latency));
    }
    return { passes, pairs, rawPairs, seedSeconds: org.seedSeconds, from: org.from, to: org.to, peakRss };
  } finally {
    await pool.end();
  }
}

export function exCxReport({ passes, pairs, rawPairs, seedSeconds, from, to, peakRss }) {
  const fmt = (values) => {
    const s = stats(values);
    return `${s.min.toFixed(1)} / **${s.median.toFixed(1)}** / ${s.max.toFixed(1)}`;
  };
  const row = (name, what, key, count) =>
    `| ${name} | ${what} | ${count} | ${fmt(passes.map((p) => p[key].median))} | ${fmt(passes.map((p) => p[key].p95))} |`;
  const ratio = stats(passes.map((p) => p.tandem.p95 / p.raw.p95));
  return [
    '## EX → CX: the linkage report over 1,000,000 responses',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench\` (\`bench/ex-cx.mjs\`): one organisation of 500 teams in 25 departments, one monthly`,
    `round of a 10-question survey (eNPS and three drivers × 3), ${RESPONSES.toLocaleString('en')} responses with all their answers spread evenly`,
    `over teams and days of ${MONTHS} months (${from} … ${to}; seeded in SQL in ${Math.round(seedSeconds)} s), and CSAT per team and month through the bulk route.`,
    `The report is \`exMeasure=enps\`, lag 1, over all ${MONTHS} months: ${pairs.toLocaleString('en')} pairs (the raw SQL finds ${rawPairs.toLocaleString('en')}).`,
    `${passes.length} passes of sequential reads after a warm-up, the three reads alternating; latency in ms, min / **median** / max over the passes:`,
    '',
    '| read | what | reads a pass | median | p95 |',
    '|---|---|---|---|---|',
    row('Tandem linkage report', '`GET /api/v1/reports/ex-cx?exMeasure=enps&…&lag=1` (anonymity rules, reach, pairs, statistics, HTTP)', 'tandem', READS),
    row('hand-written SQL over raw answers', 'eNPS per unit and month (≥ 5 answers) joined to CSAT a month later, `corr()`; no differencing rule, no HTTP', 'raw', READS),
    row('Tandem driver ranking', '`GET /api/v1/reports/ex-cx/drivers?…&lag=1` (every driver, from all likert answers)', 'drivers', DRIVER_READS),
    '',
    `Goal: p95 ≤ 200 ms for the linkage report. Tandem p95 / raw SQL p95: ${ratio.min.toFixed(2)} / **${ratio.median.toFixed(2)}** / ${ratio.max.toFixed(2)}.`,
    `Peak RSS of the Tandem process during these reads: **${peakRss} MB**.`,
  ].join('\n');
}
