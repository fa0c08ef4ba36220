import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUnit } from './factories/unit.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

describe('CX metrics and observations', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  let unitA: string;
  let unitB: string;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    tenant = await createTenant(t);
    unitA = (await createUnit(t, tenant, { name: 'Support', externalId: 'U-SUP' })).id;
    unitB = (await createUnit(t, tenant, { name: 'Sales' })).id;
  });
  afterAll(() => t.close());

  const bulk = (items: unknown[], role: 'hr_admin' | 'integration' = 'integration') =>
    t.http.put('/api/v1/cx-metrics/bulk').set('Authorization', tenant.bearer(role)).send({ items });
  const stored = async () =>
    (await t.sql.query('SELECT unit_id, metric_key, period, granularity, value, n FROM cx_observations WHERE tenant_id = $1 ORDER BY period, metric_key', [tenant.id])).rows;

  describe('metric definitions', () => {
    it('gives every organisation csat and nps', async () => {
      const response = await t.http.get('/api/v1/cx-metrics').set('Authorization', tenant.bearer('manager'));
      expect(response.status).toBe(200);
      expect(response.body.items).toEqual([
        { key: 'csat', name: 'Customer satisfaction (CSAT)', kind: 'csat', minValue: 1, maxValue: 5, higherIsBetter: true },
        { key: 'nps', name: 'Net Promoter Score (NPS)', kind: 'nps', minValue: -100, maxValue: 100, higherIsBetter: true },
      ]);
    });

    it('defines metrics with the ranges of their kind', async () => {
      const post = (body: object) => t.http.post('/api/v1/cx-metrics').set('Authorization', tenant.bearer('hr_admin')).send(body);
      expect((await post({ key: 'csat100', name: 'CSAT %', kind: 'csat', minValue: 0, maxValue: 100 })).body).toMatchObject({ minValue: 0, maxValue: 100 });
      expect((await post({ key: 'effort', name: 'Effort', kind: 'ces', higherIsBetter: false })).body).toMatchObject({ minValue: 1, maxValue: 7, higherIsBetter: false });
      expect((await post({ key: 'aht', name: 'Handle time', kind: 'custom', minValue: 0, maxValue: 3600 })).status).toBe(201);

      const wrongRange = await post({ key: 'csat10', name: 'CSAT 10', kind: 'csat', minValue: 0, maxValue: 10 });
      expect(wrongRange.status).toBe(400);
      expect(wrongRange.body.errors[0].message).toContain('1…5 or 0…100');
      expect((await post({ key: 'x', name: 'X', kind: 'custom', minValue: 5 })).status).toBe(400);
      expect((await post({ key: 'Bad Key', name: 'X', kind: 'nps' })).status).toBe(400);
      const taken = await post({ key: 'nps', name: 'Again', kind: 'nps' });
      expect(taken.status).toBe(409);
      expect(taken.body.type).toBe('/problems/cx.metric_exists');
    });
  });

  describe('PUT /cx-metrics/bulk', () => {
    const ROWS = () => [
      { unitId: unitA, metric: 'csat', period: '2026-01', value: 4.2, n: 120 },
      { unitExternalId: 'U-SUP', metric: 'nps', period: '2026-01', value: 31, n: 80 },
      { unitId: unitB, metric: 'csat', period: '2026-W05', value: 3.9, n: 40 },
      { unitId: unitB, metric: 'nps', period: '2026-Q1', value: -12.5, n: 300 },
    ];

    it('creates, then answers unchanged for the same payload, then updated for a changed figure', async () => {
      const first = await bulk(ROWS());
      expect(first.status).toBe(200);
      expect(first.body.summary).toEqual({ created: 4, updated: 0, unchanged: 0, errors: 0 });
      const ids = first.body.results.map((r: { id: string }) => r.id);

      const again = await bulk(ROWS());
      expect(again.body.summary).toEqual({ created: 0, updated: 0, unchanged: 4, errors: 0 });
      expect(again.body.results.map((r: { id: string }) => r.id)).toEqual(ids);

      const changed = ROWS();
      changed[0]!.value = 4.4;
      changed[3]!.n = 301;
      const third = await bulk(changed);
      expect(third.body.results.map((r: { status: string }) => r.status)).toEqual(['updated', 'unchanged', 'unchanged', 'updated']);
      expect(await stored()).toEqual([
        { unit_id: unitA, metric_key: 'csat', period: '2026-01', granularity: 'month', value: 4.4, n: 120 },
        { unit_id: unitA, metric_key: 'nps', period: '2026-01', granularity: 'month', value: 31, n: 80 },
        { unit_id: unitB, metric_key: 'nps', period: '2026-Q1', granularity: 'quarter', value: -12.5, n: 301 },
        { unit_id: unitB, metric_key: 'csat', period: '2026-W05', granularity: 'week', value: 3.9, n: 40 },
      ]);
    });

    it('answers each bad row with its fields and stores the good ones', async () => {
      const other = await createTenant(t);
      const foreignUnit = (await createUnit(t, other)).id;
      const response = await bulk([
        { unitId: unitA, metric: 'csat', period: '2026-02', value: 5.5, n: 10 },
        { unitId: unitA, metric: 'nps', period: '2026-02', value: -100, n: 10 },
        { unitId: unitA, metric: 'nps', period: '2026-02', value: 10, n: 10 },
        { unitId: foreignUnit, metric: 'csat', period: '2026-02', value: 4, n: 10 },
        { unitExternalId: 'nope', metric: 'csat', period: '2026-02', value: 4, n: 10 },
        { metric: 'csat', period: '2026-02', value: 4, n: 10 },
        { unitId: unitA, metric: 'ltv', period: '2026-02', value: 4, n: 10 },
        { unitId: unitA, metric: 'csat', period: '2026-13', value: 4, n: 10 },
        { unitId: unitA, metric: 'csat', period: '2027-W53', value: 4, n: 10 },
      ]);
      expect(response.status).toBe(200);
      expect(response.body.summary).toEqual({ created: 1, updated: 0, unchanged: 0, errors: 8 });
      expect(response.body.results.map((r: { status: string; errors?: { field: string }[] }) => [r.status, r.errors?.map((e) => e.field)])).toEqual([
        ['error', ['value']],
        ['created', undefined],
        ['error', ['period']],
        ['error', ['unitId']],
        ['error', ['unitExternalId']],
        ['error', ['unitId']],
        ['error', ['metric']],
        ['error', ['period']],
        ['error', ['period']],
      ]);
      expect(await stored()).toHaveLength(1);
    });

    it('refuses a malformed payload as a whole with 400, never 500', async () => {
      for (const items of [[{ unitId: unitA, metric: 'csat', period: '2026-01', value: 'high', n: 1 }], [{ unitId: unitA, metric: 'csat', period: '2026-01', value: 4, n: 0 }], [{ unitId: 'x', metric: 'csat', period: '2026-01', value: 4, n: 1 }], []]) {
        const response = await bulk(items);
        expect(response.status).toBe(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
      }
      const tooMany = await bulk(Array.from({ length: 10_001 }, () => ({ unitId: unitA, metric: 'csat', period: '2026-01', value: 4, n: 1 })));
      expect(tooMany.status).toBe(400);
      expect(await stored()).toEqual([]);
    });

    it('takes 10,000 rows in one call', async () => {
      const items = Array.from({ length: 10_000 }, (_, i) => ({
        unitId: i % 2 ? unitA : unitB,
        metric: i % 4 < 2 ? 'csat' : 'nps',
        period: `${2000 + Math.floor(i / 48)}-${String((Math.floor(i / 4) % 12) + 1).padStart(2, '0')}`,
        value: i % 4 < 2 ? 3 + (i % 7) / 5 : (i % 200) - 100,
        n: 1 + (i % 50),
      }));
      const response = await bulk(items, 'hr_admin');
      expect(response.status).toBe(200);
      expect(response.body.summary).toEqual({ created: 10_000, updated: 0, unchanged: 0, errors: 0 });
      expect((await t.sql.query('SELECT count(*)::int AS n FROM cx_observations WHERE tenant_id = $1', [tenant.id])).rows[0].n).toBe(10_000);
    });

    it('keeps tenants apart: the same unit id of another tenant is unknown', async () => {
      const other = await createTenant(t);
      const response = await t.http
        .put('/api/v1/cx-metrics/bulk')
        .set('Authorization', other.bearer('integration'))
        .send({ items: [{ unitId: unitA, metric: 'csat', period: '2026-01', value: 4, n: 1 }] });
      expect(response.body.results[0]).toMatchObject({ status: 'error', errors: [{ field: 'unitId', message: 'does not match a unit' }] });
    });
  });

  describe('POST /cx-metrics/import (CSV)', () => {
    const upload = (csv: string) =>
      t.http.post('/api/v1/cx-metrics/import').set('Authorization', tenant.bearer('integration')).set('Content-Type', 'text/csv').send(csv);

    it('imports rows and answers bad ones with their line', async () => {
      const file = ['unitExternalId,metric,period,value,n', 'U-SUP,csat,2026-03,4.5,20', 'U-SUP,csat,2026-04,high,20', 'U-SUP,nps,2026-Q2,120,20', '', 'U-SUP,nps,2026-Q2,12,1.5', 'U-SUP,nps,2026-Q2,12,7'].join('\n');
      const response = await upload(file);
      expect(response.status).toBe(200);
      expect(response.body.summary).toEqual({ created: 2, updated: 0, unchanged: 0, errors: 3 });
      expect(response.body.results.map((r: { line: number; status: string; errors?: { field: string }[] }) => [r.line, r.status, r.errors?.map((e) => e.field)])).toEqual([
        [2, 'created', undefined],
        [3, 'error', ['value']],
        [4, 'error', ['value']],
        [6, 'error', ['n']],
        [7, 'created', undefined],
      ]);
      expect((await upload(file)).body.summary).toEqual({ created: 0, updated: 0, unchanged: 2, errors: 3 });
    });

    it('refuses unknown columns, an empty file and other media types', async () => {
      expect((await upload('unit,metric,period,value,n\nx,csat,2026-01,4,1')).status).toBe(400);
      expect((await upload('unitId,metric,period,value,n\n')).status).toBe(400);
      const json = await t.http.post('/api/v1/cx-metrics/import').set('Authorization', tenant.bearer('integration')).send({ items: [] });
      expect(json.status).toBe(415);
    });
  });
});
