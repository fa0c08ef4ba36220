import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays } from '#src/modules/checklists/domain/start.js';
import { localDate } from '#src/modules/employees/domain/tenure-phase.js';
import { createEmployee } from './factories/employee.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUnit } from './factories/unit.factory.js';
import { createUser, loginAs } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

interface Entry {
  id: string;
  at: string;
  actorType: string;
  actorId: string | null;
  source: string;
  requestId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

describe('the audit log', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  let hr: string;
  let hrKeyId: string;
  let hrUser: { id: string; email: string };
  let hrUserAuth: string;
  const today = localDate(new Date(), 'UTC');

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t);
    hr = tenant.bearer('hr_admin');
    hrKeyId = (await t.http.get('/api/v1/auth/me').set('Authorization', hr)).body.apiKeyId;
    hrUser = await createUser(t, tenant, { role: 'hr_admin' });
    hrUserAuth = await loginAs(t, hrUser.email);
  });
  afterAll(() => t.close());

  /** Every entry of a query, newest first, through the route (following cursors). */
  const read = async (query: Record<string, string> = {}, auth = hr): Promise<Entry[]> => {
    const items: Entry[] = [];
    let cursor: string | null = null;
    do {
      const response: { status: number; body: { items: Entry[]; nextCursor: string | null } } = await t.http
        .get('/api/v1/audit-log')
        .query({ ...query, limit: '200', ...(cursor ? { cursor } : {}) })
        .set('Authorization', auth);
      expect(response.status).toBe(200);
      items.push(...response.body.items);
      cursor = response.body.nextCursor;
    } while (cursor);
    return items;
  };
  const about = (entityId: string) => read({ entityId });

  describe('employees and their stages', () => {
    it('records creation, changes and stage moves through the API, with the caller, the request and only what changed', async () => {
      const requestId = `audit-${randomUUID()}`;
      const created = await t.http
        .post('/api/v1/employees')
        .set('Authorization', hr)
        .set('x-request-id', requestId)
        .send({ firstName: 'Ada', lastName: 'Lovelace', workEmail: 'ada@example.com', stage: 'hire', jobTitle: 'Analyst', location: 'Lyon' });
      expect(created.status).toBe(201);
      const id = created.body.id;
      await t.http.patch(`/api/v1/employees/${id}`).set('Authorization', hrUserAuth).send({ firstName: 'Augusta', jobTitle: 'Engineer', location: 'Lyon' }).expect(200);
      const moved = await t.http.post(`/api/v1/employees/${id}/transitions`).set('Authorization', hr).send({ to: 'onboard', reason: 'Signed the contract' });
      expect(moved.status).toBe(201);

      const entries = await about(id);
      expect(entries.map((e) => e.action)).toEqual(['employee.stage_changed', 'employee.updated', 'employee.created']);
      const [move, update, creation] = entries as [Entry, Entry, Entry];
      expect(creation).toMatchObject({
        actorType: 'api_key',
        actorId: hrKeyId,
        source: 'api',
        requestId,
        entityType: 'employee',
        entityId: id,
        before: null,
        after: { firstName: '[redacted]', lastName: '[redacted]', workEmail: '[redacted]', stage: 'hire', jobTitle: 'Analyst', location: 'Lyon' },
      });
      // Only changed fields (location was sent unchanged), names as changed without their values.
      expect(update).toMatchObject({ actorType: 'user', actorId: hrUser.id, before: { firstName: '[redacted]', jobTitle: 'Analyst' }, after: { firstName: '[redacted]', jobTitle: 'Engineer' } });
      expect(Object.keys(update.after!).sort()).toEqual(['firstName', 'jobTitle']);
      expect(move).toMatchObject({ before: { stage: 'hire' }, after: { stage: 'onboard', transitionId: moved.body.transition.id, transitionSource: 'api' } });
      expect(JSON.stringify(entries)).not.toMatch(/Ada|Augusta|Lovelace|ada@example|Signed the contract/);
    });

    it('writes nothing for a change that is refused or changes nothing', async () => {
      const employee = await createEmployee(t, tenant, { stage: 'engage' });
      const before = (await about(employee.id)).length;
      expect((await t.http.patch(`/api/v1/employees/${employee.id}`).set('Authorization', hr).send({ jobTitle: 'X', version: 99 })).status).toBe(409);
      expect((await t.http.post(`/api/v1/employees/${employee.id}/transitions`).set('Authorization', hr).send({ to: 'hire' })).status).toBe(409);
      await t.http.patch(`/api/v1/employees/${employee.id}`).set('Authorization', hr).send({ lastName: employee.lastName }).expect(200);
      expect((await about(employee.id)).length).toBe(before);
    });

    it('writes one entry per created, updated or departed employee of an HRIS import, attributed to the import', async () => {
      const externalIds = [`A-${randomUUID()}`, `B-${randomUUID()}`, `C-${randomUUID()}`];
      const item = (externalId: string, extra: Record<string, unknown> = {}) => ({ externalId, firstName: 'Imported', lastName: externalId, stage: 'engage', ...extra });
      const first = await t.http.put('/api/v1/employees/bulk').set('Authorization', tenant.bearer('integration')).send({ items: externalIds.map((x) => item(x)) });
      expect(first.body.summary).toMatchObject({ created: 3 });
      const ids = first.body.results.map((r: { id: string }) => r.id) as string[];
      const integrationKey = (await t.http.get('/api/v1/auth/me').set('Authorization', tenant.bearer('integration'))).body.apiKeyId;

      // One updated, one unchanged, one left out (a dry run first: it writes nothing).
      const second = [item(externalIds[0]!, { jobTitle: 'Lead' }), item(externalIds[1]!)];
      await t.http.put('/api/v1/employees/bulk?dryRun=true').set('Authorization', hr).send({ items: second }).expect(200);
      await t.http.put('/api/v1/employees/bulk').set('Authorization', hr).send({ items: second }).expect(200);

      const of = async (i: number) => (await about(ids[i]!)).map((e) => [e.action, e.source, e.actorId, e.before, e.after]);
      expect(await of(0)).toEqual([
        ['employee.updated', 'hris_import', hrKeyId, { jobTitle: null }, { jobTitle: 'Lead' }],
        ['employee.created', 'hris_import', integrationKey, null, { externalId: '[redacted]', firstName: '[redacted]', lastName: '[redacted]', stage: 'engage' }],
      ]);
      expect((await of(1)).map(([action]) => action)).toEqual(['employee.created']);
      expect((await of(2)).map(([action]) => action)).toEqual(['employee.created']);
    });

    it('records a full sync’s departures as stage moves', async () => {
      const other = await createTenant(t);
      const key = other.bearer('hr_admin');
      const rows = ['K1', 'K2'].map((externalId) => ({ externalId, firstName: 'F', lastName: externalId, stage: 'engage' }));
      const created = await t.http.put('/api/v1/employees/bulk').set('Authorization', key).send({ items: rows });
      await t.http.put('/api/v1/employees/bulk?mode=full&force=true').set('Authorization', key).send({ items: [rows[0]] }).expect(200);
      const leaver = created.body.results[1].id;
      const entries = await read({ entityId: leaver }, key);
      expect(entries.map((e) => [e.action, e.source, e.before, e.after])).toEqual([
        ['employee.stage_changed', 'hris_import', { stage: 'engage' }, { stage: 'depart', transitionSource: 'import' }],
        ['employee.created', 'hris_import', null, expect.objectContaining({ stage: 'engage' })],
      ]);
    });
  });

  describe('separations and checklists', () => {
    it('records a separation, its correction and its withdrawal, with the employee’s moves and the offboarding checklist', async () => {
      const leaver = await createEmployee(t, tenant, { stage: 'perform', startDate: '2021-01-01' });
      const recorded = await t.http.post('/api/v1/separations').set('Authorization', hr).send({
        employeeId: leaver.id,
        noticeDate: today,
        lastWorkingDay: addDays(today, 30),
        type: 'voluntary',
        primaryReason: 'career_growth',
        alumniOptIn: true,
        alumniEmail: 'leaver@home.example',
      });
      expect(recorded.status).toBe(201);
      const separationId = recorded.body.id;
      await t.http.patch(`/api/v1/separations/${separationId}`).set('Authorization', hr).send({ lastWorkingDay: addDays(today, 20) }).expect(200);
      await t.http.post(`/api/v1/separations/${separationId}/withdraw`).set('Authorization', hr).send({ reason: 'Counter-offer accepted by Ada' }).expect(200);

      const separation = await about(separationId);
      expect(separation.map((e) => e.action)).toEqual(['separation.withdrawn', 'separation.updated', 'separation.recorded']);
      expect(separation[2]!.after).toMatchObject({ employeeId: leaver.id, status: 'active', type: 'voluntary', primaryReason: 'career_growth', alumniOptIn: true, alumniEmail: '[redacted]' });
      expect(separation[1]).toMatchObject({ before: { lastWorkingDay: addDays(today, 30) }, after: { lastWorkingDay: addDays(today, 20) } });
      expect(separation[0]).toMatchObject({ before: { status: 'active', withdrawalReason: null }, after: { status: 'withdrawn', withdrawalReason: '[redacted]' } });

      const employee = await about(leaver.id);
      expect(employee.map((e) => [e.action, e.before, e.after])).toEqual([
        ['employee.stage_changed', { stage: 'depart', endDate: addDays(today, 20) }, expect.objectContaining({ stage: 'perform', endDate: null, transitionSource: 'correction' })],
        ['employee.updated', { endDate: addDays(today, 30) }, { endDate: addDays(today, 20) }],
        ['employee.stage_changed', { stage: 'perform', endDate: null }, expect.objectContaining({ stage: 'depart', endDate: addDays(today, 30), transitionSource: 'api' })],
        ['employee.created', null, expect.anything()],
      ]);
      const checklist = await about(recorded.body.checklistId);
      expect(checklist.map((e) => [e.action, e.before, e.after])).toEqual([
        ['checklist.cancelled', { status: 'running' }, { status: 'cancelled' }],
        ['checklist.started', null, expect.objectContaining({ employeeId: leaver.id, status: 'running' })],
      ]);
      expect(JSON.stringify([...separation, ...employee])).not.toMatch(/leaver@home|Counter-offer/);
    });

    it('records checklist task work with who did it, from the API and from a page', async () => {
      const worker = await createUser(t, tenant, { role: 'employee' });
      const hire = await createEmployee(t, tenant, { stage: 'onboard', startDate: addDays(today, 5) });
      const templates = (await t.http.get('/api/v1/checklist-templates').set('Authorization', hr)).body.items as { id: string; kind: string }[];
      const started = await t.http.post('/api/v1/checklists').set('Authorization', hr).send({ employeeId: hire.id, templateId: templates.find((x) => x.kind === 'onboarding')!.id });
      expect(started.status).toBe(201);
      const task = (started.body.tasks as { id: string; dependsOn: string[] }[]).find((x) => x.dependsOn.length === 0)!;

      await t.http.patch(`/api/v1/tasks/${task.id}`).set('Authorization', hr).send({ assigneeUserId: worker.id }).expect(200);
      const workerAuth = await loginAs(t, worker.email);
      await t.http.post(`/api/v1/tasks/${task.id}/complete`).set('Authorization', workerAuth).send({ comment: 'Done, said Ada' }).expect(200);
      await t.http.post(`/api/v1/tasks/${task.id}/reopen`).set('Authorization', hr).send({}).expect(200);

      const entries = await about(task.id);
      expect(entries.map((e) => [e.action, e.actorType, e.actorId, e.before, e.after])).toEqual([
        ['checklist_task.reopened', 'api_key', hrKeyId, { status: 'done' }, { status: 'open' }],
        ['checklist_task.completed', 'user', worker.id, { status: 'open' }, { status: 'done' }],
        ['checklist_task.reassigned', 'api_key', hrKeyId, { assigneeUserId: null }, { assigneeUserId: worker.id }],
      ]);
      expect(JSON.stringify(entries)).not.toContain('Ada');
    });
  });

  describe('settings, keys and users', () => {
    it('records changes of the organisation’s settings', async () => {
      const other = await createTenant(t);
      const key = other.bearer('hr_admin');
      await t.http.patch('/api/v1/tenant').set('Authorization', key).send({ settings: { anonymityThreshold: 7, timezone: 'Europe/Paris' } }).expect(200);
      await t.http.patch('/api/v1/tenant').set('Authorization', key).send({ settings: { anonymityThreshold: 7 } }).expect(200);
      const entries = await read({ entityType: 'tenant' }, key);
      expect(entries.map((e) => [e.action, e.entityId, e.before, e.after])).toEqual([
        ['tenant.updated', other.id, { anonymityThreshold: 5, timezone: 'UTC' }, { anonymityThreshold: 7, timezone: 'Europe/Paris' }],
      ]);
    });

    it('records API keys issued and revoked, never the key, its prefix or its hash', async () => {
      const issued = await t.http.post('/api/v1/api-keys').set('Authorization', hr).send({ label: 'HRIS', role: 'integration' });
      expect(issued.status).toBe(201);
      await t.http.delete(`/api/v1/api-keys/${issued.body.id}`).set('Authorization', hr).expect(200);
      await t.http.delete(`/api/v1/api-keys/${issued.body.id}`).set('Authorization', hr).expect(200);
      const entries = await about(issued.body.id);
      expect(entries.map((e) => [e.action, e.actorId, e.before, e.after])).toEqual([
        ['api_key.revoked', hrKeyId, { revokedAt: null }, { revokedAt: expect.any(String) }],
        ['api_key.created', hrKeyId, null, { label: 'HRIS', role: 'integration', expiresAt: null }],
      ]);
      const stored = await t.sql.query(`SELECT key_hash, prefix FROM api_keys WHERE tenant_id = $1 AND id = $2`, [tenant.id, issued.body.id]);
      const all = JSON.stringify(await read());
      expect(all).not.toContain(issued.body.key);
      expect(all).not.toContain(stored.rows[0].key_hash);
      expect(all).not.toContain(stored.rows[0].prefix);
    });

    it('records the first key of a new organisation as the system’s', async () => {
      const other = await createTenant(t);
      const entries = await read({ entityType: 'api_key', actor: 'system' }, other.bearer('hr_admin'));
      expect(entries.length).toBe(4);
      expect(entries.every((e) => e.actorType === 'system' && e.actorId === null && e.source === 'system' && e.action === 'api_key.created')).toBe(true);
    });

    it('records users created and their role, link and password changes, without e-mails, names or hashes', async () => {
      const employee = await createEmployee(t, tenant);
      const created = await t.http.post('/api/v1/users').set('Authorization', hr).send({ email: 'grace@example.com', displayName: 'Grace', role: 'employee', password: 'a long enough password' });
      expect(created.status).toBe(201);
      await t.http.patch(`/api/v1/users/${created.body.id}`).set('Authorization', hr).send({ role: 'manager', employeeId: employee.id, password: 'another long password' }).expect(200);
      await t.http.patch(`/api/v1/users/${created.body.id}`).set('Authorization', hr).send({ active: false }).expect(200);
      const entries = await about(created.body.id);
      expect(entries.map((e) => [e.action, e.before, e.after])).toEqual([
        ['user.updated', { active: true }, { active: false }],
        ['user.updated', { role: 'employee', employeeId: null, password: '[redacted]' }, { role: 'manager', employeeId: employee.id, password: '[redacted]' }],
        ['user.created', null, { email: '[redacted]', displayName: '[redacted]', role: 'employee', active: true, password: '[redacted]' }],
      ]);
      const hash = await t.sql.query(`SELECT password_hash FROM users WHERE tenant_id = $1 AND id = $2`, [tenant.id, created.body.id]);
      expect(JSON.stringify(entries)).not.toMatch(/grace|Grace|argon2/);
      expect(JSON.stringify(entries)).not.toContain(hash.rows[0].password_hash);
    });
  });

  describe('exports and survey answers', () => {
    it('records who exported what (survey results, a unit scorecard, the EX → CX report as CSV), and never a survey answer', async () => {
      const unit = await createUnit(t, tenant, { name: 'Exported unit' });
      for (let i = 0; i < 3; i++) await createEmployee(t, tenant, { unitId: unit.id, stage: 'engage', startDate: '2020-01-01' });
      const bank = (await t.http.get('/api/v1/survey-questions?limit=200').set('Authorization', hr)).body.items as { id: string; type: string }[];
      const enps = bank.find((q) => q.type === 'enps')!.id;
      const text = bank.find((q) => q.type === 'text')!.id;
      const survey = (await t.http.post('/api/v1/surveys').set('Authorization', hr).send({ name: 'Audited pulse', kind: 'adhoc', questionIds: [enps, text] })).body;
      const round = (await t.http.post(`/api/v1/surveys/${survey.id}/rounds`).set('Authorization', hr)).body;
      const invitations = (await t.http.get(`/api/v1/surveys/${survey.id}/rounds/${round.id}/invitations?limit=200`).set('Authorization', hr)).body.items as { token: string }[];
      const secret = `secret answer ${randomUUID()}`;
      await t.http
        .post(`/api/v1/responses/${invitations[0]!.token}`)
        .send({ submissionId: randomUUID(), answers: [{ questionId: enps, value: 9 }, { questionId: text, text: secret }] })
        .expect(201);

      const csv = await t.http.get(`/api/v1/surveys/${survey.id}/results/export`).set('Authorization', hrUserAuth);
      expect(csv.status).toBe(200);
      await t.http.get(`/api/v1/reports/units/${unit.id}/scorecard/export?period=${today.slice(0, 7)}`).set('Authorization', hr).expect(200);
      const linkage = await t.http.get(`/api/v1/reports/ex-cx?cxMetric=csat&exMeasure=enps&from=2026-01&to=2026-03&format=csv`).set('Authorization', hr);
      expect(linkage.status).toBe(200);
      await t.http.get(`/api/v1/reports/ex-cx?cxMetric=csat&exMeasure=enps&from=2026-01&to=2026-03`).set('Authorization', hr).expect(200);

      expect((await about(survey.id)).map((e) => [e.action, e.actorType, e.actorId, e.after?.export, e.after?.format])).toEqual([
        ['survey.exported', 'user', hrUser.id, 'results', 'csv'],
      ]);
      expect((await about(unit.id)).map((e) => [e.action, e.after])).toEqual([['unit.exported', { export: 'scorecard', format: 'csv', query: { period: today.slice(0, 7) } }]]);
      const reports = await read({ entityType: 'report' });
      expect(reports.map((e) => [e.action, e.entityId, e.after?.export, e.after?.format])).toEqual([['report.exported', null, 'ex-cx', 'csv']]);
      expect(reports[0]!.after!.query).toMatchObject({ cxMetric: 'csat', exMeasure: 'enps', from: '2026-01', to: '2026-03' });

      const stored = await t.sql.query(`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1 AND (before::text LIKE $2 OR after::text LIKE $2)`, [tenant.id, `%${secret}%`]);
      expect(stored.rows[0].n).toBe(0);
    });
  });

  describe('append-only', () => {
    it('refuses to update, delete or truncate entries, in the database itself', async () => {
      const [entry] = await read({ entityType: 'api_key' });
      await expect(t.sql.query(`UPDATE audit_log SET action = 'x' WHERE tenant_id = $1 AND id = $2`, [tenant.id, entry!.id])).rejects.toThrow(/append-only/);
      await expect(t.sql.query(`DELETE FROM audit_log WHERE tenant_id = $1 AND id = $2`, [tenant.id, entry!.id])).rejects.toThrow(/append-only/);
      await expect(t.sql.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
      const still = await t.sql.query(`SELECT action FROM audit_log WHERE tenant_id = $1 AND id = $2`, [tenant.id, entry!.id]);
      expect(still.rows).toEqual([{ action: entry!.action }]);
    });

    it("is not the application's to change: its roles may add entries and are refused the rest", async () => {
      const [entry] = await read({ entityType: 'api_key' });
      const client = await t.sql.connect();
      try {
        for (const role of ['tandem_app', 'tandem_system']) {
          await client.query(`SELECT set_config('role', $1, false), set_config('tandem.tenant_id', $2, false)`, [role, tenant.id]);
          await expect(client.query(`UPDATE audit_log SET action = 'x' WHERE tenant_id = $1 AND id = $2`, [tenant.id, entry!.id])).rejects.toThrow(/permission denied/);
          await expect(client.query(`DELETE FROM audit_log WHERE tenant_id = $1 AND id = $2`, [tenant.id, entry!.id])).rejects.toThrow(/permission denied/);
          await expect(client.query(`TRUNCATE audit_log`)).rejects.toThrow(/permission denied/);
        }
      } finally {
        await client.query('RESET ROLE');
        client.release();
      }
    });
  });

  describe('reading', () => {
    it('pages newest first without gaps or repeats, and filters by entity type, actor, action and time', async () => {
      const all = await read();
      const pages: Entry[] = [];
      let cursor: string | null = null;
      do {
        const response: { body: { items: Entry[]; nextCursor: string | null } } = await t.http
          .get('/api/v1/audit-log')
          .query({ limit: '7', ...(cursor ? { cursor } : {}) })
          .set('Authorization', hr);
        pages.push(...response.body.items);
        cursor = response.body.nextCursor;
      } while (cursor);
      expect(pages.map((e) => e.id)).toEqual(all.map((e) => e.id));
      expect([...all].sort((a, b) => b.at.localeCompare(a.at)).map((e) => e.at)).toEqual(all.map((e) => e.at));

      const users = await read({ entityType: 'user' });
      expect(users.length).toBeGreaterThan(0);
      expect(users.every((e) => e.entityType === 'user')).toBe(true);
      const byUser = await read({ actor: hrUser.id });
      expect(byUser.length).toBeGreaterThan(0);
      expect(byUser.every((e) => e.actorId === hrUser.id)).toBe(true);
      const system = await read({ actor: 'system' });
      expect(system.every((e) => e.actorType === 'system')).toBe(true);
      expect((await read({ action: 'api_key.revoked' })).every((e) => e.action === 'api_key.revoked')).toBe(true);
      const middle = all[Math.floor(all.length / 2)]!.at;
      const from = await read({ from: middle });
      const to = await read({ to: middle });
      expect(from.every((e) => e.at >= middle)).toBe(true);
      expect(to.every((e) => e.at < middle)).toBe(true);
      expect(from.length + to.length).toBe(all.length);
    });

    it('refuses bad filters with 400 naming the field', async () => {
      const bad = async (query: Record<string, string>) => (await t.http.get('/api/v1/audit-log').query(query).set('Authorization', hr)).body;
      expect((await bad({ actor: 'someone' })).errors[0].field).toBe('actor');
      expect((await bad({ entityType: 'survey_answer' })).errors[0].field).toBe('entityType');
      expect((await bad({ from: 'yesterday' })).errors[0].field).toBe('from');
      expect((await bad({ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' })).errors[0].field).toBe('from');
      expect((await bad({ cursor: 'nonsense' })).errors[0].field).toBe('cursor');
      expect((await bad({ source: 'api' })).type).toBe('/problems/common.validation_failed');
    });

    it('is for hr_admin only, and shows an organisation only its own entries', async () => {
      for (const role of ['manager', 'employee', 'integration'] as const) {
        const response = await t.http.get('/api/v1/audit-log').set('Authorization', tenant.bearer(role));
        expect([role, response.status, response.body.type]).toEqual([role, 403, '/problems/auth.role_not_allowed']);
      }
      const other = await createTenant(t);
      const theirs = await read({}, other.bearer('hr_admin'));
      expect(theirs.length).toBe(4); // their four keys
      const ours = new Set((await read()).map((e) => e.id));
      expect(theirs.some((e) => ours.has(e.id))).toBe(false);
      const employee = await createEmployee(t, tenant);
      expect(await read({ entityId: employee.id }, other.bearer('hr_admin'))).toEqual([]);
    });
  });
});
