import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ROLES, type Role } from '#src/common/auth/principal.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createEmployee } from './factories/employee.factory.js';
import { createUnit } from './factories/unit.factory.js';
import { createUser, loginAs } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { changedTables, tenantFingerprint } from './utils/fingerprint.js';
import { signInToPages } from './utils/pages.js';
import { discoverRoutes, type DiscoveredRoute } from './utils/routes.js';
import { createWorld, type World } from './utils/world.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Bodies that pass validation, so a refusal is about the id, not the body. A route with an id and a
 * body missing here fails the suite.
 */
const BODIES: Record<string, unknown> = {
  'PATCH /api/v1/users/:id': { displayName: 'Renamed' },
  'PATCH /api/v1/units/:id': { name: 'Renamed' },
  'PATCH /api/v1/employees/:id': { firstName: 'Renamed' },
  'POST /api/v1/employees/:id/transitions': { to: 'perform' },
  'POST /api/v1/employees/:id/erasure': { reason: 'Asked by e-mail' },
  'PATCH /api/v1/webhooks/:id': { active: false },
  'POST /api/v1/webhooks/:id/deliveries/:deliveryId/retry': {},
  'PATCH /api/v1/playbooks/:id': { name: 'Renamed' },
  'PATCH /api/v1/survey-questions/:id': { texts: { en: 'Renamed?' } },
  'PATCH /api/v1/surveys/:id': { name: 'Renamed' },
  'POST /api/v1/surveys/:id/rounds': {},
  'POST /api/v1/surveys/:id/rounds/:roundId/close': {},
  'POST /api/v1/surveys/:id/comments/:commentId/replies': { message: 'Thank you' },
  'PATCH /api/v1/survey-actions/:id': { title: 'Renamed' },
  'POST /api/v1/survey-actions/:id/updates': { note: 'Progress' },
  'PATCH /api/v1/checklist-templates/:id': { name: 'Renamed' },
  'POST /api/v1/checklists/:id/cancel': {},
  'POST /api/v1/tasks/:id/complete': {},
  'POST /api/v1/tasks/:id/reopen': {},
  'POST /api/v1/tasks/:id/skip': {},
  'PATCH /api/v1/tasks/:id': { assigneeUserId: null },
  'PATCH /api/v1/journey-map/touchpoints/:id': { name: 'Renamed' },
  'POST /api/v1/journey-map/touchpoints/:id/links': { kind: 'checklist_task', templateId: '00000000-0000-4000-8000-000000000001', taskKey: 'x' },
  'PATCH /api/v1/pain-points/:id': { status: 'acknowledged' },
  'POST /api/v1/pain-points/:id/me-too': {},
  'PATCH /api/v1/separations/:id': { alumniOptIn: true },
  'PUT /api/v1/separations/:id/regrettable': { regrettable: true },
  'POST /api/v1/separations/:id/withdraw': { reason: 'Stays' },
  'POST /api/v1/exit-interviews/:id/answers': { answers: [{ questionId: '00000000-0000-4000-8000-000000000001', value: 3 }] },
  'POST /app/tasks/:id/complete': {},
  'PATCH /api/v1/recognitions/:id': { message: 'Renamed' },
  'PATCH /api/v1/voice/:id': { status: 'acknowledged' },
  'POST /api/v1/voice/:id/replies': { text: 'Thanks' },
  'PATCH /api/v1/segments/:id': { version: 1, name: 'Renamed' },
};

/**
 * Refusals that come before any lookup, and so answer an unknown id the same way: a manager who
 * manages no unit (api-errors.md, `surveys.out_of_scope`), "me too" from an API key (nobody).
 */
const SAME_AS_UNKNOWN = ['/problems/surveys.out_of_scope', '/problems/common.validation_failed'];

/**
 * Cross-tenant: every route with an id in its path, called by another tenant with each role on the
 * first tenant's real ids, both with the role's API key and as a signed-in user of that role (a
 * manager with a reporting line of their own). An allowed role gets exactly what an unknown id gets (404: the id does
 * not exist for it), never the resource; a role the route refuses gets the role refusal (403). The
 * first tenant's rows are the same afterwards.
 */
