import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { createEmployee } from './factories/employee.factory.js';
import { openSurveyRound, plantResponses } from './factories/survey-response.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUnit } from './factories/unit.factory.js';
import { createUser, loginAs } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * Which driver moves customers: six teams answer growth and engagement questions in January and
 * February 2026 (five responses each month), and their CSAT that month follows growth, not
 * engagement. A seventh team has four responses (below k = 5). The expected statistics were
 * computed independently with SciPy 1.17 (pearsonr with confidence_interval(0.95), spearmanr) on
 * the team-month means of GROWTH and ENGAGEMENT against CSAT below.
 */
const TEAMS = ['D1', 'D2', 'D3', 'D4', 'D5', 'D6'] as const;
const GROWTH: Record<string, number[][]> = {
  D1: [[2, 3, 3, 2, 3], [3, 3, 4, 3, 3]],
  D2: [[4, 4, 5, 3, 4], [4, 5, 5, 4, 4]],
  D3: [[1, 2, 2, 3, 2], [2, 2, 3, 2, 1]],
  D4: [[3, 4, 3, 3, 4], [3, 3, 3, 4, 2]],
  D5: [[5, 4, 4, 5, 5], [4, 4, 5, 5, 5]],
  D6: [[2, 2, 3, 3, 3], [3, 4, 3, 4, 4]],
};
const ENGAGEMENT: Record<string, number[][]> = {
  D1: [[4, 4, 5, 4, 4], [4, 3, 4, 4, 5]],
  D2: [[4, 3, 4, 4, 4], [5, 4, 4, 4, 4]],
  D3: [[5, 4, 4, 5, 4], [4, 4, 3, 4, 4]],
  D4: [[3, 4, 4, 4, 5], [4, 5, 4, 4, 4]],
  D5: [[4, 4, 3, 4, 4], [4, 4, 4, 5, 3]],
  D6: [[4, 5, 4, 4, 4], [3, 4, 4, 4, 4]],
};
const CSAT: Record<string, number[]> = {
  D1: [3.31, 3.62],
  D2: [4.12, 4.35],
  D3: [2.95, 3.02],
  D4: [3.83, 3.41],
  D5: [4.58, 4.36],
  D6: [3.27, 3.98],
};
const EXPECTED = {
  growth: { n: 12, r: 0.9911031612609006, p: 4.324923950647716e-10, ciLow: 0.9675264158985989, ciHigh: 0.9975835422140472, rho: 0.9947414184151023, rhoP: 3.138943787326931e-11, mean: 3.333333333333334 },
  engagement: { n: 12, r: -0.4686130267985445, p: 0.12438033054897861, ciLow: -0.8215648279280039, ciHigh: 0.14402137936282, rho: -0.4712550835383562, rhoP: 0.12198395625901724, mean: 4.033333333333332 },
};

function close(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

function text(response: { text?: string; body: unknown }): string {
  return typeof response.text === 'string' && response.text !== '' ? response.text : Buffer.from(response.body as Buffer).toString('utf8');
}

const svgParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['circle', 'line', 'text'].includes(name) });

