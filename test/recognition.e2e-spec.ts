import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays } from '#src/modules/checklists/domain/start.js';
import { addMonths, localDate } from '#src/modules/employees/domain/tenure-phase.js';
import { RecognitionMomentsJob } from '#src/modules/recognition/recognition-moments.job.js';
import { createEmployee } from './factories/employee.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUnit } from './factories/unit.factory.js';
import { createUser, loginAs } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

describe('recognition', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  let hr: string;
  let team: { id: string };
  let other: { id: string };
  const people: Record<string, { id: string; auth: string }> = {};
  const today = localDate(new Date(), 'UTC');
  // Ana ends her first three months in two days or so; Ben has his third work anniversary in about three.
  const anaStart = addMonths(addDays(today, 2), -3);
  const benStart = addMonths(addDays(today, 3), -36);

  /** An employee with a signed-in user. */
  async function person(name: string, role: 'employee' | 'manager', fields: Record<string, unknown>) {
    const employee = await createEmployee(t, tenant, { firstName: name, lastName: 'Test', ...fields });
    const user = await createUser(t, tenant, { role });
    await t.http.patch(`/api/v1/users/${user.id}`).set('Authorization', hr).send({ employeeId: employee.id }).expect(200);
    people[name] = { id: employee.id, auth: await loginAs(t, user.email) };
  }

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t);
    hr = tenant.bearer('hr_admin');
    await person('Lena', 'manager', { stage: 'engage', startDate: '2019-01-01' });
    team = await createUnit(t, tenant, { name: 'Support', managerId: people.Lena!.id });
    other = await createUnit(t, tenant, { name: 'Sales' });
    await person('Ana', 'employee', { unitId: team.id, managerId: people.Lena!.id, startDate: anaStart });
    await person('Ben', 'employee', { unitId: team.id, managerId: people.Lena!.id, startDate: benStart });
    await person('Cleo', 'employee', { unitId: other.id, startDate: '2021-06-01' });
  });
  afterAll(() => t.close());

  const thank = (from: string, body: Record<string, unknown>) => t.http.post('/api/v1/recognitions').set('Authorization', people[from]!.auth).send({ message: 'Thank you!', ...body });
  const feed = async (who: string, query = '') => ((await t.http.get(`/api/v1/recognitions${query}`).set('Authorization', people[who]!.auth)).body.items as { id: string }[]).map((r) => r.id);

  it('puts a public thank-you in the recipients’ unit feed for everyone', async () => {
    const response = await thank('Cleo', { recipientIds: [people.Ana!.id, people.Ben!.id], message: 'Great handover', companyValue: 'Customers first', driverKey: 'team_contribution' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      author: { employeeId: people.Cleo!.id, name: 'Cleo Test' },
      recipients: [
        { employeeId: people.Ana!.id, name: 'Ana Test' },
        { employeeId: people.Ben!.id, name: 'Ben Test' },
      ],
      message: 'Great handover',
      companyValue: 'Customers first',
      driverKey: 'team_contribution',
      visibility: 'public',
      editedAt: null,
    });
    expect(await feed('Cleo', `?unitId=${team.id}`)).toContain(response.body.id);
    expect(await feed('Ana', `?unitId=${other.id}`)).not.toContain(response.body.id);
    const events = (await t.http.get('/api/v1/events?limit=200').set('Authorization', tenant.bearer('integration'))).body.items;
    const given = events.find((e: { type: string; payload: { recognitionId?: string } }) => e.type === 'recognition.given' && e.payload.recognitionId === response.body.id);
    expect(given.payload).not.toHaveProperty('message');
  });

  it('shows a private one only to its recipients, their manager, its author and HR', async () => {
    const secret = (await thank('Cleo', { recipientIds: [people.Ana!.id], visibility: 'private', message: 'Thanks for listening' })).body;
    for (const who of ['Ana', 'Lena', 'Cleo']) expect([who, await feed(who)]).toEqual([who, expect.arrayContaining([secret.id])]);
    expect(await feed('Ben')).not.toContain(secret.id);
    const asBen = await t.http.get(`/api/v1/recognitions/${secret.id}`).set('Authorization', people.Ben!.auth);
    expect(asBen.status).toBe(404);
    expect((await t.http.get(`/api/v1/recognitions/${secret.id}`).set('Authorization', hr)).status).toBe(200);
  });

  it('refuses recognising oneself, strangers and unknown drivers, storing nothing', async () => {
    const before = (await feed('Ana')).length;
    const self = await thank('Ana', { recipientIds: [people.Ana!.id, people.Ben!.id] });
    expect(self.status).toBe(400);
    expect(self.body.errors).toEqual([{ field: 'recipientIds', message: 'must not include yourself: recognition is for colleagues' }]);
    expect((await thank('Ana', { recipientIds: ['00000000-0000-4000-8000-000000000000'] })).status).toBe(400);
    const driver = await thank('Ana', { recipientIds: [people.Ben!.id], driverKey: 'astrology' });
    expect(driver.status).toBe(400);
    expect(driver.body.errors[0].field).toBe('driverKey');
    expect((await thank('Ana', { recipientIds: [people.Ben!.id], message: '   ' })).status).toBe(400);
    expect((await t.http.post('/api/v1/recognitions').set('Authorization', tenant.bearer('integration')).send({ recipientIds: [people.Ben!.id], message: 'x' })).status).toBe(403);
    expect((await feed('Ana')).length).toBe(before);
  });

  it('lets the author edit within 15 minutes and delete; HR may delete; nobody else may', async () => {
    const mine = (await thank('Ben', { recipientIds: [people.Cleo!.id] })).body;
    const edited = await t.http.patch(`/api/v1/recognitions/${mine.id}`).set('Authorization', people.Ben!.auth).send({ message: 'Thank you, truly', version: mine.version });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ message: 'Thank you, truly', editedAt: expect.any(String) });
    const notMine = await t.http.patch(`/api/v1/recognitions/${mine.id}`).set('Authorization', people.Cleo!.auth).send({ message: 'Hijacked' });
    expect(notMine.status).toBe(403);
    await t.sql.query(`UPDATE recognitions SET created_at = created_at - interval '16 minutes' WHERE id = $1`, [mine.id]);
    const late = await t.http.patch(`/api/v1/recognitions/${mine.id}`).set('Authorization', people.Ben!.auth).send({ message: 'Too late' });
    expect(late.status).toBe(409);
    expect(late.body.type).toBe('/problems/recognition.edit_window_closed');
    expect((await t.http.delete(`/api/v1/recognitions/${mine.id}`).set('Authorization', people.Cleo!.auth)).status).toBe(403);
    expect((await t.http.delete(`/api/v1/recognitions/${mine.id}`).set('Authorization', people.Ben!.auth)).status).toBe(204);
    expect((await t.http.get(`/api/v1/recognitions/${mine.id}`).set('Authorization', hr)).status).toBe(404);
    const another = (await thank('Ben', { recipientIds: [people.Cleo!.id] })).body;
    expect((await t.http.delete(`/api/v1/recognitions/${another.id}`).set('Authorization', hr)).status).toBe(204);
  });

  it('counts recognitions per unit, never per person, within a manager’s reporting line', async () => {
    const period = `from=${addDays(today, -1)}&to=${addDays(today, 1)}`;
    const counts = await t.http.get(`/api/v1/reports/recognition?${period}`).set('Authorization', hr);
    expect(counts.status).toBe(200);
    const byName = Object.fromEntries(counts.body.units.map((u: { name: string | null }) => [u.name, u]));
    // Support received the public one (Ana + Ben) and the private one (Ana); Sales gave both. Deleted ones do not count.
    expect(byName.Support).toMatchObject({ received: 2, peopleRecognised: 2, given: 0 });
    expect(byName.Sales).toMatchObject({ received: 0, peopleRecognised: 0, given: 2 });
    const lena = await t.http.get(`/api/v1/reports/recognition?${period}`).set('Authorization', people.Lena!.auth);
    expect(lena.body.units.map((u: { name: string }) => u.name)).toEqual(['Support']);
    expect((await t.http.get(`/api/v1/reports/recognition?${period}&unitId=${other.id}`).set('Authorization', people.Lena!.auth)).status).toBe(403);
  });

  it('suggests moments worth a thank-you to a manager: anniversaries and ends of onboarding in their team', async () => {
    const response = await t.http.get('/api/v1/recognitions/moments').set('Authorization', people.Lena!.auth);
    expect(response.status).toBe(200);
    expect(response.body.moments).toEqual([
      { kind: 'end_of_onboarding', employeeId: people.Ana!.id, name: 'Ana Test', on: addMonths(anaStart, 3), amount: null },
      { kind: 'work_anniversary', employeeId: people.Ben!.id, name: 'Ben Test', on: addMonths(benStart, 36), amount: 3 },
    ]);
    const cleo = await t.http.get('/api/v1/recognitions/moments').set('Authorization', people.Cleo!.auth);
    expect(cleo.status).toBe(403);
  });

  it('sends each manager with moments in their team one weekly nudge', async () => {
    const job = t.app.get(RecognitionMomentsJob);
    const now = new Date();
    expect(await job.sendDue(now)).toBe(1); // Lena: Ana's end of onboarding, Ben's anniversary
    expect(await job.sendDue(now)).toBe(0);
    const events = await t.sql.query(`SELECT subject_id, payload FROM domain_events WHERE tenant_id = $1 AND type = 'recognition.moments'`, [tenant.id]);
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0].subject_id).toBe(people.Lena!.id);
    expect(events.rows[0].payload.moments.map((m: { kind: string }) => m.kind)).toEqual(['end_of_onboarding', 'work_anniversary']);
  });

  it('keeps every organisation’s recognitions to itself', async () => {
    const elsewhere = await createTenant(t);
    const one = (await thank('Cleo', { recipientIds: [people.Ana!.id] })).body;
    expect((await t.http.get(`/api/v1/recognitions/${one.id}`).set('Authorization', elsewhere.bearer('hr_admin'))).status).toBe(404);
    expect((await t.http.get('/api/v1/recognitions').set('Authorization', elsewhere.bearer('hr_admin'))).body.items).toEqual([]);
    const stranger = await t.http.post('/api/v1/recognitions').set('Authorization', elsewhere.bearer('hr_admin')).send({ recipientIds: [people.Ana!.id], message: 'x' });
    expect(stranger.status).toBe(400);
  });
});
