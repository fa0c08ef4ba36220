import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { shiftPeriod } from '#src/modules/cx/domain/periods.js';
import type { InsightsChartData } from '#src/modules/pages/views/insights.view.js';
import { seedInsightsOrganisation, type InsightsFixture } from './factories/insights.factory.js';
import { createTenant } from './factories/tenant.factory.js';
import { createUser } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { signInToPages, type PageSession } from './utils/pages.js';

/**
 * The leader's dashboard `/app/insights` over HTTP (docs/pages.md): who may open it, a manager's
 * reach, suppressed cells shown as suppressed, the figures equal to the API's, empty states, and
 * bad filters answered as pages. The browser test draws it in Chromium.
 */
describe('the insights dashboard', () => {
  let t: TestApp;
  let org: InsightsFixture;
  let hr: PageSession;
  let mia: PageSession;

  beforeAll(async () => {
    t = await createTestApp();
    org = await seedInsightsOrganisation(t);
    hr = await signInToPages(t, org.hrEmail);
    mia = await signInToPages(t, org.managerEmail);
  });
  afterAll(() => t.close());

  const chartData = (page: string): InsightsChartData => JSON.parse(/<script type="application\/json" id="insights-data">(.*?)<\/script>/s.exec(page)![1]!) as InsightsChartData;
  /** The rows of a table of the page, by its id: each row's cells as text. */
  const rowsOf = (page: string, id: string): string[][] => {
    const table = new RegExp(`<table[^>]*id="${id}"[^>]*>([\\s\\S]*?)</table>`).exec(page)?.[1] ?? '';
    const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
    return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, '').trim()));
  };
  const api = (path: string, auth = org.tenant.bearer('hr_admin')) => t.http.get(path).set('Authorization', auth);

  it('shows HR the whole organisation: trend, heatmap, EX → CX with its statistics, lag scan, drivers, touchpoints and attrition', async () => {
    const page = await hr.get('/app/insights');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.text).not.toMatch(/<script>|<script(?![^>]*(src="\/assets\/|type="application\/json"))/);
    expect(page.text).toMatch(/<script src="\/assets\/chart\.umd\.min\.js\?v=[0-9a-f]{12}" defer><\/script>\s*<script src="\/assets\/insights\.js\?v=[0-9a-f]{12}" defer>/);
    expect(page.text).toContain('<h1>Insights</h1>');
    expect(page.text).toContain('<option value="">Whole organisation</option>');

    // Trend: both rounds of Team pulse, with the data the chart draws equal to the trend API's.
    const trend = (await api(`/api/v1/surveys/${org.surveyId}/trend`)).body;
    const data = chartData(page.text);
    expect(data.trend!.labels).toEqual(['Round 1', 'Round 2']);
    expect(data.trend!.enps).toEqual(trend.points.map((p: { enps: { score: number } }) => p.enps.score));
    expect(rowsOf(page.text, 'table-trend').map((row) => row[2])).toEqual(['23', '23']);

    // EX → CX: the report's pairs, drawn one point each, with the report's statistics.
    const [from, to] = [shiftPeriod(org.historyMonths.at(-1)!, 4 - 11), shiftPeriod(org.historyMonths.at(-1)!, 4)];
    const report = (await api(`/api/v1/reports/ex-cx?exMeasure=enps&cxMetric=csat&from=${from}&to=${to}&lagScan=6`)).body;
    expect(report.pairs).toBe(org.pairs.hr);
    expect(data.scatter!.points).toHaveLength(org.pairs.hr);
    expect(data.scatter!.points.map((p) => [p.x, p.y])).toEqual(report.points.map((p: { ex: number; cx: number }) => [p.ex, p.cx]));
    expect(rowsOf(page.text, 'table-scatter')).toHaveLength(org.pairs.hr);
    const { slope, intercept } = report.statistics.regression;
    expect(data.scatter!.line!.map((p) => p.y)).toEqual(data.scatter!.line!.map((p) => intercept + slope * p.x));
    expect(page.text).toContain(`<dt>Pearson r</dt><dd>${report.statistics.pearson.r.toFixed(3)} <span class="muted">95 % CI [${report.statistics.pearson.ciLow.toFixed(3)}, ${report.statistics.pearson.ciHigh.toFixed(3)}]</span>`);
    expect(page.text).toContain(`<dt>Spearman ρ</dt><dd>${report.statistics.spearman.rho.toFixed(3)}`);
    // Legal's two answers, in its history month and today, are below k: counted, never drawn.
    expect(report.excluded).toMatchObject({ belowThreshold: 2, differencing: 0 });
    expect(page.text).toContain(`Left out: 2 below the threshold, 0 by differencing, ${report.excluded.noCx} without a CX figure.`);
    expect(rowsOf(page.text, 'table-lags').map((row) => [row[0], row[1]])).toEqual(report.lagScan.map((row: { lag: number; pairs: number }) => [String(row.lag), String(row.pairs)]));
    expect(data.lagScan!.r).toEqual(report.lagScan.map((row: { r: number | null }) => row.r));

    // Driver ranking: the survey results' priorities, in their order.
    const results = (await api(`/api/v1/surveys/${org.surveyId}/results?groupBy=unit`)).body;
    expect(page.text).toContain('data-source="survey_priorities"');
    expect(rowsOf(page.text, 'table-drivers').map((row) => row[0])).toEqual(results.priorities.map((p: { name: string }) => p.name));
    expect(results.priorities.some((p: { priority: number | null }) => p.priority !== null)).toBe(true);

    // Top touchpoints and attrition.
    expect(rowsOf(page.text, 'table-touchpoints')[0]![0]).toBe((await api('/api/v1/reports/touchpoints')).body.touchpoints[0].name);
    expect(page.text).toMatch(/<dt>Leavers<\/dt><dd>1<\/dd>/);
    expect(page.text).toContain('<dt>Main reason</dt><dd>career growth (1)</dd>');
    expect(rowsOf(page.text, 'table-risk').length).toBeGreaterThan(0);
  });

  it('shows suppressed heatmap cells as suppressed, with the reason, and no number for them', async () => {
    const page = await hr.get('/app/insights');
    const rows = rowsOf(page.text, 'table-heatmap');
    expect(rows.map((row) => row[0]).sort()).toEqual(['Field service', 'Legal', 'Operations', 'Sales', 'Support']);
    const legal = rows.find((row) => row[0] === 'Legal')!;
    expect(legal).toEqual(['Legal', 'Suppressed: fewer than 3 people answered']);
    // Legal's 2 would be the organisation minus the others: the smallest shown unit goes too.
    const byDifference = rows.filter((row) => row[1] === 'Suppressed: it would expose a smaller group by difference');
    expect(byDifference).toHaveLength(1);
    expect(['Operations', 'Field service']).toContain(byDifference[0]![0]);
    expect(page.text).toMatch(/<td colspan="5" class="cell-suppressed"><span class="suppressed" data-suppressed="below_threshold">/);
    expect(page.text).toContain('data-suppressed="differencing"');
    // The shown rows carry their respondents and driver means (1–5).
    const sales = rows.find((row) => row[0] === 'Sales')!;
    expect(sales[1]).toBe('8');
    expect(sales.slice(3).every((cell) => /^\d\.\d\d$/.test(cell))).toBe(true);
  });

  it('shows a manager only their reporting line, as the APIs scope it, and no touchpoint analysis', async () => {
    const page = await mia.get('/app/insights');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('Whole organisation</option>');
    const options = [...page.text.matchAll(/<select id="f-unitId" name="unitId">([\s\S]*?)<\/select>/g)][0]![1]!;
    expect([...options.matchAll(/<option value="[^"]*"(?: selected)?>([^<]+)<\/option>/g)].map((m) => m[1])).toEqual(['Sales', 'Sales North', 'Sales South']);
    expect(options).toContain(`<option value="${org.units.Sales}" selected>Sales</option>`);
    expect(page.text).toContain('<p class="lede">Sales ·');
    expect(rowsOf(page.text, 'table-heatmap').map((row) => row[0]).sort()).toEqual(['Sales North', 'Sales South']);
    const data = chartData(page.text);
    expect(data.scatter!.points).toHaveLength(org.pairs.manager);
    expect(new Set(data.scatter!.points.map((p) => p.label.split(' 20')[0]))).toEqual(new Set(['Sales North', 'Sales South']));
    expect(page.text).toContain('Touchpoint analysis is read by HR.');
    expect(page.text).not.toContain('id="table-touchpoints"');
    // Her own team alone.
    const north = await mia.get(`/app/insights?unitId=${org.units.SalesNorth}`);
    expect(north.status).toBe(200);
    expect(north.text).toContain('<p class="lede">Sales North ·');
    expect(north.text).toContain('No sub-unit of Sales North has answers');
  });

  it('answers a unit outside the manager’s line, a manager of nothing and other roles with HTML pages', async () => {
    const outside = await mia.get(`/app/insights?unitId=${org.units.Support}`);
    expect(outside.status).toBe(403);
    expect(outside.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(outside.text).toContain('This unit is outside your reporting line.');

    const idle = await signInToPages(t, org.idleManagerEmail);
    const nothing = await idle.get('/app/insights');
    expect(nothing.status).toBe(403);
    expect(nothing.text).toContain('You manage no unit');

    const employeeUser = await createUser(t, org.tenant, { role: 'employee' });
    const employee = await signInToPages(t, employeeUser.email);
    const refused = await employee.get('/app/insights');
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Your role may not do this');
    expect(refused.text).not.toContain('href="/app/insights"');

    const anonymous = await t.http.get('/app/insights?unitId=x');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/signin?next=%2Fapp%2Finsights%3FunitId%3Dx');
    // The API's bearer keys open no page.
    expect((await t.http.get('/app/insights').set('Authorization', org.tenant.bearer('hr_admin'))).status).toBe(303);
  });

  it('answers bad filters with 4xx pages, never a 500, and a refused part in its own section', async () => {
    for (const query of ['from=2026-13', 'to=last-year', 'lag=7', 'lag=-1', 'exMeasure=participation', 'unitId=nope', 'cxMetric=Bad Key']) {
      const page = await hr.get(`/app/insights?${query}`);
      expect([query, page.status]).toEqual([query, 400]);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    }
    const backwards = await hr.get('/app/insights?from=2026-05&to=2026-01');
    expect(backwards.status).toBe(400);
    expect(backwards.text).toContain('to: must not be before from');
    expect((await hr.get('/app/insights?from=2026-13')).text).toContain('from: must be a month written YYYY-MM');
    expect((await hr.get('/app/insights?from=2020-01&to=2026-01')).status).toBe(400);
    expect((await hr.get(`/app/insights?unitId=${randomUUID()}`)).status).toBe(400);
    const unknownSurvey = await hr.get(`/app/insights?surveyId=${randomUUID()}`);
    expect(unknownSurvey.status).toBe(404);
    expect(unknownSurvey.headers['content-type']).toBe('text/html; charset=utf-8');

    // A metric the organisation does not have: the EX → CX parts say so, the rest stands.
    const metric = await hr.get('/app/insights?cxMetric=nope');
    expect(metric.status).toBe(200);
    expect(metric.text).toContain('Not available: ');
    expect(metric.text).toContain('id="table-heatmap"');
    expect(chartData(metric.text).scatter).toBeUndefined();
  });

  it('follows the period, survey, metric, EX measure and lag filters', async () => {
    const [first, , last] = org.historyMonths;
    const history = await hr.get(`/app/insights?from=${first}&to=${last}&lag=1&exMeasure=engagement&cxMetric=nps`);
    expect(history.status).toBe(200);
    // No Team pulse round opened in those months; no NPS figures; engagement was not planted.
    expect(history.text).toContain(`No round of Team pulse opened between ${first} and ${last}.`);
    expect(history.text).toContain('No pair of EX and CX in this period.');
    expect(history.text).toContain('EX → CX: Engagement (0–100) and Net Promoter Score (NPS)');
    const pairs = await hr.get(`/app/insights?from=${first}&to=${last}&lag=1`);
    const report = (await api(`/api/v1/reports/ex-cx?exMeasure=enps&cxMetric=csat&from=${first}&to=${last}&lag=1`)).body;
    expect(chartData(pairs.text).scatter!.points).toHaveLength(report.pairs);
    expect(report.pairs).toBe(10);
    expect(pairs.text).toContain('<option value="1" selected>1 month later</option>');
  });

  it('shows empty states for an organisation with nothing yet', async () => {
    const empty = await createTenant(t);
    const user = await createUser(t, empty, { role: 'hr_admin' });
    const page = await (await signInToPages(t, user.email)).get('/app/insights');
    expect(page.status).toBe(200);
    expect(page.text).toContain('No survey has opened a round yet.');
    expect(page.text).toContain('No round in this period to map.');
    expect(page.text).toContain('No pair of EX and CX in this period.');
    expect(page.text).toContain('No statistics: fewer than three pairs (0 pairs).');
    expect(page.text).toContain('No friction reported at any touchpoint');
    expect(page.text).toMatch(/<dt>Leavers<\/dt><dd>0<\/dd>/);
    expect(chartData(page.text)).toEqual({ lagScan: expect.any(Object) });
  });

  it('serves the charting library and the dashboard script from node_modules and public/, cached for good', async () => {
    const library = await t.http.get('/assets/chart.umd.min.js');
    expect(library.status).toBe(200);
    expect(library.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(library.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(library.text).toContain('window.Chart=');
    const script = await t.http.get('/assets/insights.js');
    expect(script.status).toBe(200);
    expect(script.text).toContain("getElementById('insights-data')");
  });
});
