import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { localDate } from '#src/modules/employees/domain/tenure-phase.js';
import { addDays } from '#src/modules/checklists/domain/start.js';
import { createEmployee } from './factories/employee.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUnit } from './factories/unit.factory.js';
import { createUser, loginAs } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

interface FormQuestion {
  id: string;
  type: string;
  driverKey: string | null;
  text: string;
  options: string[] | null;
}

describe('separations and exit interviews', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  let hr: string;
  let managerAuth: string;
  let lead: { id: string };
  let team: { id: string };
  let otherTeam: { id: string };
  // The tenant's calendar is UTC (the factory's default): dates relative to today.
  const today = localDate(new Date(), 'UTC');

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t, { anonymityThreshold: 3 });
    hr = tenant.bearer('hr_admin');
    lead = await createEmployee(t, tenant, { stage: 'engage' });
    team = await createUnit(t, tenant, { name: 'Support', managerId: lead.id });
    otherTeam = await createUnit(t, tenant, { name: 'Sales' });
    const user = await createUser(t, tenant, { role: 'manager' });
    await t.http.patch(`/api/v1/users/${user.id}`).set('Authorization', hr).send({ employeeId: lead.id }).expect(200);
    managerAuth = await loginAs(t, user.email);
  });
  afterAll(() => t.close());

  const separate = (body: Record<string, unknown>, auth = hr) =>
    t.http
      .post('/api/v1/separations')
      .set('Authorization', auth)
      .send({ noticeDate: today, lastWorkingDay: addDays(today, 30), type: 'voluntary', primaryReason: 'career_growth', ...body });
  const employee = async (id: string) => (await t.http.get(`/api/v1/employees/${id}`).set('Authorization', hr)).body;
  const linkToken = (link: string) => link.split('/').at(-1)!;

  describe('reasons', () => {
    it('gives every organisation the default taxonomy, which HR extends and retires', async () => {
      const reasons = (await t.http.get('/api/v1/separation-reasons').set('Authorization', hr)).body;
      expect(reasons.map((r: { key: string }) => r.key).sort()).toEqual(
        ['better_offer', 'career_growth', 'compensation', 'culture', 'manager', 'other', 'personal', 'relocation', 'role_fit', 'workload_wellbeing'].sort(),
      );
      const added = await t.http.post('/api/v1/separation-reasons').set('Authorization', hr).send({ key: 'commute', name: 'Commute' });
      expect(added.status).toBe(201);
      expect(added.body).toEqual({ key: 'commute', name: 'Commute', description: null, builtin: false, retired: false });
      expect((await t.http.post('/api/v1/separation-reasons').set('Authorization', hr).send({ key: 'commute', name: 'Again' })).status).toBe(409);

      const retired = await t.http.patch('/api/v1/separation-reasons/commute').set('Authorization', hr).send({ retired: true });
      expect(retired.body.retired).toBe(true);
      expect((await t.http.get('/api/v1/separation-reasons').set('Authorization', hr)).body.some((r: { key: string }) => r.key === 'commute')).toBe(false);
      expect((await t.http.get('/api/v1/separation-reasons?includeRetired=true').set('Authorization', hr)).body.some((r: { key: string }) => r.key === 'commute')).toBe(true);

      const someone = await createEmployee(t, tenant, { stage: 'engage' });
      const refused = await separate({ employeeId: someone.id, primaryReason: 'commute' });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ field: 'primaryReason', message: 'is a retired reason' }]);
      expect((await employee(someone.id)).stage).toBe('engage');
      expect((await t.http.patch('/api/v1/separation-reasons/nope').set('Authorization', hr).send({ name: 'x' })).status).toBe(404);
    });
  });

  describe('recording a separation', () => {
    it('moves the employee to depart, sets their end date, starts offboarding and opens the exit interview, in one go', async () => {
      const leaver = await createEmployee(t, tenant, { stage: 'perform', startDate: '2024-03-01', unitId: team.id, managerId: lead.id });
      const lastDay = addDays(today, 20);
      const response = await separate({
        employeeId: leaver.id,
        lastWorkingDay: lastDay,
        regrettable: true,
        secondaryReasons: ['compensation'],
        alumniOptIn: true,
        alumniEmail: 'Someone@Example.org',
      });
      expect(response.status).toBe(201);
      const separation = response.body;
      expect(separation).toMatchObject({
        employeeId: leaver.id,
        status: 'active',
        type: 'voluntary',
        lastWorkingDay: lastDay,
        regrettable: true,
        primaryReason: 'career_growth',
        secondaryReasons: ['compensation'],
        alumniOptIn: true,
        alumniEmail: 'someone@example.org',
        previousStage: 'perform',
        startDate: '2024-03-01',
        unitId: team.id,
        managerId: lead.id,
      });
      expect(separation.exitInterview).toMatchObject({ status: 'invited', link: expect.stringMatching(/^\/api\/v1\/exit-responses\/[A-Za-z0-9_-]{65}$/) });

      expect(await employee(leaver.id)).toMatchObject({ stage: 'depart', endDate: lastDay, tenurePhase: 'separation' });
      const journey = (await t.http.get(`/api/v1/employees/${leaver.id}/journey`).set('Authorization', hr)).body;
      expect(journey.events.filter((e: { type: string }) => e.type === 'stage_changed').at(-1)).toMatchObject({ from: 'perform', to: 'depart', source: 'api' });

      const checklist = (await t.http.get(`/api/v1/checklists/${separation.checklistId}`).set('Authorization', hr)).body;
      expect(checklist).toMatchObject({ employeeId: leaver.id, status: 'running', anchorDate: lastDay });
      const templates = (await t.http.get('/api/v1/checklist-templates').set('Authorization', hr)).body.items;
      expect(templates.find((x: { id: string }) => x.id === checklist.templateId).kind).toBe('offboarding');

      const events = (await t.http.get(`/api/v1/events?limit=200`).set('Authorization', tenant.bearer('integration'))).body.items.filter(
        (e: { subjectId: string }) => e.subjectId === leaver.id,
      );
      expect(events.map((e: { type: string }) => e.type)).toEqual(
        expect.arrayContaining(['employee.stage_changed', 'employee.departed', 'separation.recorded', 'exit_interview.invited']),
      );
      const invited = events.find((e: { type: string }) => e.type === 'exit_interview.invited');
      expect(invited.payload.path).toBe(separation.exitInterview.link);

      const again = await separate({ employeeId: leaver.id });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ type: '/problems/separations.already_separated', separationId: separation.id });
    });

    it('follows the journey’s rules and refuses bad input without changing anything', async () => {
      const candidate = await createEmployee(t, tenant, { stage: 'attract' });
      const early = await separate({ employeeId: candidate.id });
      expect(early.status).toBe(409);
      expect(early.body.type).toBe('/problems/employees.transition_not_allowed');

      const someone = await createEmployee(t, tenant, { stage: 'engage', startDate: '2025-01-01' });
      const cases: [Record<string, unknown>, string][] = [
        [{ primaryReason: 'astrology' }, 'primaryReason'],
        [{ secondaryReasons: ['career_growth'] }, 'secondaryReasons'],
        [{ alumniOptIn: true }, 'alumniEmail'],
        [{ alumniEmail: 'a@b.org' }, 'alumniEmail'],
        [{ noticeDate: addDays(today, 5), lastWorkingDay: addDays(today, 1) }, 'lastWorkingDay'],
        [{ noticeDate: '2024-11-01', lastWorkingDay: '2024-12-01' }, 'lastWorkingDay'],
        [{ type: 'fired' }, 'type'],
        [{ lastWorkingDay: '2026-02-30' }, 'lastWorkingDay'],
        [{ checklistTemplateId: '00000000-0000-4000-8000-000000000000' }, 'templateId'],
      ];
      for (const [body, field] of cases) {
        const response = await separate({ employeeId: someone.id, ...body });
        expect([response.status, JSON.stringify(body)]).toEqual([field === 'templateId' ? 404 : 400, JSON.stringify(body)]);
        if (response.status === 400) expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      expect(await employee(someone.id)).toMatchObject({ stage: 'engage', endDate: null });
      expect((await t.http.get(`/api/v1/separations?employeeId=${someone.id}`).set('Authorization', hr)).body.items).toEqual([]);
      expect((await separate({ employeeId: '00000000-0000-4000-8000-000000000000' })).status).toBe(400);
    });

    it('records a separation for someone the HRIS already moved to depart, against that move', async () => {
      const gone = await createEmployee(t, tenant, { stage: 'develop' });
      await t.http.post(`/api/v1/employees/${gone.id}/transitions`).set('Authorization', hr).send({ to: 'depart' }).expect(201);
      const response = await separate({ employeeId: gone.id, exitInterview: false, startOffboarding: false });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ previousStage: 'develop', checklistId: null, exitInterview: null });
      const moves = (await t.http.get(`/api/v1/employees/${gone.id}/journey`).set('Authorization', hr)).body.events.filter((e: { type: string }) => e.type === 'stage_changed');
      expect(moves.map((m: { to: string }) => m.to)).toEqual(['develop', 'depart']);
    });

    it('lists separations with filters, sorting and pagination, for HR only', async () => {
      const page = await t.http.get('/api/v1/separations?limit=1&sort=createdAt').set('Authorization', hr);
      expect(page.status).toBe(200);
      expect(page.body.items).toHaveLength(1);
      const next = await t.http.get(`/api/v1/separations?limit=50&sort=createdAt&cursor=${page.body.nextCursor}`).set('Authorization', hr);
      expect(next.status).toBe(200);
      expect(next.body.items.map((s: { id: string }) => s.id)).not.toContain(page.body.items[0].id);
      const inTeam = (await t.http.get(`/api/v1/separations?unitId=${team.id}&status=active`).set('Authorization', hr)).body.items;
      expect(inTeam.length).toBeGreaterThan(0);
      expect(inTeam.every((s: { unitId: string }) => s.unitId === team.id)).toBe(true);
      expect((await t.http.get('/api/v1/separations?sort=name').set('Authorization', hr)).status).toBe(400);
      expect((await t.http.get('/api/v1/separations').set('Authorization', managerAuth)).status).toBe(403);
    });
  });

  describe('regrettable', () => {
    it('is set by HR, or by a manager for leavers of their reporting line only', async () => {
      const mine = (await separate({ employeeId: (await createEmployee(t, tenant, { stage: 'engage', unitId: team.id })).id })).body;
      const theirs = (await separate({ employeeId: (await createEmployee(t, tenant, { stage: 'engage', unitId: otherTeam.id })).id })).body;
      const set = (id: string, regrettable: boolean | null, auth = managerAuth) =>
        t.http.put(`/api/v1/separations/${id}/regrettable`).set('Authorization', auth).send({ regrettable });
      expect((await set(mine.id, true)).body).toEqual({ id: mine.id, regrettable: true });
      expect((await set(theirs.id, true)).status).toBe(404);
      expect((await set(theirs.id, false, hr)).status).toBe(200);
      expect((await set(mine.id, 'yes' as never)).status).toBe(400);
      const read = (await t.http.get(`/api/v1/separations/${theirs.id}`).set('Authorization', hr)).body;
      expect(read.regrettable).toBe(false);
    });
  });

  describe('correcting a separation', () => {
    it('changes fields with optimistic locking, and the end date follows the last working day', async () => {
      const leaver = await createEmployee(t, tenant, { stage: 'engage' });
      const separation = (await separate({ employeeId: leaver.id })).body;
      const later = addDays(today, 45);
      const changed = await t.http
        .patch(`/api/v1/separations/${separation.id}`)
        .set('Authorization', hr)
        .send({ version: separation.version, lastWorkingDay: later, type: 'end_of_contract', rehireEligible: true });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ lastWorkingDay: later, type: 'end_of_contract', rehireEligible: true });
      expect((await employee(leaver.id)).endDate).toBe(later);
      const stale = await t.http.patch(`/api/v1/separations/${separation.id}`).set('Authorization', hr).send({ version: separation.version, type: 'voluntary' });
      expect(stale.status).toBe(409);
      const bad = await t.http.patch(`/api/v1/separations/${separation.id}`).set('Authorization', hr).send({ alumniOptIn: true });
      expect(bad.status).toBe(400);
      expect((await t.http.get(`/api/v1/separations/${separation.id}`).set('Authorization', hr)).body.type).toBe('end_of_contract');
    });
  });

  describe('withdrawal', () => {
    it('returns the employee to the stage they left, restores their end date and cancels offboarding', async () => {
      const stayer = await createEmployee(t, tenant, { stage: 'develop', endDate: '2099-12-31', startDate: '2023-01-01' });
      const separation = (await separate({ employeeId: stayer.id })).body;
      const token = linkToken(separation.exitInterview.link);

      const withdrawn = await t.http.post(`/api/v1/separations/${separation.id}/withdraw`).set('Authorization', hr).send({ reason: 'Accepted a counter-offer' });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawalReason: 'Accepted a counter-offer', exitInterview: { status: 'cancelled', link: null } });
      expect(await employee(stayer.id)).toMatchObject({ stage: 'develop', endDate: '2099-12-31' });
      const moves = (await t.http.get(`/api/v1/employees/${stayer.id}/journey`).set('Authorization', hr)).body.events.filter((e: { type: string }) => e.type === 'stage_changed');
      expect(moves.at(-1)).toMatchObject({ from: 'depart', to: 'develop', source: 'correction' });
      expect((await t.http.get(`/api/v1/checklists/${separation.checklistId}`).set('Authorization', hr)).body.status).toBe('cancelled');
      const link = await t.http.get(`/api/v1/exit-responses/${token}`);
      expect(link.status).toBe(410);
      expect(link.body.type).toBe('/problems/separations.interview_cancelled');

      const twice = await t.http.post(`/api/v1/separations/${separation.id}/withdraw`).set('Authorization', hr).send({});
      expect(twice.status).toBe(409);
      // A new separation may be recorded once the old one is withdrawn.
      expect((await separate({ employeeId: stayer.id, exitInterview: false })).status).toBe(201);
    });

    it('is refused after the last working day: coming back then is a rehire, counted as a boomerang', async () => {
      const leaver = await createEmployee(t, tenant, { stage: 'engage', startDate: '2022-01-01' });
      const separation = (await separate({ employeeId: leaver.id, noticeDate: addDays(today, -40), lastWorkingDay: addDays(today, -1) })).body;
      const late = await t.http.post(`/api/v1/separations/${separation.id}/withdraw`).set('Authorization', hr).send({});
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ type: '/problems/separations.not_withdrawable', lastWorkingDay: addDays(today, -1) });
      expect((await employee(leaver.id)).stage).toBe('depart');

      const rehire = await t.http.post(`/api/v1/employees/${leaver.id}/transitions`).set('Authorization', hr).send({ to: 'attract', reason: 'rehire' });
      expect(rehire.status).toBe(201);
      expect(rehire.body.transition).toMatchObject({ from: 'depart', to: 'attract', boomerang: true });
    });
  });

  describe('exit interviews', () => {
    let separation: { id: string; exitInterview: { id: string; link: string } };
    let questions: FormQuestion[];

    beforeAll(async () => {
      const leaver = await createEmployee(t, tenant, { stage: 'engage', unitId: team.id, managerId: lead.id });
      separation = (await separate({ employeeId: leaver.id })).body;
    });

    const answersFor = (qs: FormQuestion[], text: string, recommend: number) =>
      qs.map((q) =>
        q.type === 'text'
          ? { questionId: q.id, text }
          : q.type === 'enps'
            ? { questionId: q.id, value: recommend }
            : q.type === 'likert5'
              ? { questionId: q.id, value: 2 }
              : { questionId: q.id, value: 1 },
      );

    it('asks the default exit questionnaire from the leaver’s link, confidentially', async () => {
      const form = await t.http.get(`/api/v1/exit-responses/${linkToken(separation.exitInterview.link)}`);
      expect(form.status).toBe(200);
      expect(form.body.confidentiality).toMatch(/confidential, not anonymous/);
      questions = form.body.questions;
      expect(questions.map((q) => [q.type, q.driverKey])).toEqual([
        ['single_choice', null],
        ['text', null],
        ['likert5', 'manager_relationship'],
        ['likert5', 'growth'],
        ['enps', null],
        ['single_choice', null],
        ['text', null],
      ]);
      expect(questions[0]!.options).toContain('Career growth');
      // The exit questions are in the survey question bank too.
      const bank = (await t.http.get('/api/v1/survey-questions?limit=100&purpose=exit').set('Authorization', hr)).body.items;
      expect(bank).toHaveLength(7);
      expect(bank.some((q: { id: string }) => q.id === questions[1]!.id)).toBe(true);
      // …but only for leavers: a survey of people who stay cannot ask them.
      const survey = await t.http.post('/api/v1/surveys').set('Authorization', hr).send({ name: 'Pulse', kind: 'adhoc', questionIds: [questions[3]!.id] });
      expect(survey.status).toBe(400);
      expect(survey.body.errors).toEqual([{ field: 'questionIds.0', message: 'is a question for exit interviews' }]);
      const surveyBank = (await t.http.get('/api/v1/survey-questions?limit=100&driverKey=growth').set('Authorization', hr)).body.items;
      expect(surveyBank.map((q: { purpose: string }) => q.purpose)).toEqual(['survey', 'survey', 'survey']);
    });

    it('takes the leaver’s answers once, scores the free text, and answers a retry as the first time', async () => {
      const token = linkToken(separation.exitInterview.link);
      const body = { answers: answersFor(questions, 'My manager was terrible and the workload was awful.', 3) };
      const first = await t.http.post(`/api/v1/exit-responses/${token}`).send(body);
      expect(first.status).toBe(201);
      const retry = await t.http.post(`/api/v1/exit-responses/${token}`).send(body);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      const different = await t.http.post(`/api/v1/exit-responses/${token}`).send({ answers: answersFor(questions, 'Fine.', 9) });
      expect(different.status).toBe(409);
      expect((await t.http.get(`/api/v1/exit-responses/${token}`)).status).toBe(409);
      const bad = await t.http.post(`/api/v1/exit-responses/${token}x`).send(body);
      expect(bad.status).toBe(404);
    });

    it('shows the answers, linked to the leaver, to hr_admin only: a manager is told there is no such interview', async () => {
      const read = await t.http.get(`/api/v1/exit-interviews/${separation.exitInterview.id}`).set('Authorization', hr);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ status: 'completed', mode: 'link', link: null, separationId: separation.id });
      const text = read.body.answers.find((a: { type: string }) => a.type === 'text');
      expect(text).toMatchObject({ text: 'My manager was terrible and the workload was awful.', sentiment: 'negative' });
      expect(text.sentimentScore).toBeLessThan(0);
      expect(read.body.answers[0].chosen).toEqual(['Career growth']);

      for (const auth of [managerAuth, tenant.bearer('manager'), tenant.bearer('employee'), tenant.bearer('integration')]) {
        const refused = await t.http.get(`/api/v1/exit-interviews/${separation.exitInterview.id}`).set('Authorization', auth);
        expect(refused.status).toBe(404);
        expect(refused.body.type).toBe('/problems/separations.interview_not_found');
      }
      expect((await t.http.get('/api/v1/exit-interviews').set('Authorization', managerAuth)).status).toBe(403);
      const listed = (await t.http.get('/api/v1/exit-interviews?status=completed').set('Authorization', hr)).body.items;
      expect(listed.map((i: { id: string }) => i.id)).toContain(separation.exitInterview.id);
      expect(listed[0].answers).toEqual([]);
    });

    it('lets HR enter the answers of a conversation, and aggregates answers for managers only from k interviews on', async () => {
      const report = () => t.http.get(`/api/v1/reports/exit-interviews?unitId=${team.id}&to=${addDays(today, 60)}`).set('Authorization', managerAuth);
      const before = await report();
      expect(before.status).toBe(200);
      expect(before.body).toMatchObject({ suppressed: true, reason: 'below_threshold', interviews: null, questions: [], k: 3 });

      for (const recommend of [10, 0]) {
        const leaver = await createEmployee(t, tenant, { stage: 'engage', unitId: team.id });
        const opened = (await separate({ employeeId: leaver.id })).body;
        const entered = await t.http
          .post(`/api/v1/exit-interviews/${opened.exitInterview.id}/answers`)
          .set('Authorization', hr)
          .send({ answers: answersFor(questions, 'I loved the team, great people.', recommend) });
        expect(entered.status).toBe(201);
        expect(entered.body).toMatchObject({ status: 'completed', mode: 'hr' });
        expect((await t.http.get(`/api/v1/exit-responses/${linkToken(opened.exitInterview.link)}`)).status).toBe(409);
      }
      const after = await report();
      expect(after.body).toMatchObject({ reason: null, suppressed: false, interviews: 3 });
      const enps = after.body.questions.find((q: { type: string }) => q.type === 'enps');
      // Answers 3, 10 and 0: one promoter, two detractors.
      expect(enps).toMatchObject({ answers: 3, mean: 4.33, enps: -33.3 }); // eNPS to one decimal, as survey results give it
      expect(enps.distribution).toEqual([1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1]);
      const texts = after.body.questions.filter((q: { type: string }) => q.type === 'text');
      expect(texts[0].sentiment).toEqual({ positive: 2, neutral: 0, negative: 1, unscored: 0 });
      expect(JSON.stringify(after.body)).not.toMatch(/terrible|loved/);

      const outside = await t.http.get(`/api/v1/reports/exit-interviews?unitId=${otherTeam.id}`).set('Authorization', managerAuth);
      expect(outside.status).toBe(403);
    });

    it('lets HR choose the questionnaire from the bank; open interviews keep theirs', async () => {
      const current = (await t.http.get('/api/v1/exit-questionnaire').set('Authorization', hr)).body.questions;
      const shorter = await t.http.put('/api/v1/exit-questionnaire').set('Authorization', hr).send({ questionIds: [current[4].id, current[6].id] });
      expect(shorter.status).toBe(200);
      expect(shorter.body.questions.map((q: { type: string }) => q.type)).toEqual(['enps', 'text']);
      const leaver = await createEmployee(t, tenant, { stage: 'engage' });
      const opened = (await separate({ employeeId: leaver.id })).body;
      const form = (await t.http.get(`/api/v1/exit-responses/${linkToken(opened.exitInterview.link)}`)).body;
      expect(form.questions).toHaveLength(2);
      const unknown = await t.http.put('/api/v1/exit-questionnaire').set('Authorization', hr).send({ questionIds: ['00000000-0000-4000-8000-000000000000'] });
      expect(unknown.status).toBe(400);
      await t.http.put('/api/v1/exit-questionnaire').set('Authorization', hr).send({ questionIds: current.map((q: { id: string }) => q.id) }).expect(200);
    });
  });

  it('keeps every organisation’s separations and exit interviews to itself', async () => {
    const other = await createTenant(t);
    const leaver = await createEmployee(t, tenant, { stage: 'engage' });
    const separation = (await separate({ employeeId: leaver.id })).body;
    const theirs = other.bearer('hr_admin');
    expect((await t.http.get(`/api/v1/separations/${separation.id}`).set('Authorization', theirs)).status).toBe(404);
    expect((await t.http.post(`/api/v1/separations/${separation.id}/withdraw`).set('Authorization', theirs).send({})).status).toBe(404);
    expect((await t.http.get(`/api/v1/exit-interviews/${separation.exitInterview.id}`).set('Authorization', theirs)).status).toBe(404);
    expect((await t.http.get('/api/v1/separations').set('Authorization', theirs)).body.items).toEqual([]);
    expect((await t.http.get('/api/v1/exit-interviews').set('Authorization', theirs)).body.items).toEqual([]);
    expect((await separate({ employeeId: leaver.id }, theirs)).status).toBe(400);
    const report = (await t.http.get('/api/v1/reports/exit-interviews').set('Authorization', theirs)).body;
    expect(report).toMatchObject({ suppressed: true, interviews: null });
  });
});
