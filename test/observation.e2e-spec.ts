import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addMonths, localDate } from '#src/modules/employees/domain/tenure-phase.js';
import { createEmployee } from './factories/employee.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUnit } from './factories/unit.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

describe('the 360° observation index', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  let hr: string;
  const units: Record<string, { id: string }> = {};
  const staff: Record<string, string[]> = {};
  const period = localDate(new Date(), 'UTC').slice(0, 7);
  let surveyId: string;

  // Alpha and Beta, three people each. This month: Alpha answers engagement 4 and eNPS 10, 10, 9;
  // Beta engagement 2 and eNPS 0, 5, 6; everyone answers. One recognition reaches Alpha.
  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t, { anonymityThreshold: 3 });
    hr = tenant.bearer('hr_admin');
    for (const name of ['Alpha', 'Beta']) {
      units[name] = await createUnit(t, tenant, { name });
      staff[name] = [];
      for (let i = 0; i < 3; i++) staff[name]!.push((await createEmployee(t, tenant, { unitId: units[name]!.id, startDate: '2020-01-01' })).id);
    }
    const bank = (await t.http.get('/api/v1/survey-questions?limit=200').set('Authorization', hr)).body.items as { id: string; type: string; driverKey: string | null }[];
    const enps = bank.find((q) => q.type === 'enps')!.id;
    const engagement = bank.filter((q) => q.driverKey === 'engagement').map((q) => q.id);
    const survey = (await t.http.post('/api/v1/surveys').set('Authorization', hr).send({ name: 'Pulse', kind: 'adhoc', questionIds: [enps, ...engagement] })).body;
    surveyId = survey.id;
    const round = (await t.http.post(`/api/v1/surveys/${survey.id}/rounds`).set('Authorization', hr).send()).body;
    const links = (await t.http.get(`/api/v1/surveys/${survey.id}/rounds/${round.id}/invitations?limit=200`).set('Authorization', hr)).body.items;
    const given = new Map<string, [number, number]>([
      ...staff.Alpha!.map((id, i) => [id, [[10, 10, 9][i]!, 4]] as [string, [number, number]]),
      ...staff.Beta!.map((id, i) => [id, [[0, 5, 6][i]!, 2]] as [string, [number, number]]),
    ]);
    for (const { employeeId, token } of links as { employeeId: string; token: string }[]) {
      const [nps, engaged] = given.get(employeeId)!;
      const answers = [{ questionId: enps, value: nps }, ...engagement.map((questionId) => ({ questionId, value: engaged }))];
      await t.http.post(`/api/v1/responses/${token}`).send({ submissionId: crypto.randomUUID(), answers }).expect(201);
    }
    await t.http.post('/api/v1/recognitions').set('Authorization', hr).send({ recipientIds: [staff.Alpha![0]], message: 'Thanks' }).expect(201);
  });
  afterAll(() => t.close());

  it('equals the hand-computed index, with each component’s value, score and points', async () => {
    const response = await t.http.get(`/api/v1/reports/observation?period=${period}&months=2`).set('Authorization', hr);
    expect(response.status).toBe(200);
    const [alpha, beta] = response.body.units;
    // Against two peers, the better one ranks 75 and the other 25; equal values rank 50 each.
    // Present weights: engagement .2, eNPS .15, participation .1, open pain points .1, recognition .1, attrition .1 = .75.
    // Alpha: (.2·75 + .15·75 + .1·50 + .1·50 + .1·75 + .1·50) / .75 = 65; Beta: 26.25 / .75 = 35.
    expect(alpha).toMatchObject({ name: 'Alpha', level: 0, suppressed: false, index: 65, missing: ['resolvedPainPoints', 'checklistOnTime', 'cx'] });
    expect(beta).toMatchObject({ name: 'Beta', index: 35 });
    const component = (unit: { components: { key: string }[] }, key: string) => unit.components.find((c) => c.key === key);
    expect(component(alpha, 'engagement')).toEqual({ key: 'engagement', value: 4, normalised: 75, weight: 0.2, points: 20 });
    expect(component(alpha, 'enps')).toEqual({ key: 'enps', value: 100, normalised: 75, weight: 0.15, points: 15 });
    expect(component(beta, 'enps')).toMatchObject({ value: -100, normalised: 25 });
    expect(component(alpha, 'recognition')).toMatchObject({ value: 1 / 3, normalised: 75 });
    expect(component(alpha, 'attrition')).toMatchObject({ value: 0, normalised: 50 });
    expect(component(alpha, 'participation')).toMatchObject({ value: 1, normalised: 50 });
    // Last month had no round: suppressed, so no index in the trend.
    expect(alpha.trend).toEqual([
      { period: addMonths(`${period}-01`, -1).slice(0, 7), index: null },
      { period, index: 65 },
    ]);
  });

  it('puts a unit on one page: index, ladder, benchmark, open actions; as JSON and as CSV', async () => {
    await t.http
      .post('/api/v1/survey-actions')
      .set('Authorization', hr)
      .send({ surveyId, unitId: units.Alpha!.id, driverKey: 'engagement', title: 'Monthly team retro' })
      .expect(201);
    const card = await t.http.get(`/api/v1/reports/units/${units.Alpha!.id}/scorecard?period=${period}`).set('Authorization', hr);
    expect(card.status).toBe(200);
    expect(card.body).toMatchObject({
      unitId: units.Alpha!.id,
      name: 'Alpha',
      period,
      observation: { index: 65 },
      ladder: { rungs: { promoters: 3, respondents: 3 }, snake: false },
      benchmark: { drivers: [{ key: 'engagement', mean: 4, percentile: 75 }] },
      topPainPoints: [],
      openActions: [{ title: 'Monthly team retro', driverKey: 'engagement', status: 'planned', dueOn: null }],
    });
    const csv = await t.http.get(`/api/v1/reports/units/${units.Alpha!.id}/scorecard/export?period=${period}`).set('Authorization', hr);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines[0]).toBe('section,item,value');
    expect(lines).toContain('observation,index,65');
    expect(lines).toContain('open action,Monthly team retro,planned');
    expect((await t.http.get(`/api/v1/reports/units/${units.Alpha!.id}/scorecard`).set('Authorization', hr)).status).toBe(400);
  });

  it('uses the weights HR sets, and refuses weights that weigh nothing', async () => {
    const weights = { engagement: 1, enps: 0, participation: 0, openPainPoints: 0, resolvedPainPoints: 0, recognition: 0, checklistOnTime: 0, attrition: 0, cx: 0 };
    expect((await t.http.put('/api/v1/reports/observation/weights').set('Authorization', hr).send(weights)).body).toEqual(weights);
    const report = (await t.http.get(`/api/v1/reports/observation?period=${period}&months=1`).set('Authorization', hr)).body;
    expect(report.units.map((u: { index: number }) => u.index)).toEqual([75, 25]);
    const zero = await t.http.put('/api/v1/reports/observation/weights').set('Authorization', hr).send({ ...weights, engagement: 0 });
    expect(zero.status).toBe(400);
    expect((await t.http.put('/api/v1/reports/observation/weights').set('Authorization', hr).send({ ...weights, engagement: 2 })).status).toBe(400);
    expect((await t.http.put('/api/v1/reports/observation/weights').set('Authorization', tenant.bearer('manager')).send(weights)).status).toBe(403);
  });

  it('suppresses a unit whose survey figures are below k, and shows another organisation nothing', async () => {
    const other = await createTenant(t, { anonymityThreshold: 3 });
    const small = await createUnit(t, other, { name: 'Tiny' });
    await createEmployee(t, other, { unitId: small.id, startDate: '2020-01-01' });
    const report = (await t.http.get(`/api/v1/reports/observation?period=${period}`).set('Authorization', other.bearer('hr_admin'))).body;
    expect(report.units).toEqual([expect.objectContaining({ name: 'Tiny', suppressed: true, index: null, components: [] })]);
    expect((await t.http.get(`/api/v1/reports/observation?period=${period}&unitId=${units.Alpha!.id}`).set('Authorization', other.bearer('hr_admin'))).status).toBe(400);
    expect((await t.http.get('/api/v1/reports/observation?period=2026-00').set('Authorization', hr)).status).toBe(400);
  });
});
