import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays } from '#src/modules/checklists/domain/start.js';
import { addMonths, localDate } from '#src/modules/employees/domain/tenure-phase.js';
import { createEmployee } from './factories/employee.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUnit } from './factories/unit.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

describe('the loyalty ladder', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  let hr: string;
  let enpsQuestion: string;
  let surveyId: string;
  const units: Record<string, { id: string }> = {};
  const staff: Record<string, string[]> = {};
  const today = localDate(new Date(), 'UTC');
  const period = today.slice(0, 7);

  /** Opens a round, lets people answer the eNPS question, closes it and moves it `monthsAgo` back. */
  async function round(answers: Map<string, number>, monthsAgo: number): Promise<void> {
    const opened = (await t.http.post(`/api/v1/surveys/${surveyId}/rounds`).set('Authorization', hr).send()).body;
    const links = (await t.http.get(`/api/v1/surveys/${surveyId}/rounds/${opened.id}/invitations?limit=200`).set('Authorization', hr)).body.items;
    for (const { employeeId, token } of links as { employeeId: string; token: string }[]) {
      if (!answers.has(employeeId)) continue;
      await t.http.post(`/api/v1/responses/${token}`).send({ submissionId: crypto.randomUUID(), answers: [{ questionId: enpsQuestion, value: answers.get(employeeId) }] }).expect(201);
    }
    await t.http.post(`/api/v1/surveys/${surveyId}/rounds/${opened.id}/close`).set('Authorization', hr).send().expect(200);
    await t.sql.query(`UPDATE survey_rounds SET opened_at = opened_at - make_interval(months => $2) WHERE id = $1`, [opened.id, monthsAgo]);
  }

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t, { anonymityThreshold: 3 });
    hr = tenant.bearer('hr_admin');
    for (const [name, n] of [['Support', 5], ['Sales', 5], ['Ops', 2], ['Legal', 2]] as const) {
      units[name] = await createUnit(t, tenant, { name });
      staff[name] = [];
      for (let i = 0; i < n; i++) staff[name]!.push((await createEmployee(t, tenant, { unitId: units[name]!.id, startDate: '2020-01-01' })).id);
    }
    const bank = (await t.http.get('/api/v1/survey-questions?limit=200').set('Authorization', hr)).body.items as { id: string; type: string }[];
    enpsQuestion = bank.find((q) => q.type === 'enps')!.id;
    surveyId = (await t.http.post('/api/v1/surveys').set('Authorization', hr).send({ name: 'Pulse', kind: 'adhoc', questionIds: [enpsQuestion] })).body.id;
    const answers = (support: number[], sales: number[]) =>
      new Map([
        ...staff.Support!.map((id, i) => [id, support[i]!] as const),
        ...staff.Sales!.map((id, i) => [id, sales[i]!] as const),
        ...[...staff.Ops!, ...staff.Legal!].map((id) => [id, 8] as const),
      ]);
    await round(answers([10, 10, 9, 8, 5], [9, 9, 9, 9, 9]), 1); // last month
    await round(answers([10, 8, 7, 5, 3], [9, 9, 10, 9, 9]), 0); // this month

    // A Support person refers someone; a Sales leaver comes back.
    await createEmployee(t, tenant, { stage: 'attract', referredById: staff.Support![0]! });
    const leaver = staff.Sales![4]!;
    await t.http
      .post('/api/v1/separations')
      .set('Authorization', hr)
      .send({ employeeId: leaver, noticeDate: addDays(today, -30), lastWorkingDay: addDays(today, -1), type: 'voluntary', primaryReason: 'other' })
      .expect(201);
    await t.http.post(`/api/v1/employees/${leaver}/transitions`).set('Authorization', hr).send({ to: 'attract' }).expect(201);
  });
  afterAll(() => t.close());

  it('equals the hand-computed rungs, advocates and snake', async () => {
    const response = await t.http.get(`/api/v1/reports/loyalty-ladder?period=${period}`).set('Authorization', hr);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ period, previousPeriod: addMonths(`${period}-01`, -1).slice(0, 7), k: 3, snakePoints: 10 });
    const byName = Object.fromEntries(response.body.units.map((u: { name: string }) => [u.name, u]));
    // Support: 10, 8, 7, 5, 3 → one promoter, two passives, two detractors; last month 3 of 5 promoters (60 %).
    expect(byName.Support).toEqual({
      unitId: units.Support!.id,
      name: 'Support',
      suppressed: false,
      rungs: { respondents: 5, detractors: 2, passives: 2, promoters: 1, promoterShare: 20, enps: -20 },
      referrals: 1,
      boomerangs: 0,
      advocates: 1,
      promoterShareChange: -40,
      snake: true,
    });
    expect(byName.Sales).toMatchObject({ rungs: { promoters: 5, promoterShare: 100 }, boomerangs: 1, advocates: 1, promoterShareChange: 0, snake: false });
    // Two respondents each: no rungs (and Support and Sales stay shown: the hidden pair adds up to 4).
    expect(byName.Ops).toMatchObject({ suppressed: true, rungs: null, promoterShareChange: null, snake: false });
    expect(byName.Legal).toMatchObject({ suppressed: true, rungs: null });
    expect(response.body.units[0].name).toBe('Support'); // snakes first
    const strict = await t.http.get(`/api/v1/reports/loyalty-ladder?period=${period}&snakePoints=50`).set('Authorization', hr);
    expect(strict.body.units.find((u: { name: string }) => u.name === 'Support').snake).toBe(false);
  });

  it('refuses a bad period and keeps tenants apart', async () => {
    expect((await t.http.get('/api/v1/reports/loyalty-ladder?period=2026-13').set('Authorization', hr)).status).toBe(400);
    expect((await t.http.get(`/api/v1/reports/loyalty-ladder?period=${period}&snakePoints=0`).set('Authorization', hr)).status).toBe(400);
    const other = await createTenant(t);
    const theirs = await t.http.get(`/api/v1/reports/loyalty-ladder?period=${period}`).set('Authorization', other.bearer('hr_admin'));
    expect(theirs.body.units).toEqual([]);
    expect((await t.http.get(`/api/v1/reports/loyalty-ladder?period=${period}&unitId=${units.Support!.id}`).set('Authorization', other.bearer('hr_admin'))).status).toBe(400);
  });
});
