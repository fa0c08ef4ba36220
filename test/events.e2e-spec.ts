import { createEmployee } from './factories/employee.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUnit } from './factories/unit.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

interface EventDto {
  seq: string;
  type: string;
  subjectId: string;
  payload: Record<string, unknown>;
}

describe('domain events (transactional outbox and feed)', () => {
  let t: TestApp;
  let tenant: TenantFixture;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    tenant = await createTenant(t);
  });
  afterAll(() => t.close());

  const feed = async (query = '', as: TenantFixture = tenant): Promise<{ items: EventDto[]; lastSeq: string | null }> => {
    const response = await t.http.get(`/api/v1/events${query}`).set('Authorization', as.bearer('integration'));
    expect(response.status).toBe(200);
    return response.body;
  };

  it('records the journey of an employee made through the API, in order', async () => {
    const [unitA, unitB] = [await createUnit(t, tenant), await createUnit(t, tenant)];
    const boss = await createEmployee(t, tenant, { stage: 'engage' });
    const hr = tenant.bearer('hr_admin');
    const created = await t.http.post('/api/v1/employees').set('Authorization', hr).send({ firstName: 'N', lastName: 'Hire', stage: 'hire', unitId: unitA.id, jobTitle: 'Junior' });
    const id = created.body.id as string;
    await t.http.post(`/api/v1/employees/${id}/transitions`).set('Authorization', hr).send({ to: 'onboard' });
    await t.http.patch(`/api/v1/employees/${id}`).set('Authorization', hr).send({ unitId: unitB.id, managerId: boss.id });
    await t.http.patch(`/api/v1/employees/${id}`).set('Authorization', hr).send({ jobTitle: 'Senior', promotion: true });
    await t.http.patch(`/api/v1/employees/${id}`).set('Authorization', hr).send({ jobTitle: 'Senior II' });
    await t.http.post(`/api/v1/employees/${id}/transitions`).set('Authorization', hr).send({ to: 'depart', reason: 'moved abroad' });

    const { items } = await feed(`?subjectId=${id}`);
    expect(items.map((e) => e.type)).toEqual([
      'employee.stage_changed',
      'employee.hired',
      'employee.stage_changed',
      'employee.transferred',
      'employee.manager_changed',
      'employee.promoted',
      'employee.stage_changed',
      'employee.departed',
    ]);
    expect(items[3]!.payload).toEqual({ fromUnitId: unitA.id, toUnitId: unitB.id });
    expect(items[4]!.payload).toEqual({ fromManagerId: null, toManagerId: boss.id });
    expect(items[5]!.payload).toEqual({ fromJobTitle: 'Junior', toJobTitle: 'Senior' });
    expect(items[7]!.payload).toMatchObject({ from: 'onboard', reason: 'moved abroad' });
    const seqs = items.map((e) => BigInt(e.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('records nothing for a change that was refused or rolled back', async () => {
    const employee = await createEmployee(t, tenant, { stage: 'attract' });
    const before = (await feed()).items.length;
    const refused = await t.http.post(`/api/v1/employees/${employee.id}/transitions`).set('Authorization', tenant.bearer('hr_admin')).send({ to: 'engage' });
    expect(refused.status).toBe(409);
    const dry = await t.http
      .put('/api/v1/employees/bulk?dryRun=true')
      .set('Authorization', tenant.bearer('integration'))
      .send({ items: [{ externalId: 'D1', firstName: 'D', lastName: 'Ry', stage: 'hire' }] });
    expect(dry.body.summary.created).toBe(1);
    expect((await feed()).items).toHaveLength(before);
  });

  it('records the same events for the same changes made through an HRIS import, departures of a full sync included', async () => {
    const bulk = (items: unknown[], query = '') =>
      t.http.put(`/api/v1/employees/bulk${query}`).set('Authorization', tenant.bearer('integration')).send({ items });
    const staff = Array.from({ length: 5 }, (_, i) => ({ externalId: `S${i}`, firstName: 'S', lastName: `${i}`, stage: 'engage' }));
    await bulk(staff);
    await bulk([{ ...staff[0], stage: 'develop' }, ...staff.slice(1, 4)], '?mode=full');

    const changed = await feed('?type=employee.stage_changed');
    expect(changed.items.map((e) => [e.payload.from, e.payload.to, e.payload.source])).toEqual([
      ...staff.map(() => [null, 'engage', 'import']),
      ['engage', 'develop', 'import'],
      ['engage', 'depart', 'import'],
    ]);
    const departed = await feed('?type=employee.departed');
    expect(departed.items.map((e) => e.payload.reason)).toEqual(['Missing from a full HRIS sync']);
    // Unchanged rows announce nothing.
    expect((await bulk(staff.slice(1, 4))).body.summary.unchanged).toBe(3);
    expect((await feed('?type=employee.stage_changed')).items).toHaveLength(7);
  });

  it('is followed with `after`, a page at a time', async () => {
    for (let i = 0; i < 5; i++) await createEmployee(t, tenant, { stage: 'engage' });
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const body: { items: EventDto[]; lastSeq: string | null } = await feed(`?limit=2${after ? `&after=${after}` : ''}`);
      if (body.items.length === 0) break;
      seen.push(...body.items.map((e) => e.seq));
      after = body.lastSeq;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const end = await feed(`?after=${after}`);
    expect(end).toEqual({ items: [], lastSeq: after });
  });

  it('keeps each tenant’s events to itself and refuses bad parameters', async () => {
    const other = await createTenant(t);
    const theirs = await createEmployee(t, other, { stage: 'hire' });
    expect((await feed(`?subjectId=${theirs.id}`)).items).toEqual([]);
    expect((await feed('', other)).items.length).toBeGreaterThan(0);
    for (const query of ['?after=abc', '?subjectId=nope', '?limit=0']) {
      expect((await t.http.get(`/api/v1/events${query}`).set('Authorization', tenant.bearer('hr_admin'))).status).toBe(400);
    }
    expect((await t.http.get('/api/v1/events').set('Authorization', tenant.bearer('manager'))).status).toBe(403);
  });
});
