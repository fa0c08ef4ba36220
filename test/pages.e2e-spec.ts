import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createEmployee } from './factories/employee.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUnit } from './factories/unit.factory.js';
import { createUser } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { csrfIn, setCookie, signInToPages, type PageSession } from './utils/pages.js';

/**
 * The pages over HTTP (docs/pages.md): the survey page without JavaScript, sign-in and sessions,
 * CSRF, the checklist board and my tasks. The browser tests (pages-browser.e2e-spec.ts) drive the
 * same pages in Chromium.
 */
describe('pages', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  let hr: string;

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t, { anonymityThreshold: 3 });
    hr = tenant.bearer('hr_admin');
  });
  afterAll(() => t.close());

  const rows = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => (await t.sql.query(sql, params)).rows as T[];

  describe('the survey page', () => {
    let questions: { id: string; type: string; driverKey: string | null }[];
    let surveyId: string;
    let roundId: string;
    let tokens: string[];

    beforeAll(async () => {
      const unit = await createUnit(t, tenant, { name: 'Ops' });
      for (let i = 0; i < 6; i++) await createEmployee(t, tenant, { unitId: unit.id, startDate: '2021-01-01' });
      const bank = (await t.http.get('/api/v1/survey-questions?limit=200').set('Authorization', hr)).body.items as typeof questions;
      const enps = bank.find((q) => q.type === 'enps')!;
      const growth = bank.filter((q) => q.driverKey === 'growth');
      const text = bank.find((q) => q.type === 'text')!;
      const created = await t.http
        .post('/api/v1/surveys')
        .set('Authorization', hr)
        .send({ name: 'Autumn pulse', kind: 'adhoc', anonymityThreshold: 4, questionIds: [enps.id, ...growth.map((q) => q.id), text.id] });
      expect(created.status).toBe(201);
      surveyId = created.body.id;
      const round = await t.http.post(`/api/v1/surveys/${surveyId}/rounds`).set('Authorization', hr).send();
      roundId = round.body.id;
      questions = round.body.questions ?? [enps, ...growth, text];
      const links = await t.http.get(`/api/v1/surveys/${surveyId}/rounds/${roundId}/invitations?limit=200`).set('Authorization', hr);
      tokens = links.body.items.map((i: { token: string }) => i.token);
      questions = [enps, ...growth, text];
    });

    const submissionOf = (html: string) => /name="submissionId" value="([^"]+)"/.exec(html)![1]!;
    const visibleGroup = (html: string) => /<section class="group" data-group="(\d+)" aria-labelledby="g-\d+">/.exec(html)?.[1];

    it('shows the first screen of a link as an accessible HTML page, with the real k in the promise', async () => {
      // The organisation's k is now above the survey's 4: results are guarded with 6, so the page says 6.
      await t.http.patch('/api/v1/tenant').set('Authorization', hr).send({ settings: { anonymityThreshold: 6 } });
      const page = await t.http.get(`/s/${tokens[0]}`);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['set-cookie']).toBeUndefined();
      expect(page.text).toContain('<html lang="en">');
      expect(page.text).toContain('results are shown only for groups of at least 6 people');
      // eNPS alone, the three growth questions together, the open question alone: three screens.
      expect(page.text).toContain('Part 1 of 3');
      expect(visibleGroup(page.text)).toBe('0');
      expect(page.text).toMatch(/<fieldset class="question scale enps"[^>]*>\s*<legend>/);
      await t.http.patch('/api/v1/tenant').set('Authorization', hr).send({ settings: { anonymityThreshold: 3 } });
    });

    it('speaks the locale asked for, and keeps it through the screens', async () => {
      const page = await t.http.get(`/s/${tokens[0]}?locale=fr`);
      expect(page.text).toContain('<html lang="fr">');
      expect(page.text).toContain('Partie 1 sur 3');
      const next = await t.http.post(`/s/${tokens[0]}`).type('form').send({ submissionId: submissionOf(page.text), locale: 'fr', go: '1' });
      expect(next.text).toContain('Partie 2 sur 3');
    });

    it('moves between screens without JavaScript, carrying the answers so far, and stores nothing until sent', async () => {
      const first = await t.http.get(`/s/${tokens[1]}`);
      const submissionId = submissionOf(first.text);
      const [enps, growth1] = questions;
      const second = await t.http.post(`/s/${tokens[1]}`).type('form').send({ submissionId, locale: 'en', go: '1', [`v.${enps!.id}`]: '9' });
      expect(second.status).toBe(200);
      expect(visibleGroup(second.text)).toBe('1');
      expect(second.text).toContain(`name="v.${enps!.id}" value="9" checked`);
      const back = await t.http.post(`/s/${tokens[1]}`).type('form').send({ submissionId, locale: 'en', go: '0', [`v.${enps!.id}`]: '9', [`v.${growth1!.id}`]: '4' });
      expect(visibleGroup(back.text)).toBe('0');
      expect(back.text).toContain(`name="v.${growth1!.id}" value="4" checked`);
      expect(await rows(`SELECT 1 FROM survey_invitations WHERE round_id = $1 AND responded_on IS NOT NULL`, [roundId])).toHaveLength(0);
    });

    it('sends the answers through the response service: a thank-you page, the response stored, a retry answered the same', async () => {
      const first = await t.http.get(`/s/${tokens[2]}`);
      const [enps, g1, g2, g3, text] = questions;
      const body = {
        submissionId: submissionOf(first.text),
        locale: 'en',
        go: 'send',
        [`v.${enps!.id}`]: '10',
        [`v.${g1!.id}`]: '5',
        [`v.${g2!.id}`]: '4',
        [`v.${g3!.id}`]: '',
        [`t.${text!.id}`]: 'More pairing, please.',
      };
      const sent = await t.http.post(`/s/${tokens[2]}`).type('form').send(body);
      expect(sent.status).toBe(200);
      expect(sent.text).toContain('<h1>Thank you</h1>');
      const replyKey = /<code>([\w-]+)<\/code>/.exec(sent.text)![1];
      const stored = await rows<{ value: number | null; text: string | null }>(
        `SELECT a.value, a.text FROM survey_answers a JOIN survey_responses r ON r.tenant_id = a.tenant_id AND r.id = a.response_id WHERE r.round_id = $1 ORDER BY a.value NULLS LAST`,
        [roundId],
      );
      expect(stored).toEqual([{ value: 4, text: null }, { value: 5, text: null }, { value: 10, text: null }, { value: null, text: 'More pairing, please.' }]);
      // A reload of the thank-you page posts the same answers again: the receipt gives the same reply.
      const again = await t.http.post(`/s/${tokens[2]}`).type('form').send(body);
      expect(again.status).toBe(200);
      expect(again.text).toContain(`<code>${replyKey}</code>`);
      expect(await rows(`SELECT 1 FROM survey_responses WHERE round_id = $1`, [roundId])).toHaveLength(1);
      // Other answers on the used link, and the link opened again: the "already used" page.
      const other = await t.http.post(`/s/${tokens[2]}`).type('form').send({ ...body, submissionId: randomUUID() });
      expect(other.status).toBe(409);
      expect(other.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(other.text).toContain('This link was already used');
      const reopened = await t.http.get(`/s/${tokens[2]}`);
      expect(reopened.status).toBe(409);
      expect(reopened.text).toContain('This link was already used');
    });

    it('shows answers that do not fit the questions on the form again, with the problem, and stores nothing', async () => {
      const first = await t.http.get(`/s/${tokens[3]}`);
      const [enps, g1] = questions;
      const sent = await t.http
        .post(`/s/${tokens[3]}`)
        .type('form')
        .send({ submissionId: submissionOf(first.text), go: 'send', [`v.${enps!.id}`]: '8', [`v.${g1!.id}`]: '7' });
      expect(sent.status).toBe(400);
      expect(sent.text).toContain('role="alert"');
      expect(sent.text).toContain(`href="#q-${g1!.id}"`);
      expect(visibleGroup(sent.text)).toBe('1');
      expect(sent.text).toContain(`name="v.${enps!.id}" value="8" checked`);
      const nothing = await t.http.post(`/s/${tokens[3]}`).type('form').send({ submissionId: submissionOf(first.text), go: 'send' });
      expect(nothing.status).toBe(400);
      expect(nothing.text).toContain('must answer at least one question');
      const garbage = await t.http.post(`/s/${tokens[3]}`).type('form').send({ submissionId: submissionOf(first.text), go: 'send', [`v.${enps!.id}`]: 'ten' });
      expect(garbage.status).toBe(400);
      expect(await rows(`SELECT 1 FROM survey_responses WHERE round_id = $1`, [roundId])).toHaveLength(1);
    });

    it('answers unknown links, forms without their submission id and closed rounds with pages, never problem+json', async () => {
      const unknown = await t.http.get(`/s/${'A'.repeat(65)}`).set('Accept-Language', 'de-CH,de;q=0.9');
      expect(unknown.status).toBe(404);
      expect(unknown.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(unknown.text).toContain('<html lang="de">');
      expect((await t.http.get('/s/short')).status).toBe(404);
      const stale = await t.http.post(`/s/${tokens[4]}`).type('form').send({ go: 'send' });
      expect(stale.status).toBe(400);
      expect(stale.text).toContain('This form is out of date');
      const json = await t.http.post(`/s/${tokens[4]}`).send({ go: 'send' });
      expect(json.status).toBe(400);
      expect(json.headers['content-type']).toBe('text/html; charset=utf-8');

      await t.http.post(`/api/v1/surveys/${surveyId}/rounds/${roundId}/close`).set('Authorization', hr).send();
      const closed = await t.http.get(`/s/${tokens[5]}`);
      expect(closed.status).toBe(410);
      expect(closed.text).toContain('This survey has closed');
    });

    it('keeps form bodies away from the API routes', async () => {
      const response = await t.http.post(`/api/v1/responses/${tokens[4]}`).type('form').send({ submissionId: randomUUID() });
      expect(response.status).toBe(415);
      expect(response.headers['content-type']).toContain('application/problem+json');
    });
  });

  describe('sign-in, sessions and the board', () => {
    let hrUser: { id: string; email: string };
    let employeeUser: { id: string; email: string };
    let checklistId: string;
    let otherChecklistId: string;
    let tasks: { id: string; key: string; status: string }[];
    let hrSession: PageSession;

    beforeAll(async () => {
      const sales = await createUnit(t, tenant, { name: 'Sales' });
      const support = await createUnit(t, tenant, { name: 'Support' });
      const ada = await createEmployee(t, tenant, { firstName: 'Ada', lastName: 'Lovelace', unitId: sales.id, startDate: '2030-01-07', stage: 'onboard' });
      const bob = await createEmployee(t, tenant, { firstName: 'Bob', lastName: 'Babbage', unitId: support.id, startDate: '2030-01-07', stage: 'onboard' });
      hrUser = await createUser(t, tenant, { role: 'hr_admin', displayName: 'Hana HR' });
      employeeUser = await createUser(t, tenant, { role: 'employee', employeeId: ada.id });
      const templates = await t.http.get('/api/v1/checklist-templates').set('Authorization', hr);
      const onboarding = templates.body.items.find((tpl: { kind: string }) => tpl.kind === 'onboarding');
      const started = await t.http.post('/api/v1/checklists').set('Authorization', hr).send({ employeeId: ada.id, templateId: onboarding.id });
      expect(started.status).toBe(201);
      checklistId = started.body.id;
      tasks = started.body.tasks;
      otherChecklistId = (await t.http.post('/api/v1/checklists').set('Authorization', hr).send({ employeeId: bob.id, templateId: onboarding.id })).body.id;
      hrSession = await signInToPages(t, hrUser.email);
      (globalThis as { salesUnitId?: string }).salesUnitId = sales.id;
    });

    it('sends a browser without a session to the sign-in page, and back after signing in', async () => {
      const page = await t.http.get('/app/checklists?status=running');
      expect(page.status).toBe(303);
      expect(page.headers.location).toBe('/signin?next=%2Fapp%2Fchecklists%3Fstatus%3Drunning');
      const form = await t.http.get('/signin?next=%2Fapp%2Fchecklists%3Fstatus%3Drunning');
      expect(form.status).toBe(200);
      expect(form.text).toContain('name="next" value="/app/checklists?status=running"');
      const signin = setCookie(form, '__Host-tandem_signin')!;
      const response = await t.http
        .post('/signin')
        .set('Cookie', `__Host-tandem_signin=${signin}`)
        .type('form')
        .send({ email: hrUser.email, password: 'correct horse battery staple', _csrf: csrfIn(form.text), next: '/app/checklists?status=running' });
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe('/app/checklists?status=running');
      const cookie = (response.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('__Host-tandem_session='))!;
      expect(cookie).toMatch(/; Path=\/; Max-Age=43200; Secure; HttpOnly; SameSite=Lax$/);
      // Only the hash of the secret is stored.
      const secret = cookie.split('=')[1]!.split(';')[0]!.split('.')[1]!;
      const stored = await rows<{ secret_hash: string }>(`SELECT secret_hash FROM web_sessions WHERE tenant_id = $1 AND user_id = $2`, [tenant.id, hrUser.id]);
      expect(stored.length).toBeGreaterThan(0);
      expect(stored.map((r) => r.secret_hash)).not.toContain(secret);
      expect(JSON.stringify(stored)).not.toContain(secret);
    });

    it('refuses a wrong password with the same words as the API, and opens no session', async () => {
      const form = await t.http.get('/signin');
      const signin = setCookie(form, '__Host-tandem_signin')!;
      const response = await t.http
        .post('/signin')
        .set('Cookie', `__Host-tandem_signin=${signin}`)
        .type('form')
        .send({ email: hrUser.email, password: 'not the password at all', _csrf: csrfIn(form.text) });
      expect(response.status).toBe(401);
      expect(response.text).toContain('E-mail or password is wrong.');
      expect(response.text).toContain(`value="${hrUser.email}"`);
      expect(setCookie(response, '__Host-tandem_session')).toBeUndefined();
    });

    it('refuses a sign-in form without the token bound to its cookie (login CSRF)', async () => {
      const form = await t.http.get('/signin');
      const noCookie = await t.http.post('/signin').type('form').send({ email: hrUser.email, password: 'correct horse battery staple', _csrf: csrfIn(form.text) });
      expect(noCookie.status).toBe(403);
      expect(noCookie.text).toContain('The form is out of date');
      const signin = setCookie(form, '__Host-tandem_signin')!;
      const noToken = await t.http.post('/signin').set('Cookie', `__Host-tandem_signin=${signin}`).type('form').send({ email: hrUser.email, password: 'correct horse battery staple' });
      expect(noToken.status).toBe(403);
    });

    it('shows HR the running checklists with progress and overdue tasks, filtered by unit and template', async () => {
      const board = await hrSession.get('/app/checklists');
      expect(board.status).toBe(200);
      expect(board.text).toContain(`href="/app/checklists/${checklistId}">Ada Lovelace</a>`);
      expect(board.text).toContain(`href="/app/checklists/${otherChecklistId}">Bob Babbage</a>`);
      expect(board.text).toMatch(/0\/11/);
      const salesUnitId = (globalThis as { salesUnitId?: string }).salesUnitId!;
      const sales = await hrSession.get(`/app/checklists?unitId=${salesUnitId}&templateId=&status=running`);
      expect(sales.status).toBe(200);
      expect(sales.text).toContain('Ada Lovelace');
      expect(sales.text).not.toContain('Bob Babbage');
      const none = await hrSession.get(`/app/checklists?templateId=${randomUUID()}`);
      expect(none.text).toContain('No checklist matches these filters.');
      const bad = await hrSession.get('/app/checklists?unitId=nope');
      expect(bad.status).toBe(400);
      expect(bad.headers['content-type']).toBe('text/html; charset=utf-8');
      expect((await hrSession.get('/app/checklists/not-a-uuid')).status).toBe(400);
      expect((await hrSession.get(`/app/checklists/${randomUUID()}`)).status).toBe(404);
    });

    it('completes a task from the board only with the session’s CSRF token, recording who did it', async () => {
      const welcome = tasks.find((task) => task.key === 'welcome_email')!;
      const forged = await hrSession.post(`/app/tasks/${welcome.id}/complete`, { back: `/app/checklists/${checklistId}` });
      expect(forged.status).toBe(403);
      const wrong = await hrSession.post(`/app/tasks/${welcome.id}/complete`, { _csrf: 'x'.repeat(43), back: `/app/checklists/${checklistId}` });
      expect(wrong.status).toBe(403);
      expect((await rows<{ status: string }>(`SELECT status FROM checklist_tasks WHERE id = $1`, [welcome.id]))[0]!.status).toBe('open');

      const done = await hrSession.post(`/app/tasks/${welcome.id}/complete`, { _csrf: hrSession.csrf, back: `/app/checklists/${checklistId}` });
      expect(done.status).toBe(303);
      expect(done.headers.location).toBe(`/app/checklists/${checklistId}?notice=completed`);
      const page = await hrSession.get(done.headers.location!);
      expect(page.text).toContain('Task completed.');
      expect(page.text).toMatch(/1 of 11 tasks done/);
      const events = await rows<{ action: string; actor_user_id: string }>(`SELECT action, actor_user_id FROM checklist_task_events WHERE task_id = $1 ORDER BY created_at`, [welcome.id]);
      expect(events.at(-1)).toEqual({ action: 'complete', actor_user_id: hrUser.id });

      // A task whose dependency is open: the page names it, nothing changes.
      const workspace = tasks.find((task) => task.key === 'workspace')!;
      const blocked = await hrSession.post(`/app/tasks/${workspace.id}/complete`, { _csrf: hrSession.csrf, back: `/app/checklists/${checklistId}` });
      expect(blocked.status).toBe(409);
      expect(blocked.text).toContain('Order laptop, phone and accounts');
      // An off-site "back" is not followed.
      const paperwork = tasks.find((task) => task.key === 'first_week_paperwork')!;
      const offsite = await hrSession.post(`/app/tasks/${paperwork.id}/complete`, { _csrf: hrSession.csrf, back: 'https://evil.example/app/tasks' });
      expect(offsite.headers.location).toBe('/app/tasks?notice=completed');
      await t.http.post(`/api/v1/tasks/${paperwork.id}/reopen`).set('Authorization', hr).send({});
    });

    it('gives everyone their own tasks, and keeps the HR board from other roles', async () => {
      const employee = await signInToPages(t, employeeUser.email);
      expect((await employee.get('/app')).headers.location).toBe('/app/tasks');
      const board = await employee.get('/app/checklists');
      expect(board.status).toBe(403);
      expect(board.text).toContain('Your role may not do this');
      const mine = await employee.get('/app/tasks');
      expect(mine.status).toBe(200);
      expect(mine.text).toContain('Complete contract and payroll paperwork');
      expect(mine.text).toContain('Ada Lovelace (');
      expect(mine.text).not.toContain('Send the welcome e-mail');
      // Someone else's task: not found, as in the API.
      const welcome = tasks.find((task) => task.key === 'equipment')!;
      expect((await employee.post(`/app/tasks/${welcome.id}/complete`, { _csrf: employee.csrf })).status).toBe(404);
      const paperwork = tasks.find((task) => task.key === 'first_week_paperwork')!;
      const done = await employee.post(`/app/tasks/${paperwork.id}/complete`, { _csrf: employee.csrf, back: '/app/tasks' });
      expect(done.headers.location).toBe('/app/tasks?notice=completed');
      expect((await employee.get('/app/tasks?status=done')).text).toContain('Complete contract and payroll paperwork');
      // Another session's token does not work in this one.
      expect((await employee.post(`/app/tasks/${paperwork.id}/complete`, { _csrf: hrSession.csrf })).status).toBe(403);
    });

    it('ends the session on sign-out, and at once for a deactivated user', async () => {
      const session = await signInToPages(t, hrUser.email);
      const out = await session.post('/signout', { _csrf: session.csrf });
      expect(out.status).toBe(303);
      expect(out.headers.location).toBe('/signin');
      expect(setCookie(out, '__Host-tandem_session')).toBe('');
      expect((await session.get('/app/checklists')).status).toBe(303);

      const other = await createUser(t, tenant, { role: 'manager' });
      const managerSession = await signInToPages(t, other.email);
      expect((await managerSession.get('/app/tasks')).status).toBe(200);
      await t.http.patch(`/api/v1/users/${other.id}`).set('Authorization', hr).send({ active: false });
      expect((await managerSession.get('/app/tasks')).status).toBe(303);
    });

    it('serves the stylesheet and script, and nothing else from assets', async () => {
      const css = await t.http.get('/assets/app.css');
      expect(css.status).toBe(200);
      expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
      expect(css.headers['cache-control']).toContain('immutable');
      expect((await t.http.get('/assets/survey.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect((await t.http.get('/assets/..%2Fpackage.json')).status).toBe(404);
      expect((await t.http.get('/assets/constructor')).status).toBe(404);
    });
  });
});
