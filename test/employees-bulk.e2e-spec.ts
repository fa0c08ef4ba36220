import { createEmployee } from './factories/employee.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

describe('PUT /api/v1/employees/bulk (HRIS upsert)', () => {
  let t: TestApp;
  let tenant: TenantFixture;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    tenant = await createTenant(t);
  });
  afterAll(() => t.close());

  const bulk = (items: unknown[], as: TenantFixture = tenant, role: 'hr_admin' | 'integration' = 'integration') =>
    t.http.put('/api/v1/employees/bulk').set('Authorization', as.bearer(role)).send({ items });
  const count = async (sql: string, ...params: unknown[]) => Number((await t.sql.query(sql, params)).rows[0].count);

  const team = [
    // The report comes before the manager: references resolve in any order.
    { externalId: 'E2', firstName: 'Bo', lastName: 'Report', stage: 'engage', managerExternalId: 'E1', referredByExternalId: 'E1' },
    { externalId: 'E1', firstName: 'Al', lastName: 'Boss', stage: 'perform', workEmail: 'Al@Example.com', startDate: '2024-03-01' },
    { externalId: 'E3', firstName: 'Cy', lastName: 'New', stage: 'hire', managerExternalId: 'E1', jobTitle: 'Analyst' },
  ];

  it('creates employees with their references, first stage and assignment, and is idempotent', async () => {
    const first = await bulk(team);
    expect(first.status).toBe(200);
    expect(first.body.summary).toEqual({ created: 3, departed: 0, updated: 0, unchanged: 0, errors: 0 });
    const ids = Object.fromEntries(first.body.results.map((r: { externalId: string; id: string }) => [r.externalId, r.id]));
    const stored = await t.sql.query('SELECT external_id, manager_id, referred_by_id, work_email, stage FROM employees WHERE tenant_id = $1 ORDER BY external_id', [tenant.id]);
    expect(stored.rows).toEqual([
      { external_id: 'E1', manager_id: null, referred_by_id: null, work_email: 'al@example.com', stage: 'perform' },
      { external_id: 'E2', manager_id: ids.E1, referred_by_id: ids.E1, work_email: null, stage: 'engage' },
      { external_id: 'E3', manager_id: ids.E1, referred_by_id: null, work_email: null, stage: 'hire' },
    ]);
    const transitions = await t.sql.query(`SELECT from_stage, to_stage, source FROM stage_transitions WHERE tenant_id = $1`, [tenant.id]);
    expect(transitions.rows).toHaveLength(3);
    expect(transitions.rows.every((r) => r.from_stage === null && r.source === 'import')).toBe(true);

    const again = await bulk(team);
    expect(again.body.summary).toEqual({ created: 0, departed: 0, updated: 0, unchanged: 3, errors: 0 });
    expect(again.body.results.map((r: { id: string }) => r.id).sort()).toEqual(Object.values(ids).sort());
    expect(await count('SELECT count(*) FROM stage_transitions WHERE tenant_id = $1', tenant.id)).toBe(3);
    expect(await count('SELECT count(*) FROM employee_assignments WHERE tenant_id = $1', tenant.id)).toBe(3);
    expect(await count('SELECT count(*) FROM employees WHERE tenant_id = $1 AND version > 1', tenant.id)).toBe(0);
  });

  it('applies a change like the API would: allowed stage moves with history, assignment history, refused moves as row errors', async () => {
    await bulk(team);
    const response = await bulk([
      { externalId: 'E1', firstName: 'Al', lastName: 'Boss', stage: 'depart' },
      { externalId: 'E2', firstName: 'Bo', lastName: 'Report', stage: 'develop', jobTitle: 'Senior' },
      { externalId: 'E3', firstName: 'Cy', lastName: 'New', stage: 'engage' },
    ]);
    expect(response.status).toBe(200);
    expect(response.body.summary).toEqual({ created: 0, departed: 0, updated: 2, unchanged: 0, errors: 1 });
    expect(response.body.results[2]).toEqual({
      index: 2,
      externalId: 'E3',
      status: 'error',
      errors: [{ field: 'stage', message: 'cannot move from hire to engage; allowed: onboard, depart' }],
    });
    const moves = await t.sql.query(
      `SELECT e.external_id, t.from_stage, t.to_stage FROM stage_transitions t JOIN employees e ON e.tenant_id = t.tenant_id AND e.id = t.employee_id
       WHERE t.tenant_id = $1 AND t.from_stage IS NOT NULL ORDER BY e.external_id`,
      [tenant.id],
    );
    expect(moves.rows).toEqual([
      { external_id: 'E1', from_stage: 'perform', to_stage: 'depart' },
      { external_id: 'E2', from_stage: 'engage', to_stage: 'develop' },
    ]);
    // Omitted fields were kept: E1's e-mail and start date survive an update that did not send them.
    const e1 = await t.sql.query(`SELECT work_email, to_char(start_date, 'YYYY-MM-DD') AS start_date FROM employees WHERE tenant_id = $1 AND external_id = 'E1'`, [tenant.id]);
    expect(e1.rows[0]).toEqual({ work_email: 'al@example.com', start_date: '2024-03-01' });
    const e2Assignments = await t.sql.query(
      `SELECT a.job_title FROM employee_assignments a JOIN employees e ON e.tenant_id = a.tenant_id AND e.id = a.employee_id
       WHERE a.tenant_id = $1 AND e.external_id = 'E2' ORDER BY a.valid_from, a.valid_to NULLS LAST`,
      [tenant.id],
    );
    expect(e2Assignments.rows.map((r) => r.job_title)).toEqual([null, 'Senior']);
    expect((await t.sql.query(`SELECT stage FROM employees WHERE tenant_id = $1 AND external_id = 'E3'`, [tenant.id])).rows[0].stage).toBe('hire');
  });

  it('clears a field sent as null', async () => {
    await bulk(team);
    const response = await bulk([{ externalId: 'E3', firstName: 'Cy', lastName: 'New', managerExternalId: null, jobTitle: null }]);
    expect(response.body.summary.updated).toBe(1);
    const e3 = await t.sql.query(`SELECT manager_id, job_title FROM employees WHERE tenant_id = $1 AND external_id = 'E3'`, [tenant.id]);
    expect(e3.rows[0]).toEqual({ manager_id: null, job_title: null });
  });

  it('answers problem rows with their reasons and applies the rest', async () => {
    const existing = await createEmployee(t, tenant, { externalId: 'X0', workEmail: 'taken@example.com' });
    const response = await bulk([
      { externalId: 'N1', firstName: 'A', lastName: 'One' },
      { externalId: 'N2', firstName: 'B', lastName: 'Two', stage: 'hire', unitExternalId: 'no-such-unit' },
      { externalId: 'N3', firstName: 'C', lastName: 'Three', stage: 'hire', managerExternalId: 'ghost' },
      { externalId: 'N4', firstName: 'D', lastName: 'Four', stage: 'hire', managerExternalId: 'N3' },
      { externalId: 'N5', firstName: 'E', lastName: 'Five', stage: 'hire', workEmail: 'TAKEN@example.com' },
      { externalId: 'N6', firstName: 'F', lastName: 'Six', stage: 'hire', managerExternalId: 'X0' },
      { externalId: 'N6', firstName: 'F', lastName: 'Again', stage: 'hire' },
      { externalId: 'N7', firstName: 'G', lastName: 'Self', stage: 'hire', managerExternalId: 'N7' },
    ]);
    expect(response.status).toBe(200);
    const byIndex = response.body.results.map((r: { status: string; errors?: { field: string }[] }) => [r.status, r.errors?.map((e) => e.field)]);
    expect(byIndex).toEqual([
      ['error', ['stage']],
      ['error', ['unitExternalId']],
      ['error', ['managerExternalId']],
      ['error', ['managerExternalId']], // its manager N3 failed
      ['error', ['workEmail']],
      ['created', undefined],
      ['error', ['externalId']],
      ['error', ['managerExternalId']],
    ]);
    const n6 = await t.sql.query(`SELECT manager_id FROM employees WHERE tenant_id = $1 AND external_id = 'N6'`, [tenant.id]);
    expect(n6.rows[0].manager_id).toBe(existing.id);
    expect(await count('SELECT count(*) FROM employees WHERE tenant_id = $1', tenant.id)).toBe(2);
  });

  it('refuses a malformed payload as a whole and stores nothing', async () => {
    for (const items of [[], [{ externalId: 'A', firstName: 'A' }], [{ externalId: 'A', firstName: 'A', lastName: 'B', stage: 'hire', startDate: '2026-02-30' }]]) {
      const response = await bulk(items);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
    }
    const tooMany = await bulk(Array.from({ length: 10_001 }, (_, i) => ({ externalId: `R${i}`, firstName: 'A', lastName: 'B', stage: 'hire' })));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].field).toBe('items');
    expect(await count('SELECT count(*) FROM employees WHERE tenant_id = $1', tenant.id)).toBe(0);
  });

  it('accepts a body above the ordinary 1 MiB limit on this route', async () => {
    const items = Array.from({ length: 6_000 }, (_, i) => ({
      externalId: `BIG-${i}`,
      firstName: 'Firstname',
      lastName: `Lastname ${i}`,
      stage: 'engage',
      jobTitle: 'A job title long enough to make the payload weigh something',
      location: 'Somewhere',
      startDate: '2025-01-01',
    }));
    const body = JSON.stringify({ items });
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const response = await t.http
      .put('/api/v1/employees/bulk')
      .set('Authorization', tenant.bearer('integration'))
      .set('Content-Type', 'application/json')
      .send(body);
    expect(response.status).toBe(200);
    expect(response.body.summary.created).toBe(6_000);
    // Ordinary routes keep the ordinary limit.
    const ordinary = await t.http
      .post('/api/v1/employees')
      .set('Authorization', tenant.bearer('hr_admin'))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ firstName: 'A', lastName: 'B', stage: 'hire', padding: 'x'.repeat(1024 * 1024) }));
    expect(ordinary.status).toBe(413);
  });

  it('keeps tenants apart: the same external id is a different employee in each', async () => {
    const other = await createTenant(t);
    await bulk(team);
    const response = await bulk([{ externalId: 'E1', firstName: 'Other', lastName: 'Person', stage: 'attract' }], other);
    expect(response.body.summary).toEqual({ created: 1, departed: 0, updated: 0, unchanged: 0, errors: 0 });
    const mine = await t.sql.query(`SELECT first_name FROM employees WHERE tenant_id = $1 AND external_id = 'E1'`, [tenant.id]);
    expect(mine.rows[0].first_name).toBe('Al');
    const manager = await bulk([{ externalId: 'Z', firstName: 'Z', lastName: 'Z', stage: 'hire', managerExternalId: 'E2' }], other);
    expect(manager.body.results[0].status).toBe('error');
  });

  describe('full sync', () => {
    const staff = (n: number, stage = 'engage') =>
      Array.from({ length: n }, (_, i) => ({ externalId: `S${i}`, firstName: 'S', lastName: `Staff ${i}`, stage }));

    it('departs employees missing from a full sync, with history, and leaves candidates and API-made employees alone', async () => {
      await bulk([...staff(10), { externalId: 'C1', firstName: 'Cand', lastName: 'Idate', stage: 'attract' }]);
      const manual = await createEmployee(t, tenant, { stage: 'engage' });
      const response = await t.http
        .put('/api/v1/employees/bulk?mode=full')
        .set('Authorization', tenant.bearer('integration'))
        .send({ items: staff(9) });
      expect(response.status).toBe(200);
      expect(response.body.summary).toEqual({ created: 0, departed: 1, updated: 0, unchanged: 9, errors: 0 });
      expect(response.body.departed).toEqual([{ id: expect.any(String), externalId: 'S9', from: 'engage' }]);
      const stages = await t.sql.query(`SELECT external_id, stage FROM employees WHERE tenant_id = $1 AND (external_id IN ('S9', 'C1') OR id = $2) ORDER BY external_id`, [tenant.id, manual.id]);
      expect(stages.rows).toEqual([
        { external_id: 'C1', stage: 'attract' },
        { external_id: 'S9', stage: 'depart' },
        { external_id: null, stage: 'engage' },
      ]);
      const move = await t.sql.query(
        `SELECT t.from_stage, t.to_stage, t.reason, t.source FROM stage_transitions t JOIN employees e ON e.tenant_id = t.tenant_id AND e.id = t.employee_id
         WHERE t.tenant_id = $1 AND e.external_id = 'S9' AND t.from_stage IS NOT NULL`,
        [tenant.id],
      );
      expect(move.rows).toEqual([{ from_stage: 'engage', to_stage: 'depart', reason: 'Missing from a full HRIS sync', source: 'import' }]);
    });

    it('refuses a full sync that would depart more than the guard share, unless forced', async () => {
      await bulk(staff(10));
      const before = await t.sql.query('SELECT id, stage, version FROM employees WHERE tenant_id = $1 ORDER BY id', [tenant.id]);
      // 3 of 10 (30 %) would leave: above the default 20 %.
      const refused = await t.http
        .put('/api/v1/employees/bulk?mode=full')
        .set('Authorization', tenant.bearer('integration'))
        .send({ items: [...staff(7), { externalId: 'NEW', firstName: 'N', lastName: 'N', stage: 'hire' }] });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ type: '/problems/employees.full_sync_guard', wouldDepart: 3, active: 10, guardPercent: 20 });
      expect(refused.body.detail).toContain('3 of 10');
      // Nothing at all was applied, not even the new hire.
      expect((await t.sql.query('SELECT id, stage, version FROM employees WHERE tenant_id = $1 ORDER BY id', [tenant.id])).rows).toEqual(before.rows);

      const forced = await t.http
        .put('/api/v1/employees/bulk?mode=full&force=true')
        .set('Authorization', tenant.bearer('integration'))
        .send({ items: staff(7) });
      expect(forced.body.summary.departed).toBe(3);
    });

    it('follows the tenant’s guard setting', async () => {
      await bulk(staff(10));
      await t.http.patch('/api/v1/tenant').set('Authorization', tenant.bearer('hr_admin')).send({ settings: { fullSyncDepartureGuardPercent: 50 } });
      const response = await t.http.put('/api/v1/employees/bulk?mode=full').set('Authorization', tenant.bearer('integration')).send({ items: staff(6) });
      expect(response.status).toBe(200);
      expect(response.body.summary.departed).toBe(4);
    });
  });

  describe('dry run', () => {
    it('reports exactly what a real run would do, and writes nothing', async () => {
      await bulk(team);
      const snapshot = async () => ({
        employees: (await t.sql.query('SELECT id, stage, job_title, version FROM employees WHERE tenant_id = $1 ORDER BY id', [tenant.id])).rows,
        transitions: await count('SELECT count(*) FROM stage_transitions WHERE tenant_id = $1', tenant.id),
        assignments: await count('SELECT count(*) FROM employee_assignments WHERE tenant_id = $1', tenant.id),
      });
      const before = await snapshot();
      const payload = [
        { externalId: 'E1', firstName: 'Al', lastName: 'Boss', stage: 'develop' },
        { externalId: 'E4', firstName: 'Di', lastName: 'Fresh', stage: 'hire' },
        { externalId: 'E5', firstName: 'Ed', lastName: 'Bad', stage: 'hire', unitExternalId: 'nowhere' },
      ];
      const dry = await t.http.put('/api/v1/employees/bulk?dryRun=true').set('Authorization', tenant.bearer('integration')).send({ items: payload });
      expect(dry.status).toBe(200);
      expect(dry.body.dryRun).toBe(true);
      expect(dry.body.summary).toEqual({ created: 1, departed: 0, updated: 1, unchanged: 0, errors: 1 });
      expect(await snapshot()).toEqual(before);

      const real = await bulk(payload);
      expect(real.body.dryRun).toBe(false);
      expect(real.body.summary).toEqual(dry.body.summary);
    });
  });

  it('refuses unknown options', async () => {
    const response = await t.http.put('/api/v1/employees/bulk?mode=replace&force=yes').set('Authorization', tenant.bearer('integration')).send({ items: team });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['force', 'mode']);
  });

  it('is for hr_admin and integration keys only', async () => {
    for (const role of ['manager', 'employee'] as const) {
      const response = await t.http.put('/api/v1/employees/bulk').set('Authorization', tenant.bearer(role)).send({ items: team });
      expect(response.status).toBe(403);
    }
  });
});
