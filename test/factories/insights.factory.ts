import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { shiftPeriod } from '#src/modules/cx/domain/periods.js';
import { tenantCalendar } from '#src/modules/tenancy/tenant-calendar.js';
import { inTenant } from '#src/common/tenancy/tenant-scope.js';
import type { TestApp } from '../utils/create-test-app.js';
import { createEmployee } from './employee.factory.js';
import { openSurveyRound, plantResponses } from './survey-response.factory.js';
import { createTenant, type TenantFixture } from './tenant.factory.js';
import { createUnit } from './unit.factory.js';
import { createUser } from './user.factory.js';

/** What the dashboard of {@link seedInsightsOrganisation}'s organisation is known to show. */
export interface InsightsFixture {
  readonly tenant: TenantFixture;
  readonly hrEmail: string;
  /** Mia, who manages Sales (Sales North and Sales South). */
  readonly managerEmail: string;
  /** A manager linked to an employee who manages nothing. */
  readonly idleManagerEmail: string;
  readonly units: Readonly<Record<'Sales' | 'SalesNorth' | 'SalesSouth' | 'Support' | 'Ops' | 'Field' | 'Legal', string>>;
  /** "Team pulse": two rounds answered through the API, the latest opened today. */
  readonly surveyId: string;
  /** The months the EX history lies in (three, within the default twelve). */
  readonly historyMonths: readonly string[];
  /**
   * EX → CX pairs over the default period, eNPS against CSAT at lag 0: five units × three months
   * for HR; Sales North and Sales South × three months for Mia. Legal's January is below k.
   */
  readonly pairs: { readonly hr: number; readonly manager: number };
  /** Respondents per top unit in the latest round: Sales 8, Support 5, Ops 4, Field 4, Legal 2. */
  readonly respondents: Readonly<Record<string, number>>;
}

/** Survey answers of each unit's people (varied a little per person). */
const PROFILES: Readonly<Record<string, { enps: number; engagement: number; growth: number; manager: number }>> = {
  SalesNorth: { enps: 9, engagement: 4, growth: 4, manager: 5 },
  SalesSouth: { enps: 7, engagement: 3, growth: 3, manager: 3 },
  Support: { enps: 9, engagement: 5, growth: 4, manager: 4 },
  Ops: { enps: 4, engagement: 2, growth: 2, manager: 3 },
  Field: { enps: 6, engagement: 3, growth: 2, manager: 4 },
  Legal: { enps: 8, engagement: 4, growth: 3, manager: 4 },
};
const HEADCOUNT: Readonly<Record<string, number>> = { SalesNorth: 4, SalesSouth: 4, Support: 5, Ops: 4, Field: 4, Legal: 2 };
/** Promoters and detractors of five planted responses per unit and history month (the rest passives). */
const HISTORY: Readonly<Record<string, readonly [number, number][]>> = {
  SalesNorth: [[4, 0], [3, 1], [5, 0]],
  SalesSouth: [[1, 3], [2, 2], [0, 4]],
  Support: [[2, 1], [3, 0], [1, 1]],
  Ops: [[0, 2], [1, 1], [2, 0]],
  Field: [[3, 2], [4, 1], [2, 3]],
};
/** Noise on CSAT per unit and history month, so the line does not fit exactly. */
const NOISE = [0.12, -0.2, 0.05, -0.08, 0.17, -0.11, 0.02, 0.09, -0.15, 0.2, -0.04, 0.07, -0.18, 0.11, -0.06];

/**
 * A small organisation with everything the leader's dashboard reads: units and a manager, a pulse
 * answered through the API in two rounds (rollups, so results, trend and heatmap), six months of
 * planted EX history with CSAT beside it (the EX → CX report reads raw answers), a separation and
 * a pain point. Months count back from the tenant's current month, so the default period holds it.
 *
 * The browser test loads the dashboard's organisation through this function only: when the demo
 * organisation (`npm run demo`) exists, its loader can take this one's place, with the counts the
 * test checks read from what the loader returns.
 */
