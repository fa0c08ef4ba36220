import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createEmployee } from './factories/employee.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUnit } from './factories/unit.factory.js';
import { createUser, loginAs } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

describe('always-on voice', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  let hr: string;
  let support: { id: string };
  let sales: { id: string };
  const auth: Record<string, string> = {};

  async function person(name: string, role: 'employee' | 'manager', unitId: string | undefined) {
    const employee = await createEmployee(t, tenant, { firstName: name, unitId });
    const user = await createUser(t, tenant, { role });
    await t.http.patch(`/api/v1/users/${user.id}`).set('Authorization', hr).send({ employeeId: employee.id }).expect(200);
    auth[name] = await loginAs(t, user.email);
    return employee;
  }

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t, { commentThreshold: 3 });
    hr = tenant.bearer('hr_admin');
    const lena = await person('Lena', 'manager', undefined);
    support = await createUnit(t, tenant, { name: 'Support', managerId: lena.id });
    sales = await createUnit(t, tenant, { name: 'Sales' });
    for (const name of ['Ana', 'Ben', 'Cleo']) await person(name, 'employee', support.id);
  });
  afterAll(() => t.close());

  const send = (who: string, body: Record<string, unknown>) => t.http.post('/api/v1/voice').set('Authorization', auth[who]!).send({ kind: 'concern', text: 'The queue tool keeps crashing', ...body });

  it('routes a named voice about a unit to its manager, who answers it; the sender reads the answer', async () => {
    const sent = await send('Ana', { unitId: support.id, kind: 'suggestion', text: 'Could we rotate the night shift?' });
    expect(sent.status).toBe(201);
    expect(sent.body).toEqual({ id: expect.any(String), routedTo: 'manager', replyKey: null });
    const mine = (await t.http.get('/api/v1/voice').set('Authorization', auth.Lena!)).body;
    expect(mine.items.map((v: { id: string }) => v.id)).toContain(sent.body.id);
    const answered = await t.http.post(`/api/v1/voice/${sent.body.id}/replies`).set('Authorization', auth.Lena!).send({ text: 'Yes, from next month.' });
    expect(answered.status).toBe(201);
    await t.http.patch(`/api/v1/voice/${sent.body.id}`).set('Authorization', auth.Lena!).send({ status: 'closed' }).expect(200);
    const own = (await t.http.get('/api/v1/voice/mine').set('Authorization', auth.Ana!)).body;
    expect(own[0]).toMatchObject({ id: sent.body.id, status: 'closed', anonymous: false, replies: [{ author: 'staff', text: 'Yes, from next month.' }] });
    // Not the other unit's manager's to read; HR reads everything.
    expect((await t.http.get(`/api/v1/voice/${sent.body.id}`).set('Authorization', tenant.bearer('manager'))).status).toBe(404);
    expect((await t.http.get(`/api/v1/voice/${sent.body.id}`).set('Authorization', hr)).status).toBe(200);
    // About a driver only: HR's.
    expect((await send('Ana', { driverKey: 'workspace', kind: 'praise', text: 'New desks are great' })).body.routedTo).toBe('hr');
  });

  it('keeps anonymous voices withheld until their unit has sent k, then lets the sender talk with a key', async () => {
    const first = (await send('Ben', { anonymous: true, unitId: support.id })).body;
    expect(first.replyKey).toEqual(expect.any(String));
    const withheld = (await t.http.get('/api/v1/voice').set('Authorization', auth.Lena!)).body;
    expect(withheld.items.some((v: { id: string }) => v.id === first.id)).toBe(false);
    expect(withheld.withheld).toBe(1);
    expect((await t.http.get(`/api/v1/voice/${first.id}`).set('Authorization', hr)).status).toBe(404);

    await send('Cleo', { anonymous: true, unitId: support.id });
    await send('Ana', { anonymous: true, unitId: support.id });
    const shown = (await t.http.get('/api/v1/voice?kind=concern').set('Authorization', auth.Lena!)).body;
    const voice = shown.items.find((v: { id: string }) => v.id === first.id);
    expect(voice).toMatchObject({ anonymous: true, authorEmployeeId: null, text: 'The queue tool keeps crashing', sentOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(shown.withheld).toBe(0);
    // Paged: one at a time, each voice once.
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { items: { id: string }[]; nextCursor: string | null } = (await t.http.get(`/api/v1/voice?limit=1${cursor ? `&cursor=${cursor}` : ''}`).set('Authorization', auth.Lena!)).body;
      seen.push(...page.items.map((v: { id: string }) => v.id));
      cursor = page.nextCursor;
    }
    const all = (await t.http.get('/api/v1/voice?limit=200').set('Authorization', auth.Lena!)).body.items.map((v: { id: string }) => v.id);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
    const stored = (await t.sql.query(`SELECT author_user_id, author_employee_id, created_at FROM voice_messages WHERE id = $1`, [first.id])).rows[0];
    expect(stored).toEqual({ author_user_id: null, author_employee_id: null, created_at: null });

    await t.http.post(`/api/v1/voice/${first.id}/replies`).set('Authorization', auth.Lena!).send({ text: 'Which tool exactly?' }).expect(201);
    const read = await t.http.post('/api/v1/voice/conversation/read').send({ replyKey: first.replyKey });
    expect(read.status).toBe(200);
    expect(read.body.replies).toEqual([{ author: 'staff', text: 'Which tool exactly?', at: expect.any(String) }]);
    const answer = await t.http.post('/api/v1/voice/conversation/reply').send({ replyKey: first.replyKey, text: 'The ticket queue.' });
    expect(answer.status).toBe(201);
    expect(answer.body.replies.map((r: { author: string }) => r.author)).toEqual(['staff', 'sender']);
    expect((await t.http.post('/api/v1/voice/conversation/read').send({ replyKey: `${first.replyKey}x` })).status).toBe(404);
  });

  it('refuses a voice about nothing, or about what does not exist, and keeps tenants apart', async () => {
    expect((await send('Ana', {})).status).toBe(400);
    expect((await send('Ana', { unitId: '00000000-0000-4000-8000-000000000000' })).status).toBe(400);
    expect((await send('Ana', { driverKey: 'astrology' })).status).toBe(400);
    expect((await send('Ana', { unitId: support.id, kind: 'rant' })).status).toBe(400);
    const other = await createTenant(t);
    expect((await t.http.get('/api/v1/voice').set('Authorization', other.bearer('hr_admin'))).body).toEqual({ items: [], nextCursor: null, withheld: 0 });
    const sent = (await send('Ana', { unitId: sales.id })).body;
    expect((await t.http.get(`/api/v1/voice/${sent.id}`).set('Authorization', other.bearer('hr_admin'))).status).toBe(404);
  });
});
