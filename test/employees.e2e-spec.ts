import { addMonths } from '#src/modules/employees/domain/tenure-phase.js';
import { createEmployee } from './factories/employee.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/** `YYYY-MM-DD` shifted by whole days. */
const shiftDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const todayUtc = () => new Date().toISOString().slice(0, 10);

describe('employees and the journey', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  const hr = () => tenant.bearer('hr_admin');

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t);
  });
  afterAll(() => t.close());

  describe('create, read, update', () => {
    it('creates an employee with their first stage and assignment recorded', async () => {
      const response = await t.http.post('/api/v1/employees').set('Authorization', hr()).send({
        externalId: 'HR-1',
        firstName: ' Ada ',
        lastName: 'Lovelace',
        workEmail: 'Ada@Example.com',
        jobTitle: 'Engineer',
        location: 'London',
        employmentType: 'full_time',
        startDate: todayUtc(),
        stage: 'onboard',
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        externalId: 'HR-1',
        firstName: 'Ada',
        workEmail: 'ada@example.com',
        stage: 'onboard',
        tenurePhase: 'onboarding',
        version: 1,
      });
      const journey = await t.http.get(`/api/v1/employees/${response.body.id}/journey`).set('Authorization', hr());
      expect(journey.body.events).toEqual([
        expect.objectContaining({ type: 'stage_changed', from: null, to: 'onboard', source: 'api' }),
        expect.objectContaining({ type: 'assignment_changed', jobTitle: 'Engineer', unitId: null, managerId: null }),
      ]);
    });

    it('refuses a duplicate external id or work e-mail with 409 and stores nothing', async () => {
      await createEmployee(t, tenant, { externalId: 'DUP-1', workEmail: 'dup@example.com' });
      const before = Number((await t.sql.query('SELECT count(*) FROM employees')).rows[0].count);
      const byId = await t.http.post('/api/v1/employees').set('Authorization', hr()).send({ externalId: 'DUP-1', firstName: 'A', lastName: 'B', stage: 'hire' });
      const byEmail = await t.http.post('/api/v1/employees').set('Authorization', hr()).send({ workEmail: 'DUP@example.com', firstName: 'A', lastName: 'B', stage: 'hire' });
      expect([byId.status, byId.body.type]).toEqual([409, '/problems/employees.external_id_taken']);
      expect([byEmail.status, byEmail.body.type]).toEqual([409, '/problems/employees.work_email_taken']);
      expect(Number((await t.sql.query('SELECT count(*) FROM employees')).rows[0].count)).toBe(before);
    });

    it.each([
      [{ firstName: 'A', lastName: 'B' }, 'stage'],
      [{ firstName: 'A', lastName: 'B', stage: 'retired' }, 'stage'],
      [{ firstName: '', lastName: 'B', stage: 'hire' }, 'firstName'],
      [{ firstName: 'A', lastName: 'B', stage: 'hire', startDate: '2026-13-01' }, 'startDate'],
      [{ firstName: 'A', lastName: 'B', stage: 'hire', startDate: '2026-01-01T00:00:00Z' }, 'startDate'],
      [{ firstName: 'A', lastName: 'B', stage: 'hire', unitId: 'nope' }, 'unitId'],
      [{ firstName: 'A', lastName: 'B', stage: 'hire', unitId: '00000000-0000-4000-8000-000000000000' }, 'unitId'],
      [{ firstName: 'A', lastName: 'B', stage: 'hire', managerId: '00000000-0000-4000-8000-000000000000' }, 'managerId'],
      [{ firstName: 'A', lastName: 'B', stage: 'hire', startDate: '2026-05-01', endDate: '2026-04-01' }, 'endDate'],
      [{ firstName: 'A', lastName: 'B', stage: 'hire', employmentType: 'slave' }, 'employmentType'],
    ])('refuses %j naming %s, with nothing stored', async (body, field) => {
      const before = Number((await t.sql.query('SELECT count(*) FROM employees')).rows[0].count);
      const response = await t.http.post('/api/v1/employees').set('Authorization', hr()).send(body);
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(Number((await t.sql.query('SELECT count(*) FROM employees')).rows[0].count)).toBe(before);
    });

    it('does not let a stage be set by update (only by a transition)', async () => {
      const employee = await createEmployee(t, tenant);
      const response = await t.http.patch(`/api/v1/employees/${employee.id}`).set('Authorization', hr()).send({ stage: 'depart' });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'stage', message: 'is not a known field' }]);
    });

    it('keeps unit, manager and title changes as history, and refuses a manager cycle', async () => {
      const boss = await createEmployee(t, tenant);
      const report = await createEmployee(t, tenant, { managerId: boss.id });
      const promoted = await t.http.patch(`/api/v1/employees/${report.id}`).set('Authorization', hr()).send({ jobTitle: 'Lead', version: 1 });
      expect(promoted.body).toMatchObject({ jobTitle: 'Lead', version: 2 });
      const assignments = await t.sql.query(
        'SELECT job_title, valid_to FROM employee_assignments WHERE employee_id = $1 ORDER BY valid_from',
        [report.id],
      );
      expect(assignments.rows.map((r) => [r.job_title, r.valid_to === null])).toEqual([
        [null, false],
        ['Lead', true],
      ]);

      const cycle = await t.http.patch(`/api/v1/employees/${boss.id}`).set('Authorization', hr()).send({ managerId: report.id });
      expect([cycle.status, cycle.body.type]).toEqual([409, '/problems/employees.manager_cycle']);
      const self = await t.http.patch(`/api/v1/employees/${boss.id}`).set('Authorization', hr()).send({ managerId: boss.id });
      expect(self.status).toBe(409);

      const stale = await t.http.patch(`/api/v1/employees/${report.id}`).set('Authorization', hr()).send({ jobTitle: 'CTO', version: 1 });
      expect([stale.status, stale.body.type]).toEqual([409, '/problems/employees.stale_version']);
    });
  });

  describe('stage transitions', () => {
    const move = (id: string, to: string, extra: Record<string, unknown> = {}) =>
      t.http.post(`/api/v1/employees/${id}/transitions`).set('Authorization', hr()).send({ to, ...extra });

    it('walks every allowed move, appending each to the history', async () => {
      const employee = await createEmployee(t, tenant, { stage: 'attract' });
      const path = ['hire', 'onboard', 'engage', 'perform', 'develop', 'engage', 'develop', 'perform', 'engage', 'depart', 'attract', 'hire', 'depart'];
      for (const to of path) {
        const response = await move(employee.id, to, { reason: `to ${to}` });
        expect([to, response.status]).toEqual([to, 201]);
        expect(response.body.employee.stage).toBe(to);
      }
      const history = await t.sql.query(
        'SELECT from_stage, to_stage FROM stage_transitions WHERE employee_id = $1 ORDER BY effective_at, created_at',
        [employee.id],
      );
      expect(history.rows.map((r) => r.to_stage)).toEqual(['attract', ...path]);
      expect(history.rows.map((r) => r.from_stage)).toEqual([null, 'attract', ...path.slice(0, -1)]);
    });

    it('marks depart → attract as a boomerang rehire', async () => {
      const employee = await createEmployee(t, tenant, { stage: 'engage' });
      await move(employee.id, 'depart');
      const rehire = await move(employee.id, 'attract', { reason: 'rehire' });
      expect(rehire.body.transition).toMatchObject({ from: 'depart', to: 'attract', boomerang: true });
    });

    it.each([
      ['attract', 'engage', ['hire']],
      ['attract', 'depart', ['hire']],
      ['hire', 'engage', ['onboard', 'depart']],
      ['onboard', 'perform', ['engage', 'depart']],
      ['engage', 'attract', ['perform', 'develop', 'depart']],
      ['engage', 'engage', ['perform', 'develop', 'depart']],
      ['depart', 'engage', ['attract']],
    ])('refuses %s → %s with a 409 naming the allowed moves, changing nothing', async (from, to, allowed) => {
      const employee = await createEmployee(t, tenant, { stage: from as 'attract' });
      const response = await move(employee.id, to);
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ type: '/problems/employees.transition_not_allowed', from, to, allowed });
      expect(response.body.detail).toContain(allowed.join(' or '));
      const stored = await t.sql.query('SELECT stage, version FROM employees WHERE id = $1', [employee.id]);
      expect(stored.rows[0]).toEqual({ stage: from, version: 1 });
      expect(Number((await t.sql.query('SELECT count(*) FROM stage_transitions WHERE employee_id = $1', [employee.id])).rows[0].count)).toBe(1);
    });

    it('refuses a move dated before the last one, and one in the future', async () => {
      const employee = await createEmployee(t, tenant, { stage: 'engage' });
      const back = await move(employee.id, 'perform', { effectiveAt: '2001-01-01T00:00:00Z' });
      expect([back.status, back.body.type]).toEqual([409, '/problems/employees.transition_out_of_order']);
      const future = await move(employee.id, 'perform', { effectiveAt: new Date(Date.now() + 86_400_000).toISOString() });
      expect(future.status).toBe(400);
      expect(future.body.errors[0].field).toBe('effectiveAt');
    });

    it('serialises concurrent moves: exactly one of two racing hires wins', async () => {
      const employee = await createEmployee(t, tenant, { stage: 'attract' });
      const [a, b] = await Promise.all([move(employee.id, 'hire'), move(employee.id, 'hire')]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      expect(Number((await t.sql.query('SELECT count(*) FROM stage_transitions WHERE employee_id = $1', [employee.id])).rows[0].count)).toBe(2);
    });

    it('never lets the history be rewritten, even by SQL', async () => {
      const employee = await createEmployee(t, tenant);
      await expect(t.sql.query(`UPDATE stage_transitions SET to_stage = 'depart' WHERE employee_id = $1`, [employee.id])).rejects.toThrow(/append-only/);
      await expect(t.sql.query('DELETE FROM stage_transitions WHERE employee_id = $1', [employee.id])).rejects.toThrow(/append-only/);
    });
  });

  describe('tenure phases and list filters', () => {
    let phased: TenantFixture;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      phased = await createTenant(t);
      const today = todayUtc();
      const starts: Record<string, string> = {
        future: shiftDays(today, 10),
        day1: today,
        justBefore3: shiftDays(addMonths(today, -3), 1),
        exactly3: addMonths(today, -3),
        justBefore9: shiftDays(addMonths(today, -9), 1),
        exactly9: addMonths(today, -9),
      };
      for (const [name, startDate] of Object.entries(starts)) {
        ids[name] = (await createEmployee(t, phased, { lastName: name, startDate, location: name.startsWith('exactly') ? 'Paris' : 'Lyon' })).id;
      }
      ids.noStart = (await createEmployee(t, phased, { lastName: 'noStart' })).id;
      ids.leaver = (await createEmployee(t, phased, { lastName: 'leaver', startDate: addMonths(today, -20), stage: 'depart' })).id;
    });

    it.each([
      ['future', 'onboarding'],
      ['day1', 'onboarding'],
      ['justBefore3', 'onboarding'],
      ['exactly3', 'initial_development'],
      ['justBefore9', 'initial_development'],
      ['exactly9', 'ongoing_development'],
      ['noStart', null],
      ['leaver', 'separation'],
    ])('derives %s as %s', async (name, phase) => {
      const response = await t.http.get(`/api/v1/employees/${ids[name]}`).set('Authorization', phased.bearer('hr_admin'));
      expect(response.body.tenurePhase).toBe(phase);
    });

    it.each([
      ['onboarding', ['day1', 'future', 'justBefore3']],
      ['initial_development', ['exactly3', 'justBefore9']],
      ['ongoing_development', ['exactly9']],
      ['separation', ['leaver']],
    ])('filters by tenure phase %s in SQL exactly as it derives it', async (phase, expected) => {
      const response = await t.http.get(`/api/v1/employees?tenurePhase=${phase}&limit=200`).set('Authorization', phased.bearer('hr_admin'));
      expect(response.status).toBe(200);
      expect(response.body.items.map((e: { lastName: string }) => e.lastName).sort()).toEqual(expected);
      for (const item of response.body.items) expect(item.tenurePhase).toBe(phase);
    });

    it('filters by stage, location, manager and text, and pages in name order', async () => {
      const byLocation = await t.http.get('/api/v1/employees?location=Paris').set('Authorization', phased.bearer('hr_admin'));
      expect(byLocation.body.items.map((e: { lastName: string }) => e.lastName)).toEqual(['exactly3', 'exactly9']);
      const byStage = await t.http.get('/api/v1/employees?stage=depart').set('Authorization', phased.bearer('hr_admin'));
      expect(byStage.body.items.map((e: { lastName: string }) => e.lastName)).toEqual(['leaver']);
      const byText = await t.http.get('/api/v1/employees?q=JUSTbefore').set('Authorization', phased.bearer('hr_admin'));
      expect(byText.body.items.map((e: { lastName: string }) => e.lastName)).toEqual(['justBefore3', 'justBefore9']);

      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page++) {
        const response: { body: { items: { lastName: string }[]; nextCursor: string | null } } = await t.http
          .get(`/api/v1/employees?limit=3&sort=-lastName${cursor ? `&cursor=${cursor}` : ''}`)
          .set('Authorization', phased.bearer('hr_admin'));
        seen.push(...response.body.items.map((e) => e.lastName));
        cursor = response.body.nextCursor;
        if (!cursor) break;
      }
      expect(seen).toEqual(['noStart', 'leaver', 'justBefore9', 'justBefore3', 'future', 'exactly9', 'exactly3', 'day1']);
    });

    it('pages by start date with the undated last', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page++) {
        const response: { body: { items: { lastName: string }[]; nextCursor: string | null } } = await t.http
          .get(`/api/v1/employees?limit=2&sort=startDate${cursor ? `&cursor=${cursor}` : ''}`)
          .set('Authorization', phased.bearer('hr_admin'));
        seen.push(...response.body.items.map((e) => e.lastName));
        cursor = response.body.nextCursor;
        if (!cursor) break;
      }
      expect(seen).toEqual(['leaver', 'exactly9', 'justBefore9', 'exactly3', 'justBefore3', 'day1', 'future', 'noStart']);
    });
  });

  describe('isolation', () => {
    it('answers 404 for another tenant’s employee on every route, and changes nothing', async () => {
      const other = await createTenant(t);
      const theirs = await createEmployee(t, other, { stage: 'engage' });
      const mine = tenant.bearer('hr_admin');
      expect((await t.http.get(`/api/v1/employees/${theirs.id}`).set('Authorization', mine)).status).toBe(404);
      expect((await t.http.get(`/api/v1/employees/${theirs.id}/journey`).set('Authorization', mine)).status).toBe(404);
      expect((await t.http.patch(`/api/v1/employees/${theirs.id}`).set('Authorization', mine).send({ jobTitle: 'x' })).status).toBe(404);
      expect((await t.http.post(`/api/v1/employees/${theirs.id}/transitions`).set('Authorization', mine).send({ to: 'depart' })).status).toBe(404);
      const list = await t.http.get('/api/v1/employees?limit=200').set('Authorization', mine);
      expect(list.body.items.map((e: { id: string }) => e.id)).not.toContain(theirs.id);
      const stored = await t.sql.query('SELECT stage, job_title, version FROM employees WHERE id = $1', [theirs.id]);
      expect(stored.rows[0]).toEqual({ stage: 'engage', job_title: null, version: 1 });
    });

    it('refuses another tenant’s employee as a manager or referrer', async () => {
      const other = await createTenant(t);
      const theirs = await createEmployee(t, other);
      const response = await t.http
        .post('/api/v1/employees')
        .set('Authorization', hr())
        .send({ firstName: 'A', lastName: 'B', stage: 'hire', managerId: theirs.id, referredById: theirs.id });
      expect(response.status).toBe(400);
    });
  });
});
