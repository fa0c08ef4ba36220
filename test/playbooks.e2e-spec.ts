import pg from 'pg';
import { PlaybookRunner } from '#src/modules/playbooks/playbook-runner.js';
import { createEmployee } from './factories/employee.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUnit } from './factories/unit.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

describe('stage playbooks', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  let runner: PlaybookRunner;

  beforeAll(async () => {
    t = await createTestApp();
    runner = t.app.get(PlaybookRunner);
  });
  beforeEach(async () => {
    tenant = await createTenant(t);
  });
  afterAll(() => t.close());

  const hr = () => tenant.bearer('hr_admin');
  const createPlaybook = async (body: Record<string, unknown>) => {
    const response = await t.http
      .post('/api/v1/playbooks')
      .set('Authorization', hr())
      .send({ name: 'Onboarding ping', triggerEvent: 'employee.stage_changed', triggerStage: 'onboard', action: 'notify', params: { message: 'Welcome' }, ...body });
    expect(response.status).toBe(201);
    return response.body as { id: string };
  };
  const moveTo = (id: string, to: string) => t.http.post(`/api/v1/employees/${id}/transitions`).set('Authorization', hr()).send({ to });
  const runs = async (playbookId: string) =>
    (await t.http.get(`/api/v1/playbooks/${playbookId}/runs`).set('Authorization', hr())).body.items as { status: string; employeeId: string; dueAt: string; attempts: number }[];
  const notifications = async () =>
    (await t.sql.query(`SELECT subject_id, payload FROM domain_events WHERE tenant_id = $1 AND type = 'playbook.notification'`, [tenant.id])).rows;
  /** Runs the runner until `done()` holds; the event horizon is cluster-wide and may lag a moment. */
  const runUntil = async (done: () => Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await done()); i++) {
      await runner.tick();
      if (!(await done())) await new Promise((r) => setTimeout(r, 50));
    }
    expect(await done()).toBe(true);
  };

  it('runs its action once when an employee enters the stage, even with several runners at once', async () => {
    const playbook = await createPlaybook({});
    const employee = await createEmployee(t, tenant, { stage: 'hire' });
    const other = await createEmployee(t, tenant, { stage: 'engage' });
    await moveTo(employee.id, 'onboard');
    await moveTo(other.id, 'perform');

    await runUntil(async () => (await notifications()).length >= 1);
    await Promise.all([runner.tick(), runner.tick(), runner.tick()]);
    expect((await notifications()).map((n) => [n.subject_id, n.payload.message, n.payload.playbookId])).toEqual([[employee.id, 'Welcome', playbook.id]]);
    expect((await runs(playbook.id)).map((r) => [r.status, r.employeeId, r.attempts])).toEqual([['done', employee.id, 1]]);
  });

  it('waits the configured number of days', async () => {
    const playbook = await createPlaybook({ delayDays: 7 });
    const employee = await createEmployee(t, tenant, { stage: 'hire' });
    await moveTo(employee.id, 'onboard');
    await runUntil(async () => (await runs(playbook.id)).length === 1);
    const [run] = await runs(playbook.id);
    expect(run!.status).toBe('pending');
    expect(Date.parse(run!.dueAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    await runner.tick();
    expect(await notifications()).toEqual([]);

    await t.sql.query(`UPDATE playbook_runs SET due_at = now() WHERE tenant_id = $1`, [tenant.id]);
    await runner.tick();
    expect((await runs(playbook.id))[0]!.status).toBe('done');
    expect(await notifications()).toHaveLength(1);
  });

  it('fires only for employees of the unit (sub-units included) and location it names', async () => {
    const division = await createUnit(t, tenant, { kind: 'division' });
    const team = await createUnit(t, tenant, { parentId: division.id });
    const elsewhere = await createUnit(t, tenant);
    await createPlaybook({ unitId: division.id, location: 'Lyon' });
    const inTeam = await createEmployee(t, tenant, { stage: 'hire', unitId: team.id, location: 'Lyon' });
    const wrongPlace = await createEmployee(t, tenant, { stage: 'hire', unitId: team.id, location: 'Paris' });
    const wrongUnit = await createEmployee(t, tenant, { stage: 'hire', unitId: elsewhere.id, location: 'Lyon' });
    for (const e of [inTeam, wrongPlace, wrongUnit]) await moveTo(e.id, 'onboard');
    await runUntil(async () => (await notifications()).length >= 1);
    await runner.tick();
    expect((await notifications()).map((n) => n.subject_id)).toEqual([inTeam.id]);
  });

  it('fires on other events too, and ignores what happens while it is paused', async () => {
    const playbook = await createPlaybook({ triggerEvent: 'employee.departed', triggerStage: undefined, params: { message: 'Offboard' } });
    // An open transaction holds the event horizon back, so the runner cannot get past the paused
    // period before the playbook is resumed: the pause alone must keep that event out.
    const holder = new pg.Client({ connectionString: t.databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_current_xact_id()');
      await t.http.patch(`/api/v1/playbooks/${playbook.id}`).set('Authorization', hr()).send({ active: false });
      const duringPause = await createEmployee(t, tenant, { stage: 'engage' });
      await moveTo(duringPause.id, 'depart');
      for (let i = 0; i < 3; i++) await runner.tick();
      await t.http.patch(`/api/v1/playbooks/${playbook.id}`).set('Authorization', hr()).send({ active: true });
      await holder.query('COMMIT');
    } finally {
      await holder.end();
    }
    const rehire = await createEmployee(t, tenant, { stage: 'engage' });
    await moveTo(rehire.id, 'depart');
    await runUntil(async () => (await notifications()).length >= 1);
    await runner.tick();
    expect((await notifications()).map((n) => n.subject_id)).toEqual([rehire.id]);
  });

  it('lists the actions and validates a playbook against its action', async () => {
    const actions = await t.http.get('/api/v1/playbook-actions').set('Authorization', hr());
    expect(actions.body.map((a: { key: string }) => a.key)).toContain('notify');
    for (const [body, field] of [
      [{ action: 'launch_rocket' }, 'action'],
      [{ params: {} }, 'params'],
      [{ triggerEvent: 'employee.departed', triggerStage: 'onboard' }, 'triggerStage'],
      [{ unitId: '00000000-0000-4000-8000-000000000000' }, 'unitId'],
      [{ delayDays: -1 }, 'delayDays'],
      [{ triggerEvent: 'DROP TABLE' }, 'triggerEvent'],
    ] as const) {
      const response = await t.http
        .post('/api/v1/playbooks')
        .set('Authorization', hr())
        .send({ name: 'x', triggerEvent: 'employee.stage_changed', action: 'notify', params: { message: 'm' }, ...body });
      expect([JSON.stringify(body), response.status]).toEqual([JSON.stringify(body), 400]);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('keeps tenants apart', async () => {
    const playbook = await createPlaybook({});
    const other = await createTenant(t);
    const theirs = await createEmployee(t, other, { stage: 'hire' });
    await t.http.post(`/api/v1/employees/${theirs.id}/transitions`).set('Authorization', other.bearer('hr_admin')).send({ to: 'onboard' });
    for (let i = 0; i < 3; i++) await runner.tick();
    expect(await runs(playbook.id)).toEqual([]);
    for (const request of [t.http.get(`/api/v1/playbooks/${playbook.id}`), t.http.get(`/api/v1/playbooks/${playbook.id}/runs`), t.http.delete(`/api/v1/playbooks/${playbook.id}`)]) {
      expect((await request.set('Authorization', other.bearer('hr_admin'))).status).toBe(404);
    }
  });
});
