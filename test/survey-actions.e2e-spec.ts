import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PlaybookRunner } from '#src/modules/playbooks/playbook-runner.js';
import { SurveyDigestJob } from '#src/modules/surveys/survey-digest.job.js';
import { SurveyRoundsJob } from '#src/modules/surveys/survey-rounds.job.js';
import { createEmployee } from './factories/employee.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUnit } from './factories/unit.factory.js';
import { createUser, loginAs } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * Acting on results: priorities, trends, CSV export, "you said, we did" actions with their impact,
 * reminders and the weekly digest. Organisation (k = 3): Company → teams A, B, C of 3 people each.
 */
describe('survey actions, priorities and digests', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  let hr: string;
  let company: { id: string };
  const teams: Record<'A' | 'B' | 'C', { id: string; people: string[] }> = {} as never;
  let questions: { enps: string; growth: string };
  let surveyId: string;

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t, { anonymityThreshold: 3 });
    hr = tenant.bearer('hr_admin');
    company = await createUnit(t, tenant, { name: 'Company' });
    for (const name of ['A', 'B', 'C'] as const) {
      const unit = await createUnit(t, tenant, { name: `Team ${name}`, parentId: company.id });
      const people: string[] = [];
      for (let i = 0; i < 3; i++) people.push((await createEmployee(t, tenant, { unitId: unit.id, location: 'Lyon', startDate: '2019-05-01' })).id);
      teams[name] = { id: unit.id, people };
    }
    const bank = (await t.http.get('/api/v1/survey-questions?limit=200').set('Authorization', hr)).body.items as { id: string; type: string; driverKey: string }[];
    questions = { enps: bank.find((q) => q.type === 'enps')!.id, growth: bank.find((q) => q.driverKey === 'growth')!.id };
    surveyId = (
      await t.http.post('/api/v1/surveys').set('Authorization', hr).send({ name: 'Engagement', kind: 'adhoc', questionIds: [questions.enps, questions.growth], windowDays: 2 })
    ).body.id;
  });
  afterAll(() => t.close());

  /** Opens a round and has every member of each team answer (eNPS, growth) as given. */
  async function runRound(answers: Record<'A' | 'B' | 'C', [number, number]>): Promise<string> {
    const round = await t.http.post(`/api/v1/surveys/${surveyId}/rounds`).set('Authorization', hr).send();
    expect(round.status).toBe(201);
    const links = (await t.http.get(`/api/v1/surveys/${surveyId}/rounds/${round.body.id}/invitations?limit=200`).set('Authorization', hr)).body
      .items as { employeeId: string; token: string }[];
    for (const [team, [nps, growth]] of Object.entries(answers) as ['A' | 'B' | 'C', [number, number]][]) {
      for (const person of teams[team].people) {
        const token = links.find((l) => l.employeeId === person)!.token;
        await t.http
          .post(`/api/v1/responses/${token}`)
          .send({ submissionId: randomUUID(), answers: [{ questionId: questions.enps, value: nps }, { questionId: questions.growth, value: growth }] })
          .expect(201);
      }
    }
    return round.body.id;
  }

  const close = (roundId: string) => t.http.post(`/api/v1/surveys/${surveyId}/rounds/${roundId}/close`).set('Authorization', hr).expect(200);

  it('ranks drivers that score low and move eNPS across units, and exports what it shows as CSV', async () => {
    // Growth 5/3/1 with eNPS 100/0/−100: r = 1; company growth mean 3 → priority (5 − 3) × 1 = 2.
    const roundId = await runRound({ A: [10, 5], B: [8, 3], C: [0, 1] });
    const results = await t.http.get(`/api/v1/surveys/${surveyId}/results?unitId=${company.id}&groupBy=unit`).set('Authorization', hr);
    expect(results.status).toBe(200);
    expect(results.body.priorities).toEqual([{ key: 'growth', name: 'Growth', mean: 3, correlation: 1, units: 3, priority: 2 }]);
    expect(results.body.heatmap.groups.map((g: { label: string; enps: { score: number } }) => [g.label, g.enps.score])).toEqual([
      ['Team A', 100],
      ['Team B', 0],
      ['Team C', -100],
    ]);

    const csv = await t.http.get(`/api/v1/surveys/${surveyId}/results/export?unitId=${company.id}&groupBy=unit`).set('Authorization', hr);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('round,scope,group,measure,value');
    expect(lines).toContain('1,all,,respondents,9');
    expect(lines).toContain('1,unit,Team C,enps,-100');
    expect(lines).toContain('1,unit,Team A,driver:growth:mean,5');
    await close(roundId);
  });

  it('tracks an action, its history, and the driver before and after it', async () => {
    const created = await t.http
      .post('/api/v1/survey-actions')
      .set('Authorization', hr)
      .send({ surveyId, unitId: teams.C.id, driverKey: 'growth', title: 'Learning hour', dueOn: '2000-01-31' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'planned', overdue: true, impact: { before: { roundNumber: 1, mean: 1 }, after: [] } });
    const id = created.body.id;

    const roundId = await runRound({ A: [10, 5], B: [8, 3], C: [7, 3] });
    const detail = await t.http.get(`/api/v1/survey-actions/${id}`).set('Authorization', hr);
    expect(detail.body.impact.after).toEqual([{ roundNumber: 2, openedAt: expect.any(String), mean: 3 }]);

    await t.http.post(`/api/v1/survey-actions/${id}/updates`).set('Authorization', hr).send({ note: 'First hour held', status: 'in_progress' }).expect(201);
    const done = await t.http.patch(`/api/v1/survey-actions/${id}`).set('Authorization', hr).send({ status: 'done', version: 2 });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', overdue: false, version: 3 });
    const stale = await t.http.patch(`/api/v1/survey-actions/${id}`).set('Authorization', hr).send({ title: 'x', version: 2 });
    expect(stale.status).toBe(409);
    const history = await t.http.get(`/api/v1/survey-actions/${id}/updates`).set('Authorization', hr);
    expect(history.body.map((u: { note: string | null; status: string | null }) => [u.note, u.status])).toEqual([
      ['Action created.', 'planned'],
      ['First hour held', 'in_progress'],
      [null, 'done'],
    ]);
    const overdue = await t.http.get('/api/v1/survey-actions?overdue=true').set('Authorization', hr);
    expect(overdue.body.items).toEqual([]);
    await close(roundId);
  });

  it('shows employees their own unit’s actions and managers act only in their reporting line', async () => {
    const action = (
      await t.http.post('/api/v1/survey-actions').set('Authorization', hr).send({ surveyId, unitId: teams.A.id, driverKey: 'growth', title: 'Mentoring' })
    ).body;

    const memberOfA = await createUser(t, tenant, { role: 'employee' });
    await t.http.patch(`/api/v1/users/${memberOfA.id}`).set('Authorization', hr).send({ employeeId: teams.A.people[1] }).expect(200);
    const asA = await loginAs(t, memberOfA.email);
    const seenByA = await t.http.get('/api/v1/survey-actions').set('Authorization', asA);
    expect(seenByA.body.items.map((a: { id: string }) => a.id)).toEqual([action.id]);

    const memberOfB = await createUser(t, tenant, { role: 'employee' });
    await t.http.patch(`/api/v1/users/${memberOfB.id}`).set('Authorization', hr).send({ employeeId: teams.B.people[1] }).expect(200);
    const asB = await loginAs(t, memberOfB.email);
    expect((await t.http.get('/api/v1/survey-actions').set('Authorization', asB)).body.items).toEqual([]);
    expect((await t.http.get(`/api/v1/survey-actions/${action.id}`).set('Authorization', asB)).status).toBe(404);

    const leadOfB = await createUser(t, tenant, { role: 'manager' });
    await t.http.patch(`/api/v1/units/${teams.B.id}`).set('Authorization', hr).send({ managerId: teams.B.people[0] }).expect(200);
    await t.http.patch(`/api/v1/users/${leadOfB.id}`).set('Authorization', hr).send({ employeeId: teams.B.people[0] }).expect(200);
    const asLead = await loginAs(t, leadOfB.email);
    const foreign = await t.http.post('/api/v1/survey-actions').set('Authorization', asLead).send({ surveyId, unitId: teams.A.id, driverKey: 'growth', title: 'x' });
    expect(foreign.status).toBe(403);
    const own = await t.http.post('/api/v1/survey-actions').set('Authorization', asLead).send({ surveyId, unitId: teams.B.id, driverKey: 'growth', title: 'Career talks' });
    expect(own.status).toBe(201);
    const badDriver = await t.http.post('/api/v1/survey-actions').set('Authorization', hr).send({ surveyId, unitId: teams.B.id, driverKey: 'nope', title: 'x' });
    expect(badDriver.status).toBe(400);
    expect(badDriver.body.errors).toEqual([{ field: 'driverKey', message: 'does not match a driver' }]);

    // Trends: two rounds so far, driver filter keeps growth only.
    const trend = await t.http.get(`/api/v1/surveys/${surveyId}/trend?driver=growth`).set('Authorization', asLead);
    expect(trend.status).toBe(200);
    expect(trend.body.points.map((p: { roundNumber: number; respondents: unknown; drivers: { key: string; mean: number }[] }) => [p.roundNumber, p.respondents, p.drivers])).toEqual([
      [1, 3, [{ key: 'growth', name: 'Growth', mean: 3, favourable: 0, answered: 3, change: null }]],
      [2, 3, [{ key: 'growth', name: 'Growth', mean: 3, favourable: 0, answered: 3, change: 0 }]],
    ]);
  });

  it('reminds those who have not answered once, half-way through the window', async () => {
    const round = (await t.http.post(`/api/v1/surveys/${surveyId}/rounds`).set('Authorization', hr).send()).body;
    const links = (await t.http.get(`/api/v1/surveys/${surveyId}/rounds/${round.id}/invitations?limit=200`).set('Authorization', hr)).body
      .items as { employeeId: string; token: string }[];
    const fromA = links.find((l) => l.employeeId === teams.A.people[0])!;
    await t.http.post(`/api/v1/responses/${fromA.token}`).send({ submissionId: randomUUID(), answers: [{ questionId: questions.enps, value: 9 }] }).expect(201);
    const job = t.app.get(SurveyRoundsJob);
    expect((await job.tick(new Date(Date.now() + 12 * 3_600_000))).reminded).toBe(0); // a quarter through
    expect((await job.tick(new Date(Date.now() + 25 * 3_600_000))).reminded).toBe(8);
    expect((await job.tick(new Date(Date.now() + 26 * 3_600_000))).reminded).toBe(0);
    const events = await t.sql.query(`SELECT payload FROM domain_events WHERE tenant_id = $1 AND type = 'survey.reminder'`, [tenant.id]);
    expect(events.rows).toHaveLength(8);
    expect(events.rows[0].payload).toMatchObject({ surveyId, roundId: round.id, path: expect.stringMatching(/^\/s\//) });
  });

  it('invites a new joiner to a lifecycle survey through a stage playbook, into the round of the month', async () => {
    const lifecycle = (
      await t.http.post('/api/v1/surveys').set('Authorization', hr).send({ name: 'Day 0 onboarding', kind: 'lifecycle', questionIds: [questions.enps], audience: { stages: ['onboard'] } })
    ).body;
    const playbook = await t.http
      .post('/api/v1/playbooks')
      .set('Authorization', hr)
      .send({ name: 'Onboarding survey', triggerEvent: 'employee.stage_changed', triggerStage: 'onboard', action: 'survey.invite', params: { surveyId: lifecycle.id } });
    expect(playbook.status).toBe(201);
    const badParams = await t.http
      .post('/api/v1/playbooks')
      .set('Authorization', hr)
      .send({ name: 'x', triggerEvent: 'employee.stage_changed', action: 'survey.invite', params: { surveyId: 'nope' } });
    expect(badParams.status).toBe(400);

    const joiners = [await createEmployee(t, tenant, { stage: 'hire', unitId: teams.A.id }), await createEmployee(t, tenant, { stage: 'hire', unitId: teams.B.id })];
    for (const joiner of joiners) await t.http.post(`/api/v1/employees/${joiner.id}/transitions`).set('Authorization', hr).send({ to: 'onboard' }).expect(201);
    const runner = t.app.get(PlaybookRunner);
    const invitations = async () =>
      (await t.sql.query(`SELECT i.employee_id, r.period, r.number FROM survey_invitations i JOIN survey_rounds r ON r.tenant_id = i.tenant_id AND r.id = i.round_id WHERE r.survey_id = $1`, [lifecycle.id])).rows;
    for (let i = 0; i < 100 && (await invitations()).length < 2; i++) {
      await runner.tick();
      await new Promise((r) => setTimeout(r, 50));
    }
    const rows = await invitations();
    expect(rows.map((r) => r.employee_id).sort()).toEqual(joiners.map((j) => j.id).sort());
    // Both in one round: the month's.
    expect(new Set(rows.map((r) => `${r.number} ${r.period}`))).toEqual(new Set([`1 ${new Date().toISOString().slice(0, 7)}`]));
    const round = (await t.http.get(`/api/v1/surveys/${lifecycle.id}/rounds`).set('Authorization', hr)).body.items[0];
    expect(round).toMatchObject({ number: 1, invited: 2, status: 'open' });
  });

  it('sends each unit’s manager one weekly digest with what the results would show them', async () => {
    const job = t.app.get(SurveyDigestJob);
    const now = new Date();
    expect(await job.sendDue(now)).toBe(1); // only team B has a manager
    expect(await job.sendDue(now)).toBe(0);
    const digest = await t.sql.query(`SELECT subject_id, payload FROM domain_events WHERE tenant_id = $1 AND type = 'survey.digest'`, [tenant.id]);
    expect(digest.rows).toHaveLength(1);
    expect(digest.rows[0].subject_id).toBe(teams.B.people[0]);
    const survey = digest.rows[0].payload.surveys.find((entry: { surveyId: string }) => entry.surveyId === surveyId);
    expect(digest.rows[0].payload).toMatchObject({ unitId: teams.B.id, overdueActions: 0 });
    // Round 3 is open with 0 of team B's 3 answered: participation shown (3 invited = k) and a nudge.
    expect(survey).toMatchObject({ surveyId, roundNumber: 3, open: true, participation: { invited: 3, responded: 0, rate: 0 }, nudge: true });
  });

  it('thanks everyone a round asked in a unit once, when the unit publishes its first action after it ("you said, we did")', async () => {
    const rounds = (await t.http.get(`/api/v1/surveys/${surveyId}/rounds`).set('Authorization', hr)).body;
    for (const open of (rounds.items ?? rounds).filter((r: { closedAt: string | null }) => !r.closedAt)) await close(open.id);
    const roundId = await runRound({ A: [9, 4], B: [8, 3], C: [7, 3] });
    const act = (title: string, unitId = teams.B.id) =>
      t.http.post('/api/v1/survey-actions').set('Authorization', hr).send({ surveyId, roundId, unitId, driverKey: 'growth', title }).expect(201);
    await act('Career talks');
    await act('Mentoring'); // a second action of the same unit and round thanks nobody twice
    await act('Company-wide learning budget', company.id);
    const events = (await t.http.get('/api/v1/events?limit=200').set('Authorization', tenant.bearer('integration'))).body.items.filter(
      (e: { type: string }) => e.type === 'survey.you_said_we_did',
    );
    expect(events.map((e: { payload: { unitId: string; title: string } }) => [e.payload.unitId, e.payload.title])).toEqual([
      [teams.B.id, 'Career talks'],
      [company.id, 'Company-wide learning budget'],
    ]);
    // Everyone the round asked in the unit (its sub-units for the company), not only those who answered.
    const asked = (await t.http.get(`/api/v1/surveys/${surveyId}/rounds/${roundId}/invitations?limit=200`).set('Authorization', hr)).body.items as {
      employeeId: string;
      unitId: string;
    }[];
    expect([...events[0].payload.recipients].sort()).toEqual(asked.filter((i) => i.unitId === teams.B.id).map((i) => i.employeeId).sort());
    expect(events[0].payload.recipients).toEqual(expect.arrayContaining(teams.B.people));
    expect(events[1].payload.recipients).toHaveLength(asked.length);
    await close(roundId);
  });
});
