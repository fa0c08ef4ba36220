import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { createEmployee } from './factories/employee.factory.js';
import { openSurveyRound, plantResponses, type PlantRound } from './factories/survey-response.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUnit } from './factories/unit.factory.js';
import { createUser, loginAs } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * A planted relation read back through the HTTP report. Five teams answer eNPS in January–March
 * 2026 (five responses each month); their CSAT one month later is 3.4 + 0.012 × eNPS + noise.
 * The expected statistics below were computed independently with SciPy 1.17 (pearsonr with
 * confidence_interval(0.95), spearmanr, linregress) on the pairs listed in PLAN and CSAT.
 */
const MONTHS = ['2026-01', '2026-02', '2026-03'] as const;
/** Promoters and detractors of five responses per team and month (the rest are passives). */
const PLAN: Record<string, [number, number][]> = {
  T1: [[4, 0], [3, 1], [5, 0]],
  T2: [[1, 3], [2, 2], [0, 4]],
  T3: [[2, 1], [3, 0], [1, 1]],
  T4: [[0, 2], [1, 1], [2, 0]],
  T5: [[3, 2], [4, 1], [2, 3]],
};
/** CSAT per team for January … April; n = 20, 30, 40, 50, 60 for T1 … T5 (T5 in April: 8). */
const CSAT: Record<string, number[]> = {
  T1: [3.1, 4.91, 3.53, 4.75],
  T2: [4.4, 2.32, 3.65, 2.89],
  T3: [3.9, 3.44, 4.22, 2.9],
  T4: [4.6, 3.22, 3.3, 4.28],
  T5: [3.3, 3.39, 4.17, 2.71],
};
const EXPECTED = {
  lag1: { n: 15, r: 0.8775301655697084, p: 1.7201478352593278e-5, ciLow: 0.6635506614886325, ciHigh: 0.9587912981896006, rho: 0.9064982793336029, rhoP: 3.1990877024628256e-6, slope: 0.013457345971563983, intercept: 3.363349131121643, r2: 0.7700591914848003 },
  lag0: { n: 15, r: -0.30214430813093796, rho: -0.37804530766466854 },
  lag2: { n: 10, r: -0.11340395040827465, rho: -0.1533857797849622 },
  lag1min10: { n: 14, r: 0.8758535531760894, slope: 0.012999558693733452 },
};

function answersFor(promoters: number, detractors: number): { enps: number }[] {
  return [...Array(promoters).fill(10), ...Array(5 - promoters - detractors).fill(8), ...Array(detractors).fill(3)].map((enps) => ({ enps }));
}

