import { ROLES, type Role } from '#src/common/auth/principal.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createEmployee } from './factories/employee.factory.js';
import { createUnit } from './factories/unit.factory.js';
import { createUser } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { discoverRoutes } from './utils/routes.js';

const HR: Role[] = ['hr_admin'];
const ORG_READERS: Role[] = ['hr_admin', 'integration', 'manager'];
const EVERYONE: Role[] = [...ROLES];
const HR_AND_HRIS: Role[] = ['hr_admin', 'integration'];
/** Survey results: HR, and managers for their own reporting line. Integrations never read them. */
const RESULT_READERS: Role[] = ['hr_admin', 'manager'];
/** "You said, we did": employees read their own unit's actions too. */
const ACTION_READERS: Role[] = ['hr_admin', 'manager', 'employee'];
/** Checklist tasks: whoever they are assigned to works them; HR works all. */
const TASK_WORKERS: Role[] = ['hr_admin', 'manager', 'employee'];

/**
 * Who may call each tenant route. A route missing from here fails the suite, so every new route
 * gets its row (and its decision) when it is added.
 */
const ROLE_MATRIX: Record<string, Role[]> = {
  'GET /api/v1/auth/me': EVERYONE,
  'GET /api/v1/tenant': EVERYONE,
  'PATCH /api/v1/tenant': HR,
  'POST /api/v1/users': HR,
  'GET /api/v1/users': HR,
  'GET /api/v1/users/:id': HR,
  'PATCH /api/v1/users/:id': HR,
  'POST /api/v1/api-keys': HR,
  'GET /api/v1/api-keys': HR,
  'GET /api/v1/api-keys/:id': HR,
  'DELETE /api/v1/api-keys/:id': HR,
  'POST /api/v1/units': HR_AND_HRIS,
  'PUT /api/v1/units/bulk': HR_AND_HRIS,
  'GET /api/v1/units': ORG_READERS,
  'GET /api/v1/units/:id': ORG_READERS,
  'GET /api/v1/units/:id/history': ORG_READERS,
  'PATCH /api/v1/units/:id': HR_AND_HRIS,
  'DELETE /api/v1/units/:id': HR_AND_HRIS,
  'POST /api/v1/employees': HR_AND_HRIS,
  'GET /api/v1/employees': HR_AND_HRIS,
  'GET /api/v1/employees/:id': HR_AND_HRIS,
  'PATCH /api/v1/employees/:id': HR_AND_HRIS,
  'POST /api/v1/employees/:id/transitions': HR_AND_HRIS,
  'GET /api/v1/employees/:id/journey': HR,
  // Data-subject rights: the request comes to HR, who checks who is asking.
  'GET /api/v1/employees/:id/data-export': HR,
  'POST /api/v1/employees/:id/erasure': HR,
  'PUT /api/v1/employees/bulk': HR_AND_HRIS,
  'POST /api/v1/employees/import': HR_AND_HRIS,
  'GET /api/v1/events': HR_AND_HRIS,
  'GET /api/v1/audit-log': HR,
  'POST /api/v1/webhooks': HR,
  'GET /api/v1/webhooks': HR,
  'GET /api/v1/webhooks/:id': HR,
  'PATCH /api/v1/webhooks/:id': HR,
  'DELETE /api/v1/webhooks/:id': HR,
  'GET /api/v1/webhooks/:id/deliveries': HR,
  'POST /api/v1/webhooks/:id/deliveries/:deliveryId/retry': HR,
  'GET /api/v1/playbook-actions': HR,
  'POST /api/v1/playbooks': HR,
  'GET /api/v1/playbooks': HR,
  'GET /api/v1/playbooks/:id': HR,
  'PATCH /api/v1/playbooks/:id': HR,
  'DELETE /api/v1/playbooks/:id': HR,
  'GET /api/v1/playbooks/:id/runs': HR,
  'GET /api/v1/survey-drivers': RESULT_READERS,
  'POST /api/v1/survey-drivers': HR,
  'PATCH /api/v1/survey-drivers/:key': HR,
  'GET /api/v1/survey-questions': HR,
  'POST /api/v1/survey-questions': HR,
  'GET /api/v1/survey-questions/:id': HR,
  'PATCH /api/v1/survey-questions/:id': HR,
  'POST /api/v1/surveys': HR,
  'GET /api/v1/surveys': HR,
  'GET /api/v1/surveys/:id': HR,
  'PATCH /api/v1/surveys/:id': HR,
  'POST /api/v1/surveys/:id/rounds': HR,
  'GET /api/v1/surveys/:id/rounds': HR,
  'POST /api/v1/surveys/:id/rounds/:roundId/close': HR,
  'GET /api/v1/surveys/:id/rounds/:roundId/invitations': HR,
  'GET /api/v1/surveys/:id/results': RESULT_READERS,
  'GET /api/v1/surveys/:id/results/export': RESULT_READERS,
  'GET /api/v1/surveys/:id/trend': RESULT_READERS,
  'POST /api/v1/survey-actions': RESULT_READERS,
  'GET /api/v1/survey-actions': ACTION_READERS,
  'GET /api/v1/survey-actions/:id': ACTION_READERS,
  'PATCH /api/v1/survey-actions/:id': RESULT_READERS,
  'POST /api/v1/survey-actions/:id/updates': RESULT_READERS,
  'GET /api/v1/survey-actions/:id/updates': ACTION_READERS,
  'POST /api/v1/checklist-templates': HR,
  'GET /api/v1/checklist-templates': HR,
  'GET /api/v1/checklist-templates/:id': HR,
  'PATCH /api/v1/checklist-templates/:id': HR,
  'POST /api/v1/checklists': HR,
  'GET /api/v1/checklists': HR,
  'GET /api/v1/checklists/:id': HR,
  'GET /api/v1/tasks': TASK_WORKERS,
  'POST /api/v1/tasks/:id/complete': TASK_WORKERS,
  'POST /api/v1/tasks/:id/reopen': TASK_WORKERS,
  'POST /api/v1/tasks/:id/skip': TASK_WORKERS,
  'GET /api/v1/tasks/:id/history': TASK_WORKERS,
  'PATCH /api/v1/tasks/:id': TASK_WORKERS,
  'POST /api/v1/checklists/:id/cancel': HR,
  'GET /api/v1/reports/onboarding': HR,
  'GET /api/v1/checklist-notifications': HR,
  'GET /api/v1/journey-map': RESULT_READERS,
  'POST /api/v1/journey-map/touchpoints': HR,
  'PATCH /api/v1/journey-map/touchpoints/:id': HR,
  'PUT /api/v1/journey-map/stages/:stage/order': HR,
  'POST /api/v1/pain-points': TASK_WORKERS,
  'GET /api/v1/pain-points': HR,
  'PATCH /api/v1/pain-points/:id': HR,
  'POST /api/v1/pain-points/:id/me-too': TASK_WORKERS,
  'GET /api/v1/pain-points/:id/history': HR,
  'GET /api/v1/journey-map/touchpoints/:id/links': HR,
  'POST /api/v1/journey-map/touchpoints/:id/links': HR,
  'DELETE /api/v1/journey-map/touchpoints/:id/links/:linkId': HR,
  'GET /api/v1/reports/touchpoints': HR,
  'POST /api/v1/pain-points/from-comment': HR,
  // Comments: like results, HR and managers (their reporting line); one comment with its flags is HR's.
  'GET /api/v1/surveys/:id/comments': RESULT_READERS,
  'GET /api/v1/surveys/:id/comments/:commentId': HR,
  'POST /api/v1/surveys/:id/comments/:commentId/replies': RESULT_READERS,
  'GET /api/v1/survey-watch-terms': HR,
  'POST /api/v1/survey-watch-terms': HR,
  'DELETE /api/v1/survey-watch-terms/:id': HR,
  // Separations: HR (and the HRIS records them); a manager says whether a leaver of their line is a regrettable loss.
  'POST /api/v1/separations': HR_AND_HRIS,
  'GET /api/v1/separations': HR,
  'GET /api/v1/separations/:id': HR,
  'PATCH /api/v1/separations/:id': HR,
  'PUT /api/v1/separations/:id/regrettable': RESULT_READERS,
  'POST /api/v1/separations/:id/withdraw': HR,
  'GET /api/v1/separation-reasons': ORG_READERS,
  'POST /api/v1/separation-reasons': HR,
  'PATCH /api/v1/separation-reasons/:key': HR,
  // Exit interviews are confidential: one interview is HR's, and anyone else is told it does not exist (404).
  'GET /api/v1/exit-interviews': HR,
  'GET /api/v1/exit-interviews/:id': EVERYONE,
  'POST /api/v1/exit-interviews/:id/answers': HR,
  'GET /api/v1/exit-questionnaire': HR,
  'PUT /api/v1/exit-questionnaire': HR,
  'GET /api/v1/reports/exit-interviews': RESULT_READERS,
  'GET /api/v1/reports/attrition': RESULT_READERS,
  'GET /api/v1/reports/attrition/before-exit': RESULT_READERS,
  'GET /api/v1/reports/retention-risk': RESULT_READERS,
  // Recognition: anyone with a person behind them thanks and reads the feed; counts and moments are for leaders.
  'POST /api/v1/recognitions': TASK_WORKERS,
  'GET /api/v1/recognitions': TASK_WORKERS,
  'GET /api/v1/recognitions/moments': RESULT_READERS,
  'GET /api/v1/recognitions/:id': TASK_WORKERS,
  'PATCH /api/v1/recognitions/:id': TASK_WORKERS,
  'DELETE /api/v1/recognitions/:id': TASK_WORKERS,
  'GET /api/v1/reports/recognition': RESULT_READERS,
  'GET /api/v1/reports/loyalty-ladder': RESULT_READERS,
  'GET /api/v1/reports/benchmark': RESULT_READERS,
  'GET /api/v1/reports/observation': RESULT_READERS,
  'GET /api/v1/reports/observation/weights': RESULT_READERS,
  'PUT /api/v1/reports/observation/weights': HR,
  'GET /api/v1/reports/units/:id/scorecard': RESULT_READERS,
  'GET /api/v1/reports/units/:id/scorecard/export': RESULT_READERS,
  // Voice: anyone sends; the voices go to the unit's manager or HR.
  'POST /api/v1/voice': TASK_WORKERS,
  'GET /api/v1/voice': RESULT_READERS,
  'GET /api/v1/voice/mine': TASK_WORKERS,
  'GET /api/v1/voice/:id': RESULT_READERS,
  'PATCH /api/v1/voice/:id': RESULT_READERS,
  'POST /api/v1/voice/:id/replies': RESULT_READERS,
  // CX: definitions readable by whoever reports or pushes figures; figures pushed by HR and the CX integration.
  'GET /api/v1/cx-metrics': ORG_READERS,
  'POST /api/v1/cx-metrics': HR,
  'PUT /api/v1/cx-metrics/bulk': HR_AND_HRIS,
  'POST /api/v1/cx-metrics/import': HR_AND_HRIS,
  'GET /api/v1/reports/ex-cx': RESULT_READERS,
  'GET /api/v1/reports/ex-cx/drivers': RESULT_READERS,
  // Saved segments are HR's; the reports that apply them keep their own readers.
  'POST /api/v1/segments': HR,
  'GET /api/v1/segments': HR,
  'GET /api/v1/segments/:id': HR,
  'PATCH /api/v1/segments/:id': HR,
  'DELETE /api/v1/segments/:id': HR,
};