export async function seedInsightsOrganisation(t: TestApp): Promise<InsightsFixture> {
  const tenant = await createTenant(t, { anonymityThreshold: 3 });
  const hr = tenant.bearer('hr_admin');
  const { today } = await inTenant(tenant.id, () => tenantCalendar(t.app.get(DataSource), tenant.id));
  const current = today.slice(0, 7);
  const month = (back: number) => shiftPeriod(current, -back);

  const sales = await createUnit(t, tenant, { name: 'Sales', kind: 'department' });
  const units = {
    Sales: sales.id,
    SalesNorth: (await createUnit(t, tenant, { name: 'Sales North', kind: 'team', parentId: sales.id })).id,
    SalesSouth: (await createUnit(t, tenant, { name: 'Sales South', kind: 'team', parentId: sales.id })).id,
    Support: (await createUnit(t, tenant, { name: 'Support', kind: 'department' })).id,
    Ops: (await createUnit(t, tenant, { name: 'Operations', kind: 'department' })).id,
    Field: (await createUnit(t, tenant, { name: 'Field service', kind: 'department' })).id,
    Legal: (await createUnit(t, tenant, { name: 'Legal', kind: 'department' })).id,
  };
  const people: Record<string, string[]> = {};
  for (const [unit, count] of Object.entries(HEADCOUNT)) {
    people[unit] = [];
    for (let i = 0; i < count; i++) {
      const employee = await createEmployee(t, tenant, { unitId: units[unit as keyof typeof units], startDate: `${month(30).slice(0, 4)}-01-15`, firstName: unit, lastName: `Person ${i + 1}` });
      people[unit]!.push(employee.id);
    }
  }
  const mia = people.SalesNorth![0]!;
  await patch(t, hr, `/api/v1/units/${units.Sales}`, { managerId: mia });
  const hrUser = await createUser(t, tenant, { role: 'hr_admin', displayName: 'Hana HR' });
  const manager = await createUser(t, tenant, { role: 'manager', displayName: 'Mia Manager', employeeId: mia });
  const idle = await createUser(t, tenant, { role: 'manager', displayName: 'Ivo Idle', employeeId: people.Legal![0]! });

  // Six months ago and before: the EX history, planted (answering through a link dates a response today).
  const history = await openSurveyRound(t, tenant, `${month(7)}-03T09:00:00Z`);
  const historyMonths = [month(6), month(5), month(4)];
  const csat: { unitId: string; metric: string; period: string; value: number; n: number }[] = [];
  let noise = 0;
  for (const [unit, plan] of Object.entries(HISTORY)) {
    for (const [i, [promoters, detractors]] of plan.entries()) {
      const answers = [...Array(promoters).fill(10), ...Array(5 - promoters - detractors).fill(8), ...Array(detractors).fill(3)].map((enps) => ({ enps }));
      await plantResponses(t, tenant, history, units[unit as keyof typeof units], `${historyMonths[i]}-10`, answers);
      const enps = (100 * (promoters - detractors)) / 5;
      csat.push({ unitId: units[unit as keyof typeof units], metric: 'csat', period: historyMonths[i]!, value: Math.round((3.2 + 0.012 * enps + NOISE[noise++]!) * 100) / 100, n: 40 });
    }
  }
  // Legal: two answers and a CSAT figure; below k, so no pair.
  await plantResponses(t, tenant, history, units.Legal, `${historyMonths[0]}-10`, [{ enps: 9 }, { enps: 2 }]);
  csat.push({ unitId: units.Legal, metric: 'csat', period: historyMonths[0]!, value: 4.1, n: 12 });
  const stored = await t.http.put('/api/v1/cx-metrics/bulk').set('Authorization', tenant.bearer('integration')).send({ items: csat });
  if (stored.status !== 200 || stored.body.summary.errors !== 0) throw new Error(`CSAT: ${stored.status} ${JSON.stringify(stored.body)}`);

  // "Team pulse": answered through the API, a round two months ago (closed) and one today.
  const bank = (await t.http.get('/api/v1/survey-questions?limit=200').set('Authorization', hr)).body.items as { id: string; type: string; driverKey: string | null }[];
  const question = (type: string, driverKey: string | null) => bank.find((q) => q.type === type && q.driverKey === driverKey)!.id;
  const questions = { enps: question('enps', null), engagement: question('likert5', 'engagement'), growth: question('likert5', 'growth'), manager: question('likert5', 'manager_relationship') };
  const survey = await t.http.post('/api/v1/surveys').set('Authorization', hr).send({ name: 'Team pulse', kind: 'adhoc', anonymityThreshold: 3, questionIds: Object.values(questions) });
  if (survey.status !== 201) throw new Error(`survey: ${survey.status} ${JSON.stringify(survey.body)}`);
  const unitOf = new Map(Object.entries(units).map(([name, id]) => [id, name]));
  for (const [roundIndex, openedBack] of [2, 0].entries()) {
    const round = await t.http.post(`/api/v1/surveys/${survey.body.id}/rounds`).set('Authorization', hr).send();
    if (round.status !== 201) throw new Error(`round: ${round.status} ${JSON.stringify(round.body)}`);
    const links = await t.http.get(`/api/v1/surveys/${survey.body.id}/rounds/${round.body.id}/invitations?limit=200`).set('Authorization', hr);
    const invited = (links.body.items as { token: string; unitId: string; employeeName: string }[]).sort((a, b) => a.employeeName.localeCompare(b.employeeName));
    for (const [i, link] of invited.entries()) {
      const profile = PROFILES[unitOf.get(link.unitId)!]!;
      // The first round a little lower than the second, so the trend moves.
      const shift = (i % 2) - (1 - roundIndex);
      const likert = (v: number) => Math.min(5, Math.max(1, v + (shift < 0 ? -1 : 0)));
      const answers = [
        { questionId: questions.enps, value: Math.min(10, Math.max(0, profile.enps + shift)) },
        { questionId: questions.engagement, value: likert(profile.engagement) },
        { questionId: questions.growth, value: likert(profile.growth) },
        { questionId: questions.manager, value: likert(profile.manager) },
      ];
      const sent = await t.http.post(`/api/v1/responses/${link.token}`).send({ submissionId: randomUUID(), answers });
      if (sent.status !== 201) throw new Error(`answer: ${sent.status} ${JSON.stringify(sent.body)}`);
    }
    if (openedBack > 0) {
      await t.http.post(`/api/v1/surveys/${survey.body.id}/rounds/${round.body.id}/close`).set('Authorization', hr).send().expect(200);
      await t.sql.query(`UPDATE survey_rounds SET opened_at = $3::date + time '09:00' WHERE tenant_id = $1 AND id = $2`, [tenant.id, round.body.id, `${month(openedBack)}-05`]);
    }
  }

  // Someone from Support left last month, for career growth; a pain point at a touchpoint today.
  const leaver = people.Support![4]!;
  const lastDay = `${month(1)}-20`;
  const separation = await t.http
    .post('/api/v1/separations')
    .set('Authorization', hr)
    .send({ employeeId: leaver, noticeDate: `${month(2)}-20`, lastWorkingDay: lastDay, type: 'voluntary', regrettable: true, primaryReason: 'career_growth', startOffboarding: false, exitInterview: false });
  if (separation.status !== 201) throw new Error(`separation: ${separation.status} ${JSON.stringify(separation.body)}`);
  const map = (await t.http.get('/api/v1/journey-map').set('Authorization', hr)).body as { stages: { stage: string; touchpoints: { id: string }[] }[] };
  const touchpointId = map.stages.find((s) => s.stage === 'onboard')!.touchpoints[0]!.id;
  const pain = await t.http.post('/api/v1/pain-points').set('Authorization', hr).send({ touchpointId, description: 'Laptops arrive after day one.', severity: 4 });
  if (pain.status !== 201) throw new Error(`pain point: ${pain.status} ${JSON.stringify(pain.body)}`);

  return {
    tenant,
    hrEmail: hrUser.email,
    managerEmail: manager.email,
    idleManagerEmail: idle.email,
    units,
    surveyId: survey.body.id,
    historyMonths,
    pairs: { hr: 15, manager: 6 },
    respondents: { Sales: 8, Support: 5, Operations: 4, 'Field service': 4, Legal: 2 },
  };
}

async function patch(t: TestApp, auth: string, path: string, body: object): Promise<void> {
  const response = await t.http.patch(path).set('Authorization', auth).send(body);
  if (response.status !== 200) throw new Error(`PATCH ${path}: ${response.status} ${JSON.stringify(response.body)}`);
}