describe('GET /api/v1/reports/ex-cx/drivers', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  let hr: string;
  const units: Record<string, string> = {};
  const drivers = (query: string, auth = hr) => t.http.get(`/api/v1/reports/ex-cx/drivers?${query}`).set('Authorization', auth).buffer(true);

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t);
    hr = tenant.bearer('hr_admin');
    units.Acme = (await createUnit(t, tenant, { name: 'Acme', kind: 'company' })).id;
    units.Ops = (await createUnit(t, tenant, { name: 'Ops', kind: 'department', parentId: units.Acme })).id;
    // D3's name needs escaping in XML and quoting in CSV.
    for (const name of [...TEAMS, 'D7']) units[name] = (await createUnit(t, tenant, { name: name === 'D3' ? 'R&D <3>, "north"' : name, kind: 'team', parentId: units.Ops })).id;
    await createEmployee(t, tenant, { unitId: units.Acme });
    const round = await openSurveyRound(t, tenant, '2025-12-20T09:00:00Z');
    for (const team of TEAMS) {
      for (const month of [0, 1]) {
        const answers = GROWTH[team]![month]!.map((growth, i) => ({ growth, engagement: ENGAGEMENT[team]![month]![i]! }));
        await plantResponses(t, tenant, round, units[team]!, `2026-0${month + 1}-1${month + 4}`, answers);
      }
    }
    // D7: four people in January, below k.
    await plantResponses(t, tenant, round, units.D7!, '2026-01-20', Array(4).fill({ growth: 5, engagement: 5 }));
    const items = [...TEAMS, 'D7'].flatMap((team) => [0, 1].map((m) => ({ unitId: units[team], metric: 'csat', period: `2026-0${m + 1}`, value: CSAT[team]?.[m] ?? 4, n: 40 })));
    const stored = await t.http.put('/api/v1/cx-metrics/bulk').set('Authorization', tenant.bearer('integration')).send({ items });
    expect(stored.body.summary.errors).toBe(0);
  });
  afterAll(() => t.close());

  it('ranks every driver by |r| with the CX metric, with n, p, its mean and its quadrant', async () => {
    const response = await drivers('cxMetric=csat&from=2026-01&to=2026-02');
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body).toMatchObject({ cxMetric: 'csat', higherIsBetter: true, granularity: 'month', from: '2026-01', to: '2026-02', lag: 0, anonymityThreshold: 5 });
    // Every default driver is listed; the two answered come first, by |r|, the rest by key.
    const keys = body.drivers.map((d: { driverKey: string }) => d.driverKey);
    expect(keys.slice(0, 2)).toEqual(['growth', 'engagement']);
    expect(keys.slice(2)).toEqual([...keys.slice(2)].sort());
    expect(keys).toHaveLength(11);
    for (const key of ['growth', 'engagement'] as const) {
      const row = body.drivers.find((d: { driverKey: string }) => d.driverKey === key);
      const e = EXPECTED[key];
      expect(row.pairs).toBe(e.n);
      for (const field of ['r', 'p', 'ciLow', 'ciHigh', 'rho', 'rhoP', 'mean'] as const) close(row[field], e[field]);
      // D7 (four people in January) is left out and counted; its February has no answers at all.
      expect(row.excluded).toEqual({ belowThreshold: 1, differencing: 0, noCx: 0, cxSampleBelowMinimum: 0, noUnitAtLevel: 0 });
    }
    // Cross-hairs: mean r 0.2612…, mean performance 3.6833…: growth matters most and scores lowest.
    close(body.crosshairs.importance, (EXPECTED.growth.r + EXPECTED.engagement.r) / 2);
    close(body.crosshairs.performance, (EXPECTED.growth.mean + EXPECTED.engagement.mean) / 2);
    expect(body.drivers[0]).toMatchObject({ driverKey: 'growth', driverName: 'Growth', quadrant: 'concentrate_here', reason: null });
    expect(body.drivers[1]).toMatchObject({ driverKey: 'engagement', quadrant: 'possible_overkill' });
    expect(body.drivers[2]).toMatchObject({ pairs: 0, r: null, rho: null, p: null, mean: null, quadrant: null, reason: 'too_few_pairs' });
  });

  it('agrees with the linkage report of each driver', async () => {
    const linkage = (await t.http.get('/api/v1/reports/ex-cx?exMeasure=driver:growth&cxMetric=csat&from=2026-01&to=2026-02').set('Authorization', hr)).body;
    const growth = (await drivers('cxMetric=csat&from=2026-01&to=2026-02')).body.drivers[0];
    expect(growth.pairs).toBe(linkage.pairs);
    expect(growth.r).toBe(linkage.statistics.pearson.r);
    expect(growth.rho).toBe(linkage.statistics.spearman.rho);
    expect(growth.excluded).toEqual(linkage.excluded);
  });

  it('turns importance round for a metric where lower is better', async () => {
    await t.http.post('/api/v1/cx-metrics').set('Authorization', hr).send({ key: 'effort', name: 'Customer effort', kind: 'ces', higherIsBetter: false }).expect(201);
    const items = TEAMS.flatMap((team) => [0, 1].map((m) => ({ unitId: units[team], metric: 'effort', period: `2026-0${m + 1}`, value: 8 - CSAT[team]![m]!, n: 40 })));
    await t.http.put('/api/v1/cx-metrics/bulk').set('Authorization', hr).send({ items }).expect(200);
    const body = (await drivers('cxMetric=effort&from=2026-01&to=2026-02')).body;
    expect(body.higherIsBetter).toBe(false);
    // effort = 8 − CSAT: r changes sign, |r| and the ranking do not, and growth is still the driver to fix.
    close(body.drivers[0].r, -EXPECTED.growth.r);
    expect(body.drivers[0]).toMatchObject({ driverKey: 'growth', quadrant: 'concentrate_here' });
    close(body.crosshairs.importance, (EXPECTED.growth.r + EXPECTED.engagement.r) / 2);
  });

  it('answers the drivers as CSV, parsed back to the same figures', async () => {
    const json = (await drivers('cxMetric=csat&from=2026-01&to=2026-02')).body;
    const response = await drivers('cxMetric=csat&from=2026-01&to=2026-02&format=csv');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toBe('attachment; filename="ex-cx-drivers.csv"');
    const rows = parse(text(response), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(11);
    expect(Object.keys(rows[0]!)).toEqual(['driver_key', 'driver_name', 'pairs', 'r', 'ci_low', 'ci_high', 'p', 'rho', 'rho_p', 'mean', 'quadrant', 'reason']);
    expect(rows.map((r) => r.driver_key)).toEqual(json.drivers.map((d: { driverKey: string }) => d.driverKey));
    expect(Number(rows[0]!.r)).toBe(json.drivers[0].r);
    expect(Number(rows[0]!.mean)).toBe(json.drivers[0].mean);
    expect(rows[0]).toMatchObject({ driver_key: 'growth', pairs: '12', quadrant: 'concentrate_here', reason: '' });
    expect(rows[2]).toMatchObject({ pairs: '0', r: '', mean: '', quadrant: '', reason: 'too_few_pairs' });
  });

  it('draws the drivers as an importance × performance chart: valid XML, one mark per driver with statistics', async () => {
    const response = await drivers('cxMetric=csat&from=2026-01&to=2026-02&format=svg');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = text(response);
    expect(XMLValidator.validate(svg)).toBe(true);
    const root = svgParser.parse(svg).svg;
    const points = root.circle.filter((c: { class: string }) => c.class === 'point');
    expect(points.map((c: { title: string }) => c.title.split(':')[0])).toEqual(['Growth', 'Engagement']);
    expect(root.line.filter((l: { class?: string }) => l.class === 'crosshair')).toHaveLength(2);
    expect(root.title['#text']).toBe('What moves csat most: Growth (r = 0.99, n = 12)');
  });

  it('draws the linkage of one driver with its line and r in the title, escaping names', async () => {
    const response = await t.http.get('/api/v1/reports/ex-cx?exMeasure=driver:growth&cxMetric=csat&from=2026-01&to=2026-02&format=svg').set('Authorization', hr).buffer(true);
    expect(response.status).toBe(200);
    const svg = text(response);
    expect(XMLValidator.validate(svg)).toBe(true);
    const root = svgParser.parse(svg).svg;
    const points = root.circle.filter((c: { class: string }) => c.class === 'point');
    expect(points).toHaveLength(12);
    // The unit named `R&D <3>, "north"` comes through as text, not markup.
    expect(svg).toContain('<title>R&amp;D &lt;3&gt;, &quot;north&quot; 2026-01: EX 2.00');
    expect(points.filter((c: { title: string }) => c.title.startsWith('R&D <3>, "north" 2026-01'))).toHaveLength(1);
    expect(root.title['#text']).toMatch(/^growth \(mean 1–5\) and csat: r = 0\.99 /);
    expect(root.line.filter((l: { class?: string }) => l.class === 'regression')).toHaveLength(1);
    const csv = await t.http.get('/api/v1/reports/ex-cx?exMeasure=driver:growth&cxMetric=csat&from=2026-01&to=2026-02&format=csv').set('Authorization', hr).buffer(true);
    const rows = parse(text(csv), { columns: true }) as Record<string, string>[];
    expect(rows.filter((r) => r.unit_name === 'R&D <3>, "north"').map((r) => [r.period, Number(r.ex), Number(r.cx)])).toEqual([
      ['2026-01', 2, 2.95],
      ['2026-02', 2, 3.02],
    ]);
  });

  it('shows a manager their reporting line only, and refuses a manager who manages nothing', async () => {
    const lead = await createEmployee(t, tenant);
    await t.http.patch(`/api/v1/units/${units.D1}`).set('Authorization', hr).send({ managerId: lead.id }).expect(200);
    const user = await createUser(t, tenant, { role: 'manager' });
    await t.http.patch(`/api/v1/users/${user.id}`).set('Authorization', hr).send({ employeeId: lead.id }).expect(200);
    const body = (await drivers('cxMetric=csat&from=2026-01&to=2026-02', await loginAs(t, user.email))).body;
    // D1 alone: two pairs, no statistics, and D7's suppression is outside the manager's reach.
    const growth = body.drivers.find((d: { driverKey: string }) => d.driverKey === 'growth');
    expect(growth).toMatchObject({ pairs: 2, r: null, reason: 'too_few_pairs', quadrant: null });
    close(growth.mean, (2.6 + 3.2) / 2);
    expect(growth.excluded.belowThreshold).toBe(0);

    const nobody = await createUser(t, tenant, { role: 'manager' });
    const refused = await drivers('cxMetric=csat&from=2026-01&to=2026-02', await loginAs(t, nobody.email));
    expect(refused.status).toBe(403);
    expect(refused.body.type).toBe('/problems/cx.out_of_scope');
  });

  it('shows another organisation nothing of this one', async () => {
    const other = await createTenant(t);
    const body = (await drivers('cxMetric=csat&from=2026-01&to=2026-02', other.bearer('hr_admin'))).body;
    expect(body.drivers.every((d: { pairs: number; excluded: Record<string, number> }) => d.pairs === 0 && Object.values(d.excluded).every((n) => n === 0))).toBe(true);
    expect(body.crosshairs).toEqual({ importance: null, performance: null });
  });

  it('answers bad input with 400 problems, never 500', async () => {
    for (const query of [
      'from=2026-01&to=2026-02',
      'cxMetric=ltv&from=2026-01&to=2026-02',
      'cxMetric=csat&from=2026-02&to=2026-01',
      'cxMetric=csat&from=2026-Q1&to=2026-02',
      'cxMetric=csat&from=2026-01&to=2026-02&lag=x',
      'cxMetric=csat&from=2026-01&to=2026-02&format=pdf',
      'cxMetric=csat&from=2026-01&to=2026-02&exMeasure=enps',
      'cxMetric=csat&from=2026-01&to=2026-02&lagScan=1',
    ]) {
      const response = await drivers(query);
      expect([query, response.status]).toEqual([query, 400]);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const svgOfBadInput = await drivers('cxMetric=nope&from=2026-01&to=2026-02&format=svg');
    expect(svgOfBadInput.status).toBe(400);
    expect(svgOfBadInput.headers['content-type']).toContain('application/problem+json');
  });
});
