import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays } from '#src/modules/checklists/domain/start.js';
import { localDate } from '#src/modules/employees/domain/tenure-phase.js';
import { createEmployee } from './factories/employee.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUser, loginAs } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

describe('an employee’s journey, across capabilities', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  let hr: string;

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t);
    hr = tenant.bearer('hr_admin');
  });
  afterAll(() => t.close());

  it('shows checklists, survey invitations (never answers), named pain points and separations in one timeline', async () => {
    const today = localDate(new Date(), 'UTC');
    const person = await createEmployee(t, tenant, { stage: 'engage', startDate: '2024-01-01' });
    const user = await createUser(t, tenant, { role: 'employee' });
    await t.http.patch(`/api/v1/users/${user.id}`).set('Authorization', hr).send({ employeeId: person.id }).expect(200);
    const auth = await loginAs(t, user.email);

    const bank = (await t.http.get('/api/v1/survey-questions?limit=200').set('Authorization', hr)).body.items as { id: string; type: string }[];
    const survey = (await t.http.post('/api/v1/surveys').set('Authorization', hr).send({ name: 'Pulse', kind: 'adhoc', questionIds: [bank.find((q) => q.type === 'enps')!.id] }))
      .body;
    const round = (await t.http.post(`/api/v1/surveys/${survey.id}/rounds`).set('Authorization', hr).send()).body;
    const links = (await t.http.get(`/api/v1/surveys/${survey.id}/rounds/${round.id}/invitations`).set('Authorization', hr)).body.items;
    const mine = links.find((l: { employeeId: string }) => l.employeeId === person.id);
    await t.http.post(`/api/v1/responses/${mine.token}`).send({ submissionId: crypto.randomUUID(), answers: [{ questionId: bank.find((q) => q.type === 'enps')!.id, value: 9 }] }).expect(201);

    const touchpoint = (await t.http.get('/api/v1/journey-map').set('Authorization', hr)).body.stages.find((s: { stage: string }) => s.stage === 'engage').touchpoints[0];
    const named = (await t.http.post('/api/v1/pain-points').set('Authorization', auth).send({ touchpointId: touchpoint.id, description: 'Tools are slow', severity: 3 })).body;
    await t.http.post('/api/v1/pain-points').set('Authorization', auth).send({ touchpointId: touchpoint.id, description: 'Said anonymously', severity: 2, anonymous: true }).expect(201);

    const separation = (
      await t.http
        .post('/api/v1/separations')
        .set('Authorization', hr)
        .send({ employeeId: person.id, noticeDate: today, lastWorkingDay: addDays(today, 30), type: 'voluntary', primaryReason: 'career_growth' })
    ).body;
    await t.http.post(`/api/v1/separations/${separation.id}/withdraw`).set('Authorization', hr).send({}).expect(200);

    const journey = await t.http.get(`/api/v1/employees/${person.id}/journey`).set('Authorization', hr);
    expect(journey.status).toBe(200);
    const events = journey.body.events as { type: string; subjectId?: string; label?: string; at: string }[];
    expect(events.map((e) => e.type)).toEqual([
      'stage_changed',
      'assignment_changed',
      'survey_invited',
      'pain_point_reported',
      'stage_changed', // to depart
      'separation_recorded',
      'checklist_started', // offboarding
      'stage_changed', // the withdrawal's correction
      'separation_withdrawn',
    ]);
    expect(events.find((e) => e.type === 'survey_invited')).toEqual({ type: 'survey_invited', at: expect.any(String), subjectId: survey.id, label: 'Pulse, round 1' });
    expect(events.find((e) => e.type === 'pain_point_reported')).toMatchObject({ subjectId: named.id, label: touchpoint.name });
    expect(events.find((e) => e.type === 'separation_recorded')).toMatchObject({ subjectId: separation.id, label: `voluntary, last day ${addDays(today, 30)}` });
    expect(events.find((e) => e.type === 'checklist_started')).toMatchObject({ subjectId: separation.checklistId, label: expect.stringMatching(/offboarding/i) });
    expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort());
  });
});