/** Routes anyone may call, and operator-only routes. */
const PUBLIC_ROUTES = [
  'GET /health/live',
  'GET /health/ready',
  'GET /problems',
  'GET /problems/:code',
  'POST /api/v1/auth/login',
  'GET /api/v1/responses/:token',
  'POST /api/v1/responses/:token',
  // A leaver's exit interview: the token in the path is the credential.
  'GET /api/v1/exit-responses/:token',
  'POST /api/v1/exit-responses/:token',
  // The respondent's side of conversations: the reply key in the body is the credential.
  'POST /api/v1/conversations/read',
  'POST /api/v1/conversations/reply',
  // The anonymous sender of a voice: the reply key in the body is the credential.
  'POST /api/v1/voice/conversation/read',
  'POST /api/v1/voice/conversation/reply',
  // Pages: the survey page (the token is the credential), signing in, and the pages' assets.
  'GET /s/:token',
  'POST /s/:token',
  'GET /signin',
  'POST /signin',
  'GET /assets/:name',
];
/** Pages for signed-in users (session cookie; checked in test/pages.e2e-spec.ts). */
const SESSION_ROUTES: Record<string, Role[]> = {
  'GET /app': ['hr_admin', 'manager', 'employee', 'integration'],
  'POST /signout': ['hr_admin', 'manager', 'employee', 'integration'],
  'GET /app/checklists': ['hr_admin'],
  'GET /app/checklists/:id': ['hr_admin'],
  'GET /app/tasks': ['hr_admin', 'manager', 'employee'],
  'POST /app/tasks/:id/complete': ['hr_admin', 'manager', 'employee'],
  'GET /app/insights': ['hr_admin', 'manager'],
};
const OPERATOR_ROUTES = ['POST /api/v1/tenants', 'GET /api/v1/tenants'];

