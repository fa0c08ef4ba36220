import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createEmployee } from './factories/employee.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUser } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/** More than the pool's connections, so some requests queue while others hold row locks. */
const CONCURRENT = 12;

/**
 * Lost updates: TypeORM's save() does not check versions by itself (typeorm/typeorm#2848), so each
 * update locks the row and compares the version it was sent. Of many concurrent updates sent with
 * the same version, exactly one succeeds and every other one gets 409; the stored row is the winner's.
 */
describe('concurrent updates with the same version', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  let hr: string;

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t);
    hr = tenant.bearer('hr_admin');
  });
  afterAll(() => t.close());

  it('lets exactly one PATCH of an employee win; the others get 409 employees.stale_version', async () => {
    const employee = await createEmployee(t, tenant, { firstName: 'Ada' });
    const responses = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, i) =>
        t.http.patch(`/api/v1/employees/${employee.id}`).set('Authorization', hr).send({ version: employee.version, firstName: `Name ${i}` }),
      ),
    );
    const winners = responses.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409).map((r) => r.body.type)).toEqual(Array(CONCURRENT - 1).fill('/problems/employees.stale_version'));
    const stored = await t.sql.query(`SELECT first_name, version FROM employees WHERE tenant_id = $1 AND id = $2`, [tenant.id, employee.id]);
    expect(stored.rows[0]).toEqual({ first_name: winners[0]!.body.firstName, version: employee.version + 1 });
  });

  it('lets exactly one reassignment of a task win when each sends the version it read', async () => {
    const task = await openTask();
    const people = await Promise.all(Array.from({ length: CONCURRENT }, () => createUser(t, tenant, { role: 'employee' })));
    const responses = await Promise.all(
      people.map((person) => t.http.patch(`/api/v1/tasks/${task.id}`).set('Authorization', hr).send({ assigneeUserId: person.id, version: task.version })),
    );
    const winners = responses.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409).map((r) => r.body.type)).toEqual(Array(CONCURRENT - 1).fill('/problems/checklists.task_stale'));
    const stored = await t.sql.query(`SELECT assignee_user_id, version FROM checklist_tasks WHERE tenant_id = $1 AND id = $2`, [tenant.id, task.id]);
    expect(stored.rows[0]).toEqual({ assignee_user_id: winners[0]!.body.assigneeUserId, version: task.version + 1 });
    const history = await t.sql.query(`SELECT count(*)::int AS n FROM checklist_task_events WHERE tenant_id = $1 AND task_id = $2 AND action = 'reassign'`, [tenant.id, task.id]);
    expect(history.rows[0].n).toBe(1);
  });

  it('lets exactly one of many concurrent completions of a task win, with or without a version', async () => {
    for (const withVersion of [true, false]) {
      const task = await openTask();
      const responses = await Promise.all(
        Array.from({ length: CONCURRENT }, () =>
          t.http.post(`/api/v1/tasks/${task.id}/complete`).set('Authorization', hr).send(withVersion ? { version: task.version } : {}),
        ),
      );
      expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
      const refusals = responses.filter((r) => r.status === 409).map((r) => r.body.type);
      expect(refusals).toHaveLength(CONCURRENT - 1);
      // Sent with the version read, a loser is told the task changed; without, that it is no longer open.
      expect(new Set(refusals)).toEqual(new Set([withVersion ? '/problems/checklists.task_stale' : '/problems/checklists.task_state']));
      const events = await t.sql.query(`SELECT count(*)::int AS n FROM checklist_task_events WHERE tenant_id = $1 AND task_id = $2 AND action = 'complete'`, [tenant.id, task.id]);
      expect(events.rows[0].n).toBe(1);
    }
  });

  it('refuses a stale version of a task after a change made in between', async () => {
    const task = await openTask();
    await t.http.post(`/api/v1/tasks/${task.id}/complete`).set('Authorization', hr).send({ version: task.version }).expect(200);
    const stale = await t.http.post(`/api/v1/tasks/${task.id}/reopen`).set('Authorization', hr).send({ version: task.version });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ type: '/problems/checklists.task_stale', version: task.version + 1 });
    const fresh = await t.http.post(`/api/v1/tasks/${task.id}/reopen`).set('Authorization', hr).send({ version: task.version + 1 });
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({ status: 'open', version: task.version + 2 });
  });

  /** An open task with no open dependency, of a new onboarding checklist. */
  async function openTask(): Promise<{ id: string; version: number }> {
    const templates = (await t.http.get('/api/v1/checklist-templates').set('Authorization', hr)).body.items as { id: string; kind: string }[];
    const onboarding = templates.find((x) => x.kind === 'onboarding')!;
    const hire = await createEmployee(t, tenant, { stage: 'onboard', startDate: '2030-01-01' });
    const checklist = await t.http.post('/api/v1/checklists').set('Authorization', hr).send({ employeeId: hire.id, templateId: onboarding.id }).expect(201);
    const task = (checklist.body.tasks as { id: string; version: number; dependsOn: string[] }[]).find((x) => x.dependsOn.length === 0)!;
    expect(task.version).toBe(1);
    return task;
  }
});
