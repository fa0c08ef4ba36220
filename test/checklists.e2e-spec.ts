import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PlaybookRunner } from '#src/modules/playbooks/playbook-runner.js';
import { createEmployee } from './factories/employee.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUnit } from './factories/unit.factory.js';
import { createUser, loginAs } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

describe('checklists', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  let hr: string;
  let onboarding: { id: string; tasks: { key: string; offsetDays: number; assignee: { rule: string } }[] };
  let lead: { id: string };
  let leadAuth: string;
  let leadUserId: string;

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t);
    hr = tenant.bearer('hr_admin');
    const templates = (await t.http.get('/api/v1/checklist-templates').set('Authorization', hr)).body.items;
    onboarding = templates.find((template: { kind: string }) => template.kind === 'onboarding');
    lead = await createEmployee(t, tenant, { stage: 'engage' });
    const user = await createUser(t, tenant, { role: 'manager' });
    await t.http.patch(`/api/v1/users/${user.id}`).set('Authorization', hr).send({ employeeId: lead.id }).expect(200);
    leadAuth = await loginAs(t, user.email);
    leadUserId = user.id;
  });
  afterAll(() => t.close());

  const start = (employeeId: string, templateId = onboarding.id) => t.http.post('/api/v1/checklists').set('Authorization', hr).send({ employeeId, templateId });
  const task = (checklist: { tasks: { key: string; id: string; dueOn: string }[] }, key: string) => checklist.tasks.find((x) => x.key === key)!;
  const act = (taskId: string, action: string, auth = hr, comment?: string) => t.http.post(`/api/v1/tasks/${taskId}/${action}`).set('Authorization', auth).send(comment ? { comment } : {});

  it('gives every organisation a default onboarding and offboarding template', async () => {
    const templates = (await t.http.get('/api/v1/checklist-templates').set('Authorization', hr)).body.items;
    // Both are made in one transaction, so their order is not given: sort.
    expect(templates.map((x: { kind: string; tasks: unknown[] }) => [x.kind, x.tasks.length]).sort()).toEqual([
      ['offboarding', 7],
      ['onboarding', 11],
    ]);
  });

  it('starts the onboarding checklist when a hire enters onboard, with assignees and due dates resolved', async () => {
    const playbook = await t.http
      .post('/api/v1/playbooks')
      .set('Authorization', hr)
      .send({ name: 'Onboarding checklist', triggerEvent: 'employee.stage_changed', triggerStage: 'onboard', action: 'checklist.start', params: { templateId: onboarding.id } });
    expect(playbook.status).toBe(201);
    const hire = await createEmployee(t, tenant, { stage: 'hire', startDate: '2030-03-02', managerId: lead.id });
    await t.http.post(`/api/v1/employees/${hire.id}/transitions`).set('Authorization', hr).send({ to: 'onboard' }).expect(201);
    const runner = t.app.get(PlaybookRunner);
    const checklists = async () => (await t.http.get(`/api/v1/checklists?employeeId=${hire.id}`).set('Authorization', hr)).body.items;
    for (let i = 0; i < 100 && (await checklists()).length === 0; i++) {
      await runner.tick();
      await new Promise((r) => setTimeout(r, 50));
    }
    const [checklist] = await checklists();
    expect(checklist).toMatchObject({ templateId: onboarding.id, templateVersion: 1, anchorDate: '2030-03-02', status: 'running' });
    expect(checklist.progress).toEqual({ done: 0, total: 11, requiredDone: 0, requiredTotal: 10, overdue: 0 });
    expect(task(checklist, 'welcome_email')).toMatchObject({ dueOn: '2030-02-23', assigneeRule: 'hr', assigneeUserId: null });
    expect(task(checklist, 'day_one_welcome')).toMatchObject({ dueOn: '2030-03-02', assigneeRule: 'manager', assigneeUserId: leadUserId });
    expect(task(checklist, 'checkin_90')).toMatchObject({ dueOn: '2030-05-31', assigneeUserId: leadUserId });
    // The employee has no user: their own tasks wait for HR.
    expect(task(checklist, 'first_week_paperwork')).toMatchObject({ assigneeRule: 'employee', assigneeUserId: null });

    const again = await start(hire.id);
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('/problems/checklists.already_running');
  });

  it('holds a task back until its dependencies are done, skips only optional tasks, and keeps every change', async () => {
    const hire = await createEmployee(t, tenant, { stage: 'onboard', startDate: '2030-01-10', managerId: lead.id });
    const checklist = (await start(hire.id)).body;

    const early = await act(task(checklist, 'workspace').id, 'complete');
    expect(early.status).toBe(409);
    expect(early.body.type).toBe('/problems/checklists.dependency_open');
    expect(early.body.openDependencies.map((d: { key: string }) => d.key)).toEqual(['equipment']);
    await act(task(checklist, 'equipment').id, 'complete', hr, 'Ordered').expect(200);
    await act(task(checklist, 'workspace').id, 'complete').expect(200);

    const required = await act(task(checklist, 'welcome_email').id, 'skip');
    expect(required.status).toBe(409);
    expect(required.body.type).toBe('/problems/checklists.required_task');
    await act(task(checklist, 'buddy').id, 'skip', leadAuth, 'No buddy available').expect(200);
    expect((await act(task(checklist, 'buddy').id, 'skip', leadAuth)).status).toBe(409);

    await act(task(checklist, 'equipment').id, 'reopen', hr, 'Wrong laptop').expect(200);
    const history = (await t.http.get(`/api/v1/tasks/${task(checklist, 'equipment').id}/history`).set('Authorization', hr)).body;
    expect(history.map((e: { action: string; toStatus: string; comment: string | null }) => [e.action, e.toStatus, e.comment])).toEqual([
      ['create', 'open', null],
      ['complete', 'done', 'Ordered'],
      ['reopen', 'open', 'Wrong laptop'],
    ]);
  });

  it('shows everyone their own tasks, HR everyone’s, and completes a checklist when its required tasks are done', async () => {
    const hire = await createEmployee(t, tenant, { stage: 'onboard', startDate: '2020-01-06', managerId: lead.id });
    const checklist = (await start(hire.id)).body;
    const mine = (await t.http.get('/api/v1/tasks?assignee=me&status=open').set('Authorization', leadAuth)).body.items as { assigneeUserId: string; checklistId: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((x) => x.assigneeUserId === leadUserId)).toBe(true);
    const overdue = (await t.http.get(`/api/v1/tasks?due=overdue&assignee=${leadUserId}`).set('Authorization', hr)).body.items as { overdue: boolean }[];
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.every((x) => x.overdue)).toBe(true);
    // Someone else's task is not the lead's to work.
    expect((await act(task(checklist, 'welcome_email').id, 'complete', leadAuth)).status).toBe(404);

    const order = ['welcome_email', 'equipment', 'workspace', 'day_one_welcome', 'day_one_setup', 'first_week_goals', 'first_week_paperwork', 'checkin_30', 'checkin_60', 'checkin_90'];
    for (const key of order) await act(task(checklist, key).id, 'complete').expect(200);
    const done = (await t.http.get(`/api/v1/checklists/${checklist.id}`).set('Authorization', hr)).body;
    // Completed with the optional buddy task still open (and, dated in 2020, overdue).
    expect(done).toMatchObject({ status: 'completed', progress: { done: 10, total: 11, requiredDone: 10, requiredTotal: 10, overdue: 1 } });
    await act(task(checklist, 'checkin_90').id, 'reopen').expect(200);
    expect((await t.http.get(`/api/v1/checklists/${checklist.id}`).set('Authorization', hr)).body.status).toBe('running');
  });

  it('hands a task to a buddy and back to HR, keeping who had it; a cancelled checklist frees its template', async () => {
    const hire = await createEmployee(t, tenant, { stage: 'onboard', startDate: '2030-02-01', managerId: lead.id });
    const checklist = (await start(hire.id)).body;
    const buddy = await createUser(t, tenant, { role: 'employee' });
    const buddyAuth = await loginAs(t, buddy.email);
    const taskId = task(checklist, 'first_week_goals').id;
    // The lead hands their task to the buddy, who can then work it; the lead no longer can.
    const handed = await t.http.patch(`/api/v1/tasks/${taskId}`).set('Authorization', leadAuth).send({ assigneeUserId: buddy.id, comment: 'Pairing week' });
    expect(handed.status).toBe(200);
    expect(handed.body.assigneeUserId).toBe(buddy.id);
    expect((await act(taskId, 'complete', leadAuth)).status).toBe(404);
    await act(taskId, 'complete', buddyAuth).expect(200);
    const back = await t.http.patch(`/api/v1/tasks/${taskId}`).set('Authorization', hr).send({ assigneeUserId: null });
    expect(back.body.assigneeUserId).toBeNull();
    const unknown = await t.http.patch(`/api/v1/tasks/${taskId}`).set('Authorization', hr).send({ assigneeUserId: randomUUID() });
    expect(unknown.status).toBe(400);
    // Found by the fuzz suite: an empty body was a 500 (an UPDATE with nothing to set).
    const empty = await t.http.patch(`/api/v1/tasks/${taskId}`).set('Authorization', hr).send({});
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([{ field: 'assigneeUserId', message: 'must be a UUID' }]);
    const history = (await t.http.get(`/api/v1/tasks/${taskId}/history`).set('Authorization', hr)).body;
    expect(history.filter((e: { action: string }) => e.action === 'reassign').map((e: { comment: string }) => e.comment)).toEqual([
      `from ${leadUserId} to ${buddy.id}: Pairing week`,
      `from ${buddy.id} to HR`,
    ]);

    expect((await start(hire.id)).status).toBe(409);
    const cancelled = await t.http.post(`/api/v1/checklists/${checklist.id}/cancel`).set('Authorization', hr).send();
    expect(cancelled.body.status).toBe('cancelled');
    expect((await start(hire.id)).status).toBe(201);
  });

  it('counts business days when the organisation asks for it', async () => {
    await t.http.patch('/api/v1/tenant').set('Authorization', hr).send({ settings: { checklistBusinessDays: true } }).expect(200);
    // Starts on Monday 2030-03-04: two business days before is Thursday 2030-02-28, four after is Friday 2030-03-08.
    const hire = await createEmployee(t, tenant, { stage: 'onboard', startDate: '2030-03-04' });
    const checklist = (await start(hire.id)).body;
    await t.http.patch('/api/v1/tenant').set('Authorization', hr).send({ settings: { checklistBusinessDays: false } }).expect(200);
    expect(task(checklist, 'workspace').dueOn).toBe('2030-02-28');
    expect(task(checklist, 'first_week_paperwork').dueOn).toBe('2030-03-08');
    expect(task(checklist, 'day_one_welcome').dueOn).toBe('2030-03-04');
  });

  it('versions templates: an edit never changes a running checklist; conditions pick the tasks', async () => {
    const lyon = await createUnit(t, tenant, { name: 'Lyon office' });
    const created = await t.http
      .post('/api/v1/checklist-templates')
      .set('Authorization', hr)
      .send({
        name: 'Custom',
        kind: 'custom',
        tasks: [
          { key: 'intro', title: 'Intro', assignee: { rule: 'hr' }, offsetDays: 0 },
          { key: 'badge', title: 'Lyon badge', assignee: { rule: 'unit', unitId: lyon.id }, offsetDays: 1, conditions: { unitIds: [lyon.id] }, dependsOn: ['intro'] },
        ],
      });
    expect(created.status).toBe(201);
    const inLyon = await createEmployee(t, tenant, { stage: 'engage', unitId: lyon.id });
    const elsewhere = await createEmployee(t, tenant, { stage: 'engage' });
    const first = (await start(inLyon.id, created.body.id)).body;
    expect(first.tasks.map((x: { key: string }) => x.key).sort()).toEqual(['badge', 'intro']);
    expect((await start(elsewhere.id, created.body.id)).body.tasks.map((x: { key: string }) => x.key)).toEqual(['intro']);

    const edited = await t.http
      .patch(`/api/v1/checklist-templates/${created.body.id}`)
      .set('Authorization', hr)
      .send({ version: 1, tasks: [{ key: 'intro', title: 'Intro v2', assignee: { rule: 'hr' }, offsetDays: 0 }] });
    expect(edited.body).toMatchObject({ currentVersion: 2, version: 2 });
    const running = (await t.http.get(`/api/v1/checklists/${first.id}`).set('Authorization', hr)).body;
    expect(running).toMatchObject({ templateVersion: 1 });
    expect(running.tasks.map((x: { title: string }) => x.title).sort()).toEqual(['Intro', 'Lyon badge']);
    const stale = await t.http.patch(`/api/v1/checklist-templates/${created.body.id}`).set('Authorization', hr).send({ version: 1, name: 'x' });
    expect(stale.status).toBe(409);
  });

  it('reports runs, late and overdue tasks per unit, template and assignee rule', async () => {
    const unit = await createUnit(t, tenant, { name: 'Report team' });
    const hire = await createEmployee(t, tenant, { stage: 'onboard', startDate: '2020-01-06', unitId: unit.id, managerId: lead.id });
    const checklist = (await start(hire.id)).body;
    await act(task(checklist, 'welcome_email').id, 'complete').expect(200); // due 2019-12-30: done late
    const report = await t.http.get(`/api/v1/reports/onboarding?unitId=${unit.id}`).set('Authorization', hr);
    expect(report.status).toBe(200);
    expect(report.body.rows).toEqual([
      {
        unitId: unit.id,
        unitName: 'Report team',
        templateId: onboarding.id,
        templateName: 'Onboarding',
        running: 1,
        completed: 0,
        medianDaysToComplete: null,
        tasksDone: 1,
        doneLateShare: 1,
        overdueNow: 10,
      },
    ]);
    expect(report.body.byAssigneeRule.find((r: { rule: string }) => r.rule === 'hr')).toMatchObject({ done: 1, doneLate: 1, doneLateShare: 1 });
    expect(report.body.byAssigneeRule.find((r: { rule: string }) => r.rule === 'manager')).toMatchObject({ tasks: 6, done: 0, overdueNow: 6 });
    const bad = await t.http.get('/api/v1/reports/onboarding?from=yesterday').set('Authorization', hr);
    expect(bad.status).toBe(400);
  });

  it('refuses bad templates and starts, and hides everything from another tenant', async () => {
    const cyclic = await t.http
      .post('/api/v1/checklist-templates')
      .set('Authorization', hr)
      .send({
        name: 'Loop',
        kind: 'custom',
        tasks: [
          { key: 'a', title: 'A', assignee: { rule: 'hr' }, offsetDays: 0, dependsOn: ['b'] },
          { key: 'b', title: 'B', assignee: { rule: 'hr' }, offsetDays: 0, dependsOn: ['a'] },
        ],
      });
    expect(cyclic.status).toBe(400);
    expect(cyclic.body.errors).toEqual([{ field: 'tasks', message: 'have a dependency cycle: a → b → a' }]);
    const noStart = await createEmployee(t, tenant, { stage: 'hire' });
    const anchorless = await start(noStart.id);
    expect(anchorless.status).toBe(409);
    expect(anchorless.body.type).toBe('/problems/checklists.no_anchor');
    expect((await start(randomUUID())).status).toBe(400);

    const other = await createTenant(t);
    expect((await t.http.get(`/api/v1/checklist-templates/${onboarding.id}`).set('Authorization', other.bearer('hr_admin'))).status).toBe(404);
    const otherEmployee = await createEmployee(t, other, { stage: 'onboard', startDate: '2030-01-01' });
    expect((await start(otherEmployee.id)).status).toBe(400);
    const otherHr = other.bearer('hr_admin');
    expect((await t.http.get('/api/v1/checklists').set('Authorization', otherHr)).body.items).toEqual([]);
    expect((await t.http.get('/api/v1/tasks').set('Authorization', otherHr)).body.items).toEqual([]);
    const ours = (await t.http.get('/api/v1/tasks?limit=1').set('Authorization', hr)).body.items[0];
    expect((await t.http.post(`/api/v1/tasks/${ours.id}/complete`).set('Authorization', otherHr).send({})).status).toBe(404);
    expect((await t.http.get(`/api/v1/reports/onboarding`).set('Authorization', otherHr)).body.rows).toEqual([]);
  });
});