describe('access control', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  let userId: string;
  let keyId: string;
  let unitId: string;
  let employeeId: string;
  let webhookId: string;

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t);
    userId = (await createUser(t, tenant)).id;
    // A key nobody uses, so revoking it in the matrix leaves every role's own key working.
    keyId = (
      await t.http.post('/api/v1/api-keys').set('Authorization', tenant.bearer('hr_admin')).send({ label: 'matrix', role: 'employee' })
    ).body.id;
    unitId = (await createUnit(t, tenant)).id;
    employeeId = (await createEmployee(t, tenant, { stage: 'attract' })).id;
    webhookId = (
      await t.http.post('/api/v1/webhooks').set('Authorization', tenant.bearer('hr_admin')).send({ url: 'http://127.0.0.1:9/x', eventTypes: ['*'] })
    ).body.id;
  });
  afterAll(() => t.close());

  it('declares an access policy on every route (deny by default)', () => {
    const undeclared = discoverRoutes(t.app).filter((route) => !route.policy);
    expect(undeclared.map((r) => `${r.key} (${r.controller}.${r.handler})`)).toEqual([]);
  });

  it('has a decision in the role matrix for every tenant route, and no stale rows', () => {
    const routes = discoverRoutes(t.app);
    const tenantRoutes = routes.filter((r) => r.policy?.kind === 'roles').map((r) => r.key);
    expect(tenantRoutes.sort()).toEqual(Object.keys(ROLE_MATRIX).sort());
    expect(routes.filter((r) => r.policy?.kind === 'public').map((r) => r.key).sort()).toEqual([...PUBLIC_ROUTES].sort());
    expect(routes.filter((r) => r.policy?.kind === 'operator').map((r) => r.key).sort()).toEqual([...OPERATOR_ROUTES].sort());
    const sessionRoutes = routes.flatMap((r) => (r.policy?.kind === 'session' ? [[r.key, [...r.policy.roles].sort()] as const] : []));
    expect(Object.fromEntries(sessionRoutes)).toEqual(Object.fromEntries(Object.entries(SESSION_ROUTES).map(([key, roles]) => [key, [...roles].sort()])));
  });

  it('declares in code exactly the roles of the matrix', () => {
    for (const route of discoverRoutes(t.app)) {
      if (route.policy?.kind !== 'roles') continue;
      expect([route.key, [...route.policy.roles].sort()]).toEqual([route.key, [...ROLE_MATRIX[route.key]!].sort()]);
    }
  });

  describe.each(Object.entries(ROLE_MATRIX))('%s', (key, allowed) => {
    const [method, template] = key.split(' ') as [string, string];
    const idFor: Record<string, () => string> = {
      'api-keys': () => keyId,
      units: () => unitId,
      employees: () => employeeId,
      users: () => userId,
      webhooks: () => webhookId,
      playbooks: () => webhookId,
      // Unknown ids are enough here: the matrix is about who gets past the guard, not what they find.
      surveys: () => '00000000-0000-4000-8000-000000000001',
      'survey-questions': () => '00000000-0000-4000-8000-000000000002',
      'survey-actions': () => '00000000-0000-4000-8000-000000000003',
      'checklist-templates': () => '00000000-0000-4000-8000-000000000006',
      checklists: () => '00000000-0000-4000-8000-000000000007',
      tasks: () => '00000000-0000-4000-8000-000000000008',
      'pain-points': () => '00000000-0000-4000-8000-000000000009',
      'journey-map': () => '00000000-0000-4000-8000-00000000000a',
      'survey-watch-terms': () => '00000000-0000-4000-8000-000000000005',
      separations: () => '00000000-0000-4000-8000-00000000000c',
      'exit-interviews': () => '00000000-0000-4000-8000-00000000000d',
      recognitions: () => '00000000-0000-4000-8000-00000000000e',
      reports: () => unitId,
      voice: () => '00000000-0000-4000-8000-00000000000f',
      segments: () => '00000000-0000-4000-8000-000000000010',
    };
    const path = () =>
      (template.includes(':id') ? template.replace(':id', idFor[template.split('/')[3]!]!()) : template)
        .replace(':deliveryId', '00000000-0000-4000-8000-000000000000')
        .replace(':commentId', '00000000-0000-4000-8000-000000000004')
        .replace(':linkId', '00000000-0000-4000-8000-00000000000b')
        .replace(':stage', 'onboard')
        .replace(':key', 'career_growth');

    it('answers 401 without a credential', async () => {
      const response = await t.http[method.toLowerCase() as 'get'](path());
      expect(response.status).toBe(401);
    });

    it.each(ROLES)('as %s', async (role) => {
      // An empty JSON body: allowed roles get past the guard (to an answer that is neither a refusal of
      // the credential nor a server error); others get 403.
      const response = await t.http[method.toLowerCase() as 'get'](path()).set('Authorization', tenant.bearer(role)).send({});
      if (allowed.includes(role)) {
        // A role may be allowed and still be refused a resource outside its scope (a manager and
        // another reporting line): that is a 403 of the resource, never the role refusal.
        expect(response.status).not.toBe(401);
        if (response.status === 403) expect(response.body.type).not.toBe('/problems/auth.role_not_allowed');
        expect(response.status).toBeLessThan(500);
      } else {
        expect(response.status).toBe(403);
        expect(response.body.type).toBe('/problems/auth.role_not_allowed');
      }
    });
  });
});