function close(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

describe('GET /api/v1/reports/ex-cx', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  let hr: string;
  const units: Record<string, string> = {};
  let roundA: PlantRound;

  const report = (query: string, auth = hr) => t.http.get(`/api/v1/reports/ex-cx?${query}`).set('Authorization', auth);

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t);
    hr = tenant.bearer('hr_admin');
    units.Acme = (await createUnit(t, tenant, { name: 'Acme', kind: 'company' })).id;
    units.Ops = (await createUnit(t, tenant, { name: 'Ops', kind: 'department', parentId: units.Acme })).id;
    for (const name of ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9']) units[name] = (await createUnit(t, tenant, { name, kind: 'team', parentId: units.Ops })).id;
    units['T7-a'] = (await createUnit(t, tenant, { name: 'T7-a', kind: 'other', parentId: units.T7 })).id;

    // Someone to invite, so that the rounds open; the responses below are planted.
    await createEmployee(t, tenant, { unitId: units.Acme });
    roundA = await openSurveyRound(t, tenant, '2025-12-20T09:00:00Z');
    const roundB = await openSurveyRound(t, tenant, '2025-12-21T09:00:00Z');
    for (const [team, plan] of Object.entries(PLAN)) {
      for (const [i, [promoters, detractors]] of plan.entries()) {
        const answers = answersFor(promoters, detractors);
        // T1 in January also answers growth and engagement questions.
        const extra = team === 'T1' && i === 0 ? answers.map((a, j) => ({ ...a, growth: [5, 4, 4, 3, 5][j]!, engagement: [4, 4, 5, 3, 4][j]! })) : answers;
        await plantResponses(t, tenant, roundA, units[team]!, `${MONTHS[i]}-1${i + 2}`, extra);
      }
    }
    // Suppressed on purpose, all in January unless said otherwise:
    // T6: six responses, but three in each of two surveys — maybe only three people (below k = 5).
    await plantResponses(t, tenant, roundA, units.T6!, '2026-01-05', [{ enps: 10 }, { enps: 10 }, { enps: 10 }]);
    await plantResponses(t, tenant, roundB, units.T6!, '2026-01-06', [{ enps: 10 }, { enps: 10 }, { enps: 10 }]);
    // T7: five of its own, but its sub-unit T7-a adds two: T7 with sub-units minus T7 would be 2 people.
    await plantResponses(t, tenant, roundA, units.T7!, '2026-01-07', Array(5).fill({ enps: 9 }));
    await plantResponses(t, tenant, roundA, units['T7-a']!, '2026-01-07', [{ enps: 0 }, { enps: 0 }]);
    // T8: five in January and two in February: its quarter minus its January would be 2 people.
    await plantResponses(t, tenant, roundA, units.T8!, '2026-01-08', Array(5).fill({ enps: 7 }));
    await plantResponses(t, tenant, roundA, units.T8!, '2026-02-08', [{ enps: 10 }, { enps: 0 }]);
    // T9: shown, but no CSAT in February.
    await plantResponses(t, tenant, roundA, units.T9!, '2026-01-09', [10, 10, 6, 6, 8].map((enps) => ({ enps })));

    const items = Object.entries(CSAT).flatMap(([team, values], i) =>
      values.map((value, m) => ({ unitId: units[team], metric: 'csat', period: `2026-0${m + 1}`, value, n: team === 'T5' && m === 3 ? 8 : 20 + 10 * i })),
    );
    for (const team of ['T6', 'T7', 'T8']) for (const m of [2, 3, 4]) items.push({ unitId: units[team], metric: 'csat', period: `2026-0${m}`, value: 4, n: 30 });
    const stored = await t.http.put('/api/v1/cx-metrics/bulk').set('Authorization', tenant.bearer('integration')).send({ items });
    expect(stored.body.summary.errors).toBe(0);
  });
  afterAll(() => t.close());

  it('reads the planted relation back at lag 1, with every suppressed group counted by reason', async () => {
    const response = await report('exMeasure=enps&cxMetric=csat&from=2026-01&to=2026-03&lag=1');
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body).toMatchObject({ pairs: 15, lag: 1, granularity: 'month', reason: null, anonymityThreshold: 5 });
    const e = EXPECTED.lag1;
    close(body.statistics.pearson.r, e.r);
    close(body.statistics.pearson.ciLow, e.ciLow);
    close(body.statistics.pearson.ciHigh, e.ciHigh);
    close(body.statistics.pearson.p, e.p);
    close(body.statistics.spearman.rho, e.rho);
    close(body.statistics.spearman.p, e.rhoP);
    close(body.statistics.regression.slope, e.slope);
    close(body.statistics.regression.intercept, e.intercept);
    close(body.statistics.regression.r2, e.r2);
    expect(body.excluded).toEqual({ belowThreshold: 3, differencing: 2, noCx: 1, cxSampleBelowMinimum: 0, noUnitAtLevel: 0 });
    expect(body.points.filter((p: { unitName: string }) => p.unitName === 'T1')).toEqual([
      { unitId: units.T1, unitName: 'T1', period: '2026-01', ex: 80, cx: 4.91, respondents: 5, cxN: 20 },
      { unitId: units.T1, unitName: 'T1', period: '2026-02', ex: 40, cx: 3.53, respondents: 5, cxN: 20 },
      { unitId: units.T1, unitName: 'T1', period: '2026-03', ex: 100, cx: 4.75, respondents: 5, cxN: 20 },
    ]);
    // No point of a suppressed group leaks, and nothing smaller than k is ever shown.
    expect(new Set(body.points.map((p: { unitName: string }) => p.unitName))).toEqual(new Set(['T1', 'T2', 'T3', 'T4', 'T5']));
    expect(Math.min(...body.points.map((p: { respondents: number }) => p.respondents))).toBeGreaterThanOrEqual(5);
  });

  it('scans lags: the relation is at lag 1, not 0 or 2', async () => {
    const body = (await report('exMeasure=enps&cxMetric=csat&from=2026-01&to=2026-03&lagScan=2')).body;
    expect(body.lagScan.map((row: { lag: number; pairs: number }) => [row.lag, row.pairs])).toEqual([[0, 15], [1, 15], [2, 10]]);
    close(body.lagScan[0].r, EXPECTED.lag0.r);
    close(body.lagScan[0].rho, EXPECTED.lag0.rho);
    close(body.lagScan[1].r, EXPECTED.lag1.r);
    close(body.lagScan[1].p, EXPECTED.lag1.p);
    close(body.lagScan[2].r, EXPECTED.lag2.r);
    close(body.lagScan[2].rho, EXPECTED.lag2.rho);
    // lag defaults to 0 for the main statistics.
    close(body.statistics.pearson.r, EXPECTED.lag0.r);
  });

  it('leaves out pairs whose CX sample is below minCxSample', async () => {
    const body = (await report('exMeasure=enps&cxMetric=csat&from=2026-01&to=2026-03&lag=1&minCxSample=10')).body;
    expect(body.pairs).toBe(14);
    expect(body.excluded.cxSampleBelowMinimum).toBe(1);
    close(body.statistics.pearson.r, EXPECTED.lag1min10.r);
    close(body.statistics.regression.slope, EXPECTED.lag1min10.slope);
  });

  it('rolls units up to a level, CX as the n-weighted mean of the units below', async () => {
    const body = (await report('exMeasure=enps&cxMetric=csat&from=2026-01&to=2026-03&lag=1&unitLevel=department')).body;
    expect(body.pairs).toBe(3);
    const january = body.points.find((p: { period: string }) => p.period === '2026-01');
    // January, all of Ops: promoters 4+1+2+0+3 (T1–T5) + 6 (T6) + 5 (T7) + 2 (T9) = 23; detractors 0+3+1+2+2 + 2 (T7-a) + 2 (T9) = 12;
    // responses 25 + 6 + 5 + 2 + 5 + 5 = 48 → 100 × 11 / 48.
    expect(january).toMatchObject({ unitId: units.Ops, unitName: 'Ops', respondents: 48, cxN: 290 });
    close(january.ex, (100 * 11) / 48);
    // February CSAT: T1–T5 weighted by n 20 … 60, T6–T8 4.0 with n 30 each.
    close(january.cx, (4.91 * 20 + 2.32 * 30 + 3.44 * 40 + 3.22 * 50 + 3.39 * 60 + 4 * 90) / 290);
    // Three points: statistics with the n = 3 interval.
    expect(body.statistics.pearson).toMatchObject({ ciLow: -1, ciHigh: 1 });
  });

  it('pairs EX with the CX mean over a window', async () => {
    const body = (await report('exMeasure=enps&cxMetric=csat&from=2026-01&to=2026-01&lag=1&cxWindow=2')).body;
    const t1 = body.points.find((p: { unitName: string }) => p.unitName === 'T1');
    // February and March, n 20 each: (4.91 + 3.53) / 2.
    expect(t1).toMatchObject({ period: '2026-01', ex: 80, cxN: 40 });
    close(t1.cx, (4.91 + 3.53) / 2);
  });

  it('reads driver means and engagement, and gives no statistics below three pairs', async () => {
    const growth = (await report('exMeasure=driver:growth&cxMetric=csat&from=2026-01&to=2026-03&lag=1')).body;
    // Five growth answers (5, 4, 4, 3, 5) in T1 in January: mean 4.2.
    expect(growth.points).toEqual([{ unitId: units.T1, unitName: 'T1', period: '2026-01', ex: 4.2, cx: 4.91, respondents: 5, cxN: 20 }]);
    expect(growth).toMatchObject({ pairs: 1, statistics: null, reason: 'too_few_pairs' });
    const engagement = (await report('exMeasure=engagement&cxMetric=csat&from=2026-01&to=2026-01&lag=1')).body;
    // Engagement answers 4, 4, 5, 3, 4: mean 4.0 → (4 − 1) / 4 × 100 = 75.
    expect(engagement.points.map((p: { ex: number }) => p.ex)).toEqual([75]);
  });

  it('shows a manager their reporting line only, and refuses a manager who manages nothing', async () => {
    const lead = await createEmployee(t, tenant);
    await t.http.patch(`/api/v1/units/${units.T1}`).set('Authorization', hr).send({ managerId: lead.id }).expect(200);
    const user = await createUser(t, tenant, { role: 'manager' });
    await t.http.patch(`/api/v1/users/${user.id}`).set('Authorization', hr).send({ employeeId: lead.id }).expect(200);
    const asLead = await loginAs(t, user.email);
    const body = (await report('exMeasure=enps&cxMetric=csat&from=2026-01&to=2026-03&lag=1', asLead)).body;
    expect(body.points.map((p: { unitName: string; period: string }) => `${p.unitName} ${p.period}`)).toEqual(['T1 2026-01', 'T1 2026-02', 'T1 2026-03']);
    expect(body.excluded).toEqual({ belowThreshold: 0, differencing: 0, noCx: 0, cxSampleBelowMinimum: 0, noUnitAtLevel: 0 });

    const nobody = await createUser(t, tenant, { role: 'manager' });
    const refused = await report('exMeasure=enps&cxMetric=csat&from=2026-01&to=2026-03', await loginAs(t, nobody.email));
    expect(refused.status).toBe(403);
    expect(refused.body.type).toBe('/problems/cx.out_of_scope');
  });

  it('answers the points as CSV, parsed back to the JSON report’s points', async () => {
    const json = (await report('exMeasure=enps&cxMetric=csat&from=2026-01&to=2026-03&lag=1')).body;
    const response = await report('exMeasure=enps&cxMetric=csat&from=2026-01&to=2026-03&lag=1&format=csv');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse(response.text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => ({ unitId: r.unit_id, unitName: r.unit_name, period: r.period, ex: Number(r.ex), cx: Number(r.cx), respondents: Number(r.respondents), cxN: Number(r.cx_n) }))).toEqual(json.points);
    expect(rows[0]).toMatchObject({ unit_name: 'T1', period: '2026-01', cx_from: '2026-02', cx_to: '2026-02' });
  });

  it('draws the planted relation as SVG: valid XML, one mark per pair, the line, axis labels and r in the title', async () => {
    const response = await report('exMeasure=enps&cxMetric=csat&from=2026-01&to=2026-03&lag=1&format=svg').buffer(true);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = Buffer.isBuffer(response.body) ? response.body.toString('utf8') : response.text;
    expect(XMLValidator.validate(svg)).toBe(true);
    const root = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['circle', 'line', 'text'].includes(name) }).parse(svg).svg;
    expect(root.circle.filter((c: { class: string }) => c.class === 'point')).toHaveLength(15);
    expect(root.title['#text']).toBe('eNPS and csat: r = 0.88 (95 % CI 0.66 to 0.96, p < 0.001, n = 15)');
    expect(root.line.filter((l: { class?: string }) => l.class === 'regression')).toHaveLength(1);
    const labels = root.text.filter((x: { class?: string }) => x.class === 'x-label' || x.class === 'y-label').map((x: { '#text': string }) => x['#text']);
    expect(labels).toEqual(['EX: eNPS', 'CX: csat']);
    // Without statistics: no line, the reason in the title.
    const few = await report('exMeasure=driver:growth&cxMetric=csat&from=2026-01&to=2026-03&lag=1&format=svg').buffer(true);
    const fewSvg = Buffer.isBuffer(few.body) ? few.body.toString('utf8') : few.text;
    expect(XMLValidator.validate(fewSvg)).toBe(true);
    expect(fewSvg).toContain('r not defined (too_few_pairs, n = 1)');
    expect(fewSvg).not.toContain('class="regression"');
  });

  it('answers bad input with 400 problems, never 500', async () => {
    for (const query of [
      'cxMetric=csat&from=2026-01&to=2026-03',
      'exMeasure=happiness&cxMetric=csat&from=2026-01&to=2026-03',
      'exMeasure=driver:nope&cxMetric=csat&from=2026-01&to=2026-03',
      'exMeasure=enps&cxMetric=ltv&from=2026-01&to=2026-03',
      'exMeasure=enps&cxMetric=csat&from=2026-W01&to=2026-03',
      'exMeasure=enps&cxMetric=csat&from=2026-03&to=2026-01',
      'exMeasure=enps&cxMetric=csat&from=2020-01&to=2026-03',
      'exMeasure=enps&cxMetric=csat&from=2026-01&to=2026-03&lag=13',
      'exMeasure=enps&cxMetric=csat&from=2026-01&to=2026-03&lagScan=7',
      'exMeasure=enps&cxMetric=csat&from=2026-01&to=2026-03&cxWindow=0',
      'exMeasure=enps&cxMetric=csat&from=2026-01&to=2026-03&unitLevel=galaxy',
      'exMeasure=enps&cxMetric=csat&from=2026-01&to=2026-03&minCxSample=abc',
      'exMeasure=enps&cxMetric=csat&from=2026-01&to=2026-03&format=xlsx',
    ]) {
      const response = await report(query);
      expect([query, response.status]).toEqual([query, 400]);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('shows another organisation nothing of this one', async () => {
    const other = await createTenant(t);
    const body = (await report('exMeasure=enps&cxMetric=csat&from=2026-01&to=2026-03&lag=1', other.bearer('hr_admin'))).body;
    expect(body).toMatchObject({ pairs: 0, points: [], statistics: null, reason: 'too_few_pairs' });
    expect(body.excluded).toEqual({ belowThreshold: 0, differencing: 0, noCx: 0, cxSampleBelowMinimum: 0, noUnitAtLevel: 0 });
  });
});

describe('GET /api/v1/reports/ex-cx?exMeasure=participation', () => {
  let t: TestApp;
  afterAll(() => t.close());

  it('pairs responded / invited of the rounds opened in a period with CX', async () => {
    t = await createTestApp();
    const tenant = await createTenant(t);
    const team = (await createUnit(t, tenant, { name: 'Care', kind: 'team' })).id;
    for (let i = 0; i < 6; i++) await createEmployee(t, tenant, { unitId: team });
    const round = await openSurveyRound(t, tenant);
    const invited = await t.sql.query(`SELECT id FROM survey_invitations WHERE tenant_id = $1 AND round_id = $2 ORDER BY id`, [tenant.id, round.roundId]);
    expect(invited.rows).toHaveLength(6);
    // Four of six answered.
    await t.sql.query(`UPDATE survey_invitations SET responded_on = current_date WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenant.id, invited.rows.slice(0, 4).map((r) => r.id)]);
    const month = (await t.sql.query(`SELECT to_char(opened_at AT TIME ZONE 'UTC', 'YYYY-MM') AS m FROM survey_rounds WHERE id = $1`, [round.roundId])).rows[0].m as string;
    await t.http.put('/api/v1/cx-metrics/bulk').set('Authorization', tenant.bearer('hr_admin')).send({ items: [{ unitId: team, metric: 'nps', period: month, value: 35, n: 50 }] }).expect(200);
    const body = (await t.http.get(`/api/v1/reports/ex-cx?exMeasure=participation&cxMetric=nps&from=${month}&to=${month}`).set('Authorization', tenant.bearer('hr_admin'))).body;
    expect(body).toMatchObject({ pairs: 1 });
    expect(body.points).toEqual([{ unitId: team, unitName: 'Care', period: month, ex: 4 / 6, cx: 35, respondents: 6, cxN: 50 }]);
  });
});
