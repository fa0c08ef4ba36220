import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { localDate } from '#src/modules/employees/domain/tenure-phase.js';
import { createEmployee } from './factories/employee.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUnit } from './factories/unit.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

describe('the internal benchmark', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  let hr: string;
  const units: Record<string, { id: string }> = {};
  const period = localDate(new Date(), 'UTC').slice(0, 7);

  // Four teams of three answer the three growth questions alike: 2, 3, 4 and 5.
  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t, { anonymityThreshold: 3 });
    hr = tenant.bearer('hr_admin');
    const scoreOf = new Map<string, number>();
    for (const [name, score] of [['Alpha', 2], ['Beta', 3], ['Gamma', 4], ['Delta', 5]] as const) {
      units[name] = await createUnit(t, tenant, { name });
      for (let i = 0; i < 3; i++) scoreOf.set((await createEmployee(t, tenant, { unitId: units[name]!.id, startDate: '2020-01-01' })).id, score);
    }
    const bank = (await t.http.get('/api/v1/survey-questions?limit=200&driverKey=growth').set('Authorization', hr)).body.items as { id: string }[];
    const survey = (await t.http.post('/api/v1/surveys').set('Authorization', hr).send({ name: 'Pulse', kind: 'adhoc', questionIds: bank.map((q) => q.id) })).body;
    const round = (await t.http.post(`/api/v1/surveys/${survey.id}/rounds`).set('Authorization', hr).send()).body;
    const links = (await t.http.get(`/api/v1/surveys/${survey.id}/rounds/${round.id}/invitations?limit=200`).set('Authorization', hr)).body.items;
    for (const { employeeId, token } of links as { employeeId: string; token: string }[]) {
      const value = scoreOf.get(employeeId)!;
      await t.http.post(`/api/v1/responses/${token}`).send({ submissionId: crypto.randomUUID(), answers: bank.map((q) => ({ questionId: q.id, value })) }).expect(201);
    }
  });
  afterAll(() => t.close());

  it('places each unit against the units of its level, with the 75th percentile as the bar', async () => {
    const response = await t.http.get(`/api/v1/reports/benchmark?period=${period}`).set('Authorization', hr);
    expect(response.status).toBe(200);
    // Means 2, 3, 4, 5: quartiles by linear interpolation (R's default) are 2.75, 3.5 and 4.25.
    expect(response.body.distributions).toEqual([{ key: 'growth', level: 0, units: 4, p25: 2.75, median: 3.5, p75: 4.25 }]);
    const byName = Object.fromEntries(response.body.units.map((u: { name: string }) => [u.name, u]));
    expect(byName.Alpha).toMatchObject({ suppressed: false, drivers: [{ key: 'growth', mean: 2, percentile: 12.5, gapToBar: -2.25 }], priorities: ['growth'] });
    expect(byName.Gamma).toMatchObject({ drivers: [{ key: 'growth', mean: 4, percentile: 62.5, gapToBar: -0.25 }], priorities: ['growth'] });
    expect(byName.Delta).toMatchObject({ drivers: [{ key: 'growth', mean: 5, percentile: 87.5, gapToBar: 0.75 }], priorities: [] });
    const one = await t.http.get(`/api/v1/reports/benchmark?period=${period}&unitId=${units.Beta!.id}`).set('Authorization', hr);
    expect(one.body.units.map((u: { name: string }) => u.name)).toEqual(['Beta']);
    expect(one.body.distributions[0].units).toBe(4); // the bar is still the organisation's
  });

  it('has nothing to place in a month without rounds, and refuses a bad period', async () => {
    const empty = await t.http.get('/api/v1/reports/benchmark?period=2001-01').set('Authorization', hr);
    expect(empty.body.distributions).toEqual([]);
    expect(empty.body.units.every((u: { suppressed: boolean }) => u.suppressed)).toBe(true);
    expect((await t.http.get('/api/v1/reports/benchmark?period=01-2026').set('Authorization', hr)).status).toBe(400);
  });
});
