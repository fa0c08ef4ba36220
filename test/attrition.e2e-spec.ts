import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays } from '#src/modules/checklists/domain/start.js';
import { addMonths, localDate } from '#src/modules/employees/domain/tenure-phase.js';
import { createEmployee } from './factories/employee.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUnit } from './factories/unit.factory.js';
import { createUser, loginAs } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

describe('attrition analytics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const separate = (tenant: TenantFixture, employeeId: string, body: Record<string, unknown>) =>
    t.http
      .post('/api/v1/separations')
      .set('Authorization', tenant.bearer('hr_admin'))
      .send({ employeeId, type: 'voluntary', primaryReason: 'other', ...body })
      .then((response) => {
        expect(response.status).toBe(201);
        return response.body as { id: string; exitInterview: { id: string } };
      });

  describe('the attrition report', () => {
    let tenant: TenantFixture;
    let hr: string;
    let support: { id: string };
    let sales: { id: string };
    let supportManagerAuth: string;
    const period = 'from=2025-01-01&to=2025-06-30'; // 181 days

    // Support: six people on 1 January, S7 joins on 1 March; S4, S5 and S6 leave (S6 on the last day).
    // Sales: four people on 1 January; A3 leaves on 31 January.
    beforeAll(async () => {
      tenant = await createTenant(t, { anonymityThreshold: 3 });
      hr = tenant.bearer('hr_admin');
      const lead = await createEmployee(t, tenant, { stage: 'engage' });
      support = await createUnit(t, tenant, { name: 'Support', managerId: lead.id });
      sales = await createUnit(t, tenant, { name: 'Sales' });
      const user = await createUser(t, tenant, { role: 'manager' });
      await t.http.patch(`/api/v1/users/${user.id}`).set('Authorization', hr).send({ employeeId: lead.id }).expect(200);
      supportManagerAuth = await loginAs(t, user.email);

      const inSupport = (startDate: string) => createEmployee(t, tenant, { unitId: support.id, managerId: lead.id, startDate });
      const inSales = (startDate: string) => createEmployee(t, tenant, { unitId: sales.id, startDate });
      for (const start of ['2020-01-01', '2021-01-01', '2022-01-01']) await inSupport(start);
      const s4 = await inSupport('2024-12-01');
      const s5 = await inSupport('2023-05-01');
      const s6 = await inSupport('2019-01-01');
      await inSupport('2025-03-01');
      for (const start of ['2020-01-01', '2020-06-01', '2018-01-01']) await inSales(start);
      const a3 = await inSales('2024-09-01');

      const s4Separation = await separate(tenant, s4.id, { noticeDate: '2025-02-01', lastWorkingDay: '2025-02-15', regrettable: true, primaryReason: 'compensation' });
      await separate(tenant, s5.id, {
        noticeDate: '2025-04-01',
        lastWorkingDay: '2025-04-30',
        regrettable: false,
        primaryReason: 'career_growth',
        secondaryReasons: ['compensation'],
        alumniOptIn: true,
        alumniEmail: 's5@example.org',
      });
      await separate(tenant, s6.id, { noticeDate: '2025-01-15', lastWorkingDay: '2025-06-30', type: 'retirement' });
      await separate(tenant, a3.id, { noticeDate: '2025-01-10', lastWorkingDay: '2025-01-31', type: 'involuntary', primaryReason: 'role_fit' });
      // One exit interview answered (entered by HR).
      const questions = (await t.http.get(`/api/v1/exit-interviews/${s4Separation.exitInterview.id}`).set('Authorization', hr)).body;
      expect(questions.status).toBe('invited');
      const form = (await t.http.get('/api/v1/exit-questionnaire').set('Authorization', hr)).body.questions as { id: string; type: string }[];
      await t.http
        .post(`/api/v1/exit-interviews/${s4Separation.exitInterview.id}/answers`)
        .set('Authorization', hr)
        .send({ answers: [{ questionId: form.find((q) => q.type === 'enps')!.id, value: 4 }] })
        .expect(201);
    });

    it('equals the hand-computed figures', async () => {
      const response = await t.http.get(`/api/v1/reports/attrition?${period}`).set('Authorization', hr);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ from: '2025-01-01', to: '2025-06-30', days: 181, unitId: null, groupBy: null, groups: [], boomerangs: 0, unrecordedDepartures: 0 });
      expect(response.body.total).toEqual({
        headcountStart: 10, // S1–S6, A1–A4 (the manager has no start date: not counted)
        headcountEnd: 8, // S1, S2, S3, S6 (still here on her last day), S7, A1, A2, A4
        averageHeadcount: 9,
        separations: 4,
        attritionRate: 0.4444, // 4 / 9
        annualisedRate: 0.8963, // 4 / 9 × 365 / 181 = 0.89625…
        voluntary: 2,
        voluntaryRate: 0.2222,
        regrettable: 1,
        regrettableRate: 0.1111,
        // S4 left 76 days in; A3 after 5 months; S5 and S6 after years.
        earlyAttrition: { within90Days: 1, within12Months: 2, shareWithin90Days: 0.25, shareWithin12Months: 0.5 },
        reasons: { primary: { career_growth: 1, compensation: 1, other: 1, role_fit: 1 }, secondary: { compensation: 1 } },
        tenurePhaseAtExit: { onboarding: 1, initial_development: 1, ongoing_development: 2, unknown: 0 },
        alumniOptIns: 1,
        alumniOptInRate: 0.25,
        detailSuppressed: false,
      });
      expect(response.body.exitInterviews).toEqual({ invited: 4, completed: 1, completionRate: 0.25 });
    });

    it('breaks the figures down by unit, tenure phase and reason', async () => {
      const byUnit = (await t.http.get(`/api/v1/reports/attrition?${period}&groupBy=unit`).set('Authorization', hr)).body.groups;
      expect(byUnit.map((g: Record<string, unknown>) => [g.name, g.headcountStart, g.headcountEnd, g.separations, g.attritionRate])).toEqual([
        ['Support', 6, 5, 3, 0.5455], // 3 / 5.5
        ['Sales', 4, 3, 1, 0.2857], // 1 / 3.5
      ]);
      const byPhase = (await t.http.get(`/api/v1/reports/attrition?${period}&groupBy=tenure_phase`).set('Authorization', hr)).body.groups;
      expect(Object.fromEntries(byPhase.map((g: Record<string, unknown>) => [g.key, [g.headcountStart, g.headcountEnd, g.separations]]))).toEqual({
        ongoing_development: [8, 7, 2],
        onboarding: [1, 0, 1], // S4 on 1 January; nobody under 3 months on 30 June
        initial_development: [1, 1, 1], // A3 then; S7 (4 months in) at the end
      });
      const byReason = (await t.http.get(`/api/v1/reports/attrition?${period}&groupBy=reason`).set('Authorization', hr)).body.groups;
      const compensation = byReason.find((g: { key: string }) => g.key === 'compensation');
      // A reason's rate is over the whole population: the reasons' rates add up to the overall rate.
      expect(compensation).toMatchObject({ name: 'Compensation', headcountStart: 10, headcountEnd: 8, separations: 1, attritionRate: 0.1111 });
      const byManager = (await t.http.get(`/api/v1/reports/attrition?${period}&groupBy=manager`).set('Authorization', hr)).body.groups;
      expect(byManager.find((g: { separations: number }) => g.separations === 3)).toMatchObject({ headcountStart: 6, headcountEnd: 5 });
    });

    it('scopes a manager to their reporting line and hides the breakdown of fewer than k separations', async () => {
      const own = await t.http.get(`/api/v1/reports/attrition?${period}`).set('Authorization', supportManagerAuth);
      expect(own.status).toBe(200);
      expect(own.body.unitId).toBe(support.id);
      expect(own.body.total).toMatchObject({ headcountStart: 6, headcountEnd: 5, separations: 3, detailSuppressed: false });
      // Three people left Support: two voluntary (at k = 3, that split would name them) and one retirement.
      const byType = await t.http.get(`/api/v1/reports/attrition?${period}&groupBy=type`).set('Authorization', supportManagerAuth);
      expect(byType.body.groups).toEqual([]);
      expect((await t.http.get(`/api/v1/reports/attrition?${period}&groupBy=type`).set('Authorization', hr)).body.groups).toHaveLength(3);
      const quarter = await t.http.get('/api/v1/reports/attrition?from=2025-01-01&to=2025-03-31').set('Authorization', supportManagerAuth);
      expect(quarter.body.total).toMatchObject({ separations: 1, reasons: null, voluntary: null, regrettable: null, detailSuppressed: true });
      const foreign = await t.http.get(`/api/v1/reports/attrition?${period}&unitId=${sales.id}`).set('Authorization', supportManagerAuth);
      expect(foreign.status).toBe(403);
    });

    it('refuses bad periods and parameters with 400', async () => {
      for (const query of ['from=2025-07-01&to=2025-06-30', 'from=2015-01-01&to=2025-06-30', 'from=2025-01-01', 'from=2025-02-30&to=2025-03-01', `${period}&groupBy=location`]) {
        const response = await t.http.get(`/api/v1/reports/attrition?${query}`).set('Authorization', hr);
        expect([query, response.status]).toEqual([query, 400]);
      }
    });

    it('counts a rehire as a boomerang and a departure nobody recorded', async () => {
      const today = localDate(new Date(), 'UTC');
      const now = `from=${addDays(today, -1)}&to=${today}`;
      const back = await createEmployee(t, tenant, { stage: 'engage', unitId: sales.id, startDate: '2015-01-01' });
      await separate(tenant, back.id, { noticeDate: addDays(today, -30), lastWorkingDay: addDays(today, -1) });
      await t.http.post(`/api/v1/employees/${back.id}/transitions`).set('Authorization', hr).send({ to: 'attract' }).expect(201);
      const gone = await createEmployee(t, tenant, { stage: 'engage', unitId: sales.id, startDate: '2015-01-01' });
      await t.http.post(`/api/v1/employees/${gone.id}/transitions`).set('Authorization', hr).send({ to: 'depart' }).expect(201);
      const report = (await t.http.get(`/api/v1/reports/attrition?${now}`).set('Authorization', hr)).body;
      expect(report).toMatchObject({ boomerangs: 1, unrecordedDepartures: 1 });
      expect((await t.http.get(`/api/v1/reports/attrition?${now}&unitId=${support.id}`).set('Authorization', hr)).body).toMatchObject({ boomerangs: 0, unrecordedDepartures: 0 });
    });

    it('shows another organisation nothing of this one', async () => {
      const other = await createTenant(t);
      const report = (await t.http.get(`/api/v1/reports/attrition?${period}&groupBy=unit`).set('Authorization', other.bearer('hr_admin'))).body;
      expect(report.total).toMatchObject({ headcountStart: 0, separations: 0, attritionRate: null });
      expect(report.groups).toEqual([]);
      expect((await t.http.get(`/api/v1/reports/attrition?${period}&unitId=${support.id}`).set('Authorization', other.bearer('hr_admin'))).status).toBe(400);
    });
  });

  describe('before the exit, and retention risk', () => {
    let tenant: TenantFixture;
    let hr: string;
    const units: Record<string, { id: string }> = {};
    const today = localDate(new Date(), 'UTC');
    let questions: { enps: string; engagement: string[] };
    let surveyId: string;

    /** Opens a round, lets each given person answer (eNPS, engagement), closes it and dates it `monthsAgo` back. */
    async function round(answers: Map<string, [number, number]>, monthsAgo: number): Promise<void> {
      const opened = await t.http.post(`/api/v1/surveys/${surveyId}/rounds`).set('Authorization', hr).send();
      expect(opened.status).toBe(201);
      const links = await t.http.get(`/api/v1/surveys/${surveyId}/rounds/${opened.body.id}/invitations?limit=200`).set('Authorization', hr);
      for (const invitation of links.body.items as { employeeId: string; token: string }[]) {
        const answer = answers.get(invitation.employeeId);
        if (!answer) continue;
        const body = {
          submissionId: crypto.randomUUID(),
          answers: [{ questionId: questions.enps, value: answer[0] }, ...questions.engagement.map((questionId) => ({ questionId, value: answer[1] }))],
        };
        await t.http.post(`/api/v1/responses/${invitation.token}`).send(body).expect(201);
      }
      await t.http.post(`/api/v1/surveys/${surveyId}/rounds/${opened.body.id}/close`).set('Authorization', hr).send().expect(200);
      await t.sql.query(`UPDATE survey_rounds SET opened_at = opened_at - make_interval(months => $2) WHERE id = $1`, [opened.body.id, monthsAgo]);
    }

    beforeAll(async () => {
      tenant = await createTenant(t, { anonymityThreshold: 3 });
      hr = tenant.bearer('hr_admin');
      for (const name of ['Support', 'Sales', 'Ops', 'Legal']) units[name] = await createUnit(t, tenant, { name });
      const people = async (unit: string, n: number, startDate = '2020-01-01') => {
        const ids: string[] = [];
        for (let i = 0; i < n; i++) ids.push((await createEmployee(t, tenant, { unitId: units[unit]!.id, startDate })).id);
        return ids;
      };
      const support = [...(await people('Support', 5)), ...(await people('Support', 2, addMonths(today, -5)))];
      const sales = await people('Sales', 5);
      const ops = await people('Ops', 2);
      const legal = await people('Legal', 2);
      const bank = (await t.http.get('/api/v1/survey-questions?limit=200').set('Authorization', hr)).body.items as { id: string; type: string; driverKey: string | null }[];
      questions = { enps: bank.find((q) => q.type === 'enps')!.id, engagement: bank.filter((q) => q.driverKey === 'engagement').map((q) => q.id) };
      surveyId = (await t.http.post('/api/v1/surveys').set('Authorization', hr).send({ name: 'Pulse', kind: 'adhoc', questionIds: [questions.enps, ...questions.engagement] }))
        .body.id;

      // Four months ago: everyone answers; Support is happy (engagement 5, eNPS 9), Sales content (4, 8).
      const before = new Map<string, [number, number]>();
      for (const id of support) before.set(id, [9, 5]);
      for (const id of sales) before.set(id, [8, 4]);
      for (const id of [...ops, ...legal]) before.set(id, [7, 3]);
      await round(before, 4);
      // Then a regrettable Support veteran leaves, ten days ago.
      await separate(tenant, support[0]!, { noticeDate: addDays(today, -40), lastWorkingDay: addDays(today, -10), regrettable: true });
      // This month: half of Support's six answer, less engaged, two of three detractors; Sales as before.
      const now = new Map<string, [number, number]>([
        [support[1]!, [3, 3]],
        [support[2]!, [5, 3]],
        [support[3]!, [10, 3]],
      ]);
      for (const id of sales) now.set(id, [8, 4]);
      for (const id of [...ops, ...legal]) now.set(id, [7, 3]);
      await round(now, 0);
    });

    it('scores each unit from its signals, with each signal’s points, and no score below k', async () => {
      const response = await t.http.get('/api/v1/reports/retention-risk').set('Authorization', hr);
      expect(response.status).toBe(200);
      const byName = Object.fromEntries(response.body.units.map((u: { name: string }) => [u.name, u]));
      // Support: detractors 2/3, participation 7/7 → 3/6 (drop 0.5), engagement 5 → 3 (drop 2/4 = 0.5),
      // two of six people 3–12 months in, one regrettable exit over six people.
      // 100 × (0.3 × 2/3 + 0.15 × 0.5 + 0.25 × 0.5 + 0.1 × 1/3 + 0.2 × 1/6) = 46.67
      expect(byName.Support).toMatchObject({ headcount: 6, suppressed: false, score: 46.67 });
      expect(byName.Support.signals).toEqual({
        detractorShare: { value: 0.6667, weight: 0.3, points: 20 },
        engagementDrop: { value: 0.5, weight: 0.25, points: 12.5 },
        regrettableExits: { value: 0.1667, weight: 0.2, points: 3.33 },
        participationDrop: { value: 0.5, weight: 0.15, points: 7.5 },
        earlyTenureShare: { value: 0.3333, weight: 0.1, points: 3.33 },
      });
      expect(byName.Sales).toMatchObject({ headcount: 5, suppressed: false, score: 0 });
      // Two respondents each: no score, and no signal that could tell them apart.
      expect(byName.Ops).toMatchObject({ headcount: 2, suppressed: true, score: null, signals: null });
      expect(byName.Legal).toMatchObject({ suppressed: true, score: null });
      expect(response.body.units[0].name).toBe('Support');
    });

    it('shows what the units people left were saying months before, beside units that lost nobody', async () => {
      const response = await t.http
        .get(`/api/v1/reports/attrition/before-exit?from=${addDays(today, -30)}&to=${today}&monthsBefore=3`)
        .set('Authorization', hr);
      expect(response.status).toBe(200);
      expect(response.body.referenceDate).toBe(addDays(today, -10));
      const [support] = response.body.leaverUnits;
      expect(support).toMatchObject({ name: 'Support', leavers: 1 });
      // The window of 3 months before ends 3 months before the exit and spans 3 months: the round of four months ago.
      expect(support.windows[0]).toMatchObject({ monthsBefore: 3, rounds: 1, responses: 7, suppressed: false });
      expect(support.windows[0].drivers).toEqual([{ key: 'engagement', mean: 5, answered: 21 }]);
      // Units without leavers: Sales (shown) — Ops and Legal are under k and left out.
      expect(response.body.unitsWithoutLeavers).toEqual([{ monthsBefore: 3, units: 1, drivers: [{ key: 'engagement', mean: 4, answered: 15 }] }]);
      const bad = await t.http.get(`/api/v1/reports/attrition/before-exit?from=${today}&to=${today}&monthsBefore=0,3`).set('Authorization', hr);
      expect(bad.status).toBe(400);
    });
  });
});
