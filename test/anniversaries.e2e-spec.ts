import { AnniversariesJob } from '#src/modules/employees/anniversaries.job.js';
import { createEmployee } from './factories/employee.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

describe('work anniversaries', () => {
  let t: TestApp;
  let job: AnniversariesJob;
  let tenant: TenantFixture;

  beforeAll(async () => {
    t = await createTestApp();
    job = t.app.get(AnniversariesJob);
  });
  beforeEach(async () => {
    tenant = await createTenant(t);
  });
  afterAll(() => t.close());

  const anniversaries = async (tenantId = tenant.id) =>
    (await t.sql.query(`SELECT subject_id, payload FROM domain_events WHERE tenant_id = $1 AND type = 'employee.anniversary' ORDER BY subject_id`, [tenantId])).rows;

  it('records each anniversary of the day once, with the years, whatever the number of passes', async () => {
    const three = await createEmployee(t, tenant, { startDate: '2023-06-15' });
    const one = await createEmployee(t, tenant, { startDate: '2025-06-15' });
    await createEmployee(t, tenant, { startDate: '2026-06-15' }); // first day, not an anniversary
    await createEmployee(t, tenant, { startDate: '2023-06-16' });
    await createEmployee(t, tenant, { startDate: '2020-06-15', stage: 'depart' });
    const now = new Date('2026-06-15T12:00:00Z');
    await Promise.all([job.recordToday(now), job.recordToday(now)]);
    await job.recordToday(now);
    const rows = await anniversaries();
    expect(rows.map((r) => [r.subject_id, r.payload.years]).sort()).toEqual([[one.id, 1], [three.id, 3]].sort());
    expect(rows.find((r) => r.subject_id === three.id)!.payload).toEqual({ years: 3, startDate: '2023-06-15', date: '2026-06-15' });
  });

  it('counts the day in the tenant’s time zone', async () => {
    await t.http.patch('/api/v1/tenant').set('Authorization', tenant.bearer('hr_admin')).send({ settings: { timezone: 'Pacific/Auckland' } });
    const employee = await createEmployee(t, tenant, { startDate: '2024-06-16' });
    // 13:00 UTC on 15 June is already 16 June in Auckland.
    await job.recordToday(new Date('2026-06-15T13:00:00Z'));
    expect((await anniversaries()).map((r) => r.subject_id)).toEqual([employee.id]);
  });

  it('celebrates a 29 February start on 28 February in other years', async () => {
    const leap = await createEmployee(t, tenant, { startDate: '2024-02-29' });
    await job.recordToday(new Date('2026-02-27T12:00:00Z'));
    expect(await anniversaries()).toEqual([]);
    await job.recordToday(new Date('2026-02-28T12:00:00Z'));
    expect((await anniversaries()).map((r) => [r.subject_id, r.payload.years])).toEqual([[leap.id, 2]]);
  });
});