describe('another tenant’s ids', () => {
  let t: TestApp;
  let world: World;
  let intruder: TenantFixture;
  let routes: DiscoveredRoute[];
  /** The intruder's credentials: an API key and a signed-in user for every role. */
  const credentials: { role: Role; via: string; authorization: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    world = await createWorld(t);
    intruder = await createTenant(t);
    const unit = await createUnit(t, intruder);
    const lead = await createEmployee(t, intruder, { unitId: unit.id });
    await t.http.patch(`/api/v1/units/${unit.id}`).set('Authorization', intruder.bearer('hr_admin')).send({ managerId: lead.id }).expect(200);
    for (const role of ROLES) {
      credentials.push({ role, via: 'key', authorization: intruder.bearer(role) });
      if (role === 'integration') continue;
      const user = await createUser(t, intruder, { role });
      if (role === 'manager') await t.http.patch(`/api/v1/users/${user.id}`).set('Authorization', intruder.bearer('hr_admin')).send({ employeeId: lead.id }).expect(200);
      credentials.push({ role, via: 'user', authorization: await loginAs(t, user.email) });
    }
    routes = discoverRoutes(t.app).filter((r) => /:(?!token|code|name|stage|key\b)\w+/.test(r.path));
  }, 120_000);
  afterAll(() => t.close());

  /** The template with the world's ids, or (for the baseline) with random ids for its id parameters. */
  const addressed = (template: string, unknown: boolean) => {
    const real = world.path(template);
    return unknown ? real.split('/').map((segment) => (UUID.test(segment) ? randomUUID() : segment)).join('/') : real;
  };

  it('covers every route that takes an id, each with a body that passes validation', () => {
    expect(routes.length).toBeGreaterThan(40);
    const needBodies = routes.filter((r) => r.method !== 'GET' && r.method !== 'DELETE').map((r) => r.key);
    expect(needBodies.filter((key) => !(key in BODIES))).toEqual([]);
    for (const route of routes) expect([route.key, UUID.test(world.path(route.path).split('/').find((s) => UUID.test(s)) ?? '')]).toEqual([route.key, true]);
  });

  it('answers every API route as if the id did not exist, for every role, and changes nothing', async () => {
    const fingerprint = await tenantFingerprint(t.sql);
    const before = await fingerprint(world.tenant.id);
    const leaks: string[] = [];
    for (const route of routes.filter((r) => !r.page)) {
      for (const { role, via, authorization } of credentials) {
        const send = (path: string) => {
          const call = t.http[route.method.toLowerCase() as 'get'](path).set('Authorization', authorization);
          return route.method === 'GET' || route.method === 'DELETE' ? call : call.send(BODIES[route.key] as object);
        };
        const foreign = await send(addressed(route.path, false));
        const unknown = await send(addressed(route.path, true));
        const allowed = route.policy?.kind === 'roles' ? route.policy.roles.includes(role) : true;
        const expected = allowed ? 404 : 403;
        const sameAsUnknown = foreign.status === unknown.status && foreign.body.type === unknown.body.type;
        if (!sameAsUnknown || (foreign.status !== expected && !SAME_AS_UNKNOWN.includes(foreign.body.type))) {
          leaks.push(`${route.key} as ${role} (${via}): ${foreign.status} ${foreign.body.type} (an unknown id: ${unknown.status} ${unknown.body.type})`);
        }
        if (!allowed) expect(foreign.body.type).toBe('/problems/auth.role_not_allowed');
      }
    }
    expect(leaks).toEqual([]);
    expect(changedTables(before, await fingerprint(world.tenant.id))).toEqual([]);
  }, 120_000);

  it('answers the pages that take an id with 404 for another tenant’s ids', async () => {
    const user = await createUser(t, intruder, { role: 'hr_admin' });
    const session = await signInToPages(t, user.email);
    const board = await session.get(world.path('/app/checklists/:id'));
    expect(board.status).toBe(404);
    const complete = await session.post(world.path('/app/tasks/:id/complete'), { _csrf: session.csrf });
    expect(complete.status).toBe(404);
    const task = await t.sql.query(`SELECT status FROM checklist_tasks WHERE tenant_id = $1 AND id = $2`, [world.tenant.id, world.ids.tasks]);
    expect(task.rows[0].status).toBe('open');
  });
});
