import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createEmployee } from './factories/employee.factory.js';
import { openSurveyRound, type PlantRound } from './factories/survey-response.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUnit } from './factories/unit.factory.js';
import { createUser, loginAs } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * Saved segments end to end: their CRUD and validation, and reports that apply them behind the
 * anonymity guard (k = 3), with figures computed by hand.
 *
 * Organisation: Tech → Platform (5 full-time referral hires, Lyon) and Apps (3 full-time, 1
 * part-time, Lyon); Sales (3 full-time, 3 part-time and 1 of unknown employment type, Paris).
 * Everyone is in `engage` and started in 2020; the referrer has left (`depart`, not surveyed).
 */
describe('saved segments', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  let hr: string;
  let tech: { id: string };
  let platform: { id: string };
  let apps: { id: string };
  let sales: { id: string };
  let round: PlantRound;

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t, { anonymityThreshold: 3 });
    hr = tenant.bearer('hr_admin');
    tech = await createUnit(t, tenant, { name: 'Tech' });
    platform = await createUnit(t, tenant, { name: 'Platform', parentId: tech.id });
    apps = await createUnit(t, tenant, { name: 'Apps', parentId: tech.id });
    sales = await createUnit(t, tenant, { name: 'Sales' });
    const referrer = await createEmployee(t, tenant, { stage: 'depart', startDate: '2015-01-01' });
    const person = { stage: 'engage' as const, startDate: '2020-01-01' };
    // [unit, location, employment type, referred, eNPS, growth]
    const people: [{ id: string }, string, 'full_time' | 'part_time' | null, boolean, number, number][] = [
      [platform, 'Lyon', 'full_time', true, 10, 5],
      [platform, 'Lyon', 'full_time', true, 9, 5],
      [platform, 'Lyon', 'full_time', true, 9, 4],
      [platform, 'Lyon', 'full_time', true, 8, 4],
      [platform, 'Lyon', 'full_time', true, 7, 3],
      [apps, 'Lyon', 'full_time', false, 6, 2],
      [apps, 'Lyon', 'full_time', false, 5, 3],
      [apps, 'Lyon', 'full_time', false, 10, 4],
      [apps, 'Lyon', 'part_time', false, 0, 1],
      [sales, 'Paris', 'full_time', false, 9, 4],
      [sales, 'Paris', 'full_time', false, 3, 2],
      [sales, 'Paris', 'full_time', false, 8, 3],
      [sales, 'Paris', 'part_time', false, 10, 5],
      [sales, 'Paris', 'part_time', false, 10, 5],
      [sales, 'Paris', 'part_time', false, 10, 5],
      [sales, 'Paris', null, false, 10, 5],
    ];
    const answers = new Map<string, [number, number]>();
    for (const [unit, location, employmentType, referred, nps, growth] of people) {
      const employee = await createEmployee(t, tenant, {
        ...person,
        unitId: unit.id,
        location,
        ...(employmentType ? { employmentType } : {}),
        ...(referred ? { referredById: referrer.id } : {}),
      });
      answers.set(employee.id, [nps, growth]);
    }
    round = await openSurveyRound(t, tenant);
    const links = await t.http.get(`/api/v1/surveys/${round.surveyId}/rounds/${round.roundId}/invitations?limit=200`).set('Authorization', hr);
    expect(links.body.items).toHaveLength(16);
    for (const { employeeId, token } of links.body.items as { employeeId: string; token: string }[]) {
      const [nps, growth] = answers.get(employeeId)!;
      const submitted = await t.http.post(`/api/v1/responses/${token}`).send({
        submissionId: randomUUID(),
        answers: [
          { questionId: round.questions.enps, value: nps },
          { questionId: round.questions.growth, value: growth },
        ],
      });
      expect(submitted.status).toBe(201);
    }
  });
  afterAll(() => t.close());

  const create = (body: object, authorization = hr) => t.http.post('/api/v1/segments').set('Authorization', authorization).send(body);
  const results = (query: string) => t.http.get(`/api/v1/surveys/${round.surveyId}/results?${query}`).set('Authorization', hr);

  describe('CRUD', () => {
    it('saves a segment with its filters normalised, reads it back and lists it', async () => {
      const created = await create({ name: '  Lyon full-timers ', filters: { locations: ['Lyon', 'Lyon'], employmentTypes: ['full_time'], unitIds: [tech.id] } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'Lyon full-timers',
        filters: { locations: ['Lyon'], employmentTypes: ['full_time'], unitIds: [tech.id] },
        archivedAt: null,
        createdByUserId: null,
        version: 1,
      });
      expect(created.body.createdByApiKeyId).toEqual(expect.any(String));
      const read = await t.http.get(`/api/v1/segments/${created.body.id}`).set('Authorization', hr);
      expect(read.body).toEqual(created.body);
      const list = await t.http.get('/api/v1/segments?q=lyon').set('Authorization', hr);
      expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([created.body.id]);
    });

    it('refuses a name another segment has, compared case-insensitively (409), and frees it once archived', async () => {
      const first = await create({ name: 'Contractors', filters: { employmentTypes: ['contractor'] } });
      const again = await create({ name: 'CONTRACTORS', filters: { employmentTypes: ['contractor', 'intern'] } });
      expect(again.status).toBe(409);
      expect(again.body.type).toBe('/problems/segments.name_taken');
      const archived = await t.http.patch(`/api/v1/segments/${first.body.id}`).set('Authorization', hr).send({ version: 1, archived: true });
      expect(archived.status).toBe(200);
      expect(archived.body.archivedAt).toEqual(expect.any(String));
      expect((await create({ name: 'contractors', filters: { employmentTypes: ['contractor'] } })).status).toBe(201);
      // Restoring the first would take the name again.
      const restore = await t.http.patch(`/api/v1/segments/${first.body.id}`).set('Authorization', hr).send({ version: 2, archived: false });
      expect(restore.status).toBe(409);
      expect(restore.body.type).toBe('/problems/segments.name_taken');
    });

    it('validates filters: known values only, at least one filter, no empty list, unknown units 422', async () => {
      const bad = await create({ name: 'Bad', filters: { stages: ['sleeping'], employmentTypes: [], referralHire: 'yes' } });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['filters.employmentTypes', 'filters.referralHire', 'filters.stages']);
      const none = await create({ name: 'Everyone', filters: {} });
      expect(none.status).toBe(400);
      expect(none.body.errors).toEqual([{ field: 'filters', message: expect.stringContaining('at least one') }]);
      const array = await create({ name: 'Array', filters: [{ referralHire: true }] });
      expect(array.status).toBe(400);
      const unknown = randomUUID();
      const units = await create({ name: 'Ghosts', filters: { unitIds: [tech.id, unknown] } });
      expect(units.status).toBe(422);
      expect(units.body).toMatchObject({ type: '/problems/segments.unknown_units', status: 422, unitIds: [unknown] });
    });

    it('refuses another tenant’s units (422) and answers 404 for another tenant’s segment', async () => {
      const other = await createTenant(t);
      const theirs = await createUnit(t, other);
      const units = await create({ name: 'Theirs', filters: { unitIds: [theirs.id] } });
      expect(units.status).toBe(422);
      const ours = await create({ name: 'Ours', filters: { referralHire: false } });
      const foreign = other.bearer('hr_admin');
      expect((await t.http.get(`/api/v1/segments/${ours.body.id}`).set('Authorization', foreign)).status).toBe(404);
      const patch = await t.http.patch(`/api/v1/segments/${ours.body.id}`).set('Authorization', foreign).send({ version: 1, name: 'Mine' });
      expect(patch.status).toBe(404);
      expect(patch.body.type).toBe('/problems/segments.not_found');
      expect((await t.http.delete(`/api/v1/segments/${ours.body.id}`).set('Authorization', foreign)).status).toBe(404);
      expect((await t.http.get('/api/v1/segments').set('Authorization', foreign)).body.items).toEqual([]);
      // Nor can another tenant apply it in a report.
      const report = await t.http.get(`/api/v1/reports/loyalty-ladder?period=2026-01&segmentId=${ours.body.id}`).set('Authorization', foreign);
      expect(report.status).toBe(422);
      expect(report.body.type).toBe('/problems/segments.unknown_segment');
      expect((await t.http.get(`/api/v1/segments/${ours.body.id}`).set('Authorization', hr)).body.name).toBe('Ours');
    });

    it('refuses a stale version (409) and applies the current one', async () => {
      const segment = await create({ name: 'Stale', filters: { tenurePhases: ['onboarding'] } });
      const first = await t.http.patch(`/api/v1/segments/${segment.body.id}`).set('Authorization', hr).send({ version: 1, filters: { tenurePhases: ['onboarding', 'initial_development'] } });
      expect(first.body).toMatchObject({ version: 2, filters: { tenurePhases: ['initial_development', 'onboarding'] } });
      const stale = await t.http.patch(`/api/v1/segments/${segment.body.id}`).set('Authorization', hr).send({ version: 1, name: 'Late' });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ type: '/problems/segments.stale_version', version: 2 });
      const missing = await t.http.patch(`/api/v1/segments/${segment.body.id}`).set('Authorization', hr).send({ name: 'No version' });
      expect(missing.status).toBe(400);
    });

    it('pages and sorts the list, leaves archived ones out unless asked, and deletes', async () => {
      const other = await createTenant(t);
      const h = other.bearer('hr_admin');
      for (const name of ['bravo', 'Alpha', 'charlie']) await t.http.post('/api/v1/segments').set('Authorization', h).send({ name, filters: { referralHire: true } }).expect(201);
      const first = await t.http.get('/api/v1/segments?limit=2').set('Authorization', h);
      expect(first.body.items.map((s: { name: string }) => s.name)).toEqual(['Alpha', 'bravo']);
      const second = await t.http.get(`/api/v1/segments?limit=2&cursor=${first.body.nextCursor}`).set('Authorization', h);
      expect(second.body).toMatchObject({ items: [{ name: 'charlie' }], nextCursor: null });
      const descending = await t.http.get('/api/v1/segments?sort=-name').set('Authorization', h);
      expect(descending.body.items.map((s: { name: string }) => s.name)).toEqual(['charlie', 'bravo', 'Alpha']);
      const newest = await t.http.get('/api/v1/segments?sort=-createdAt&limit=1').set('Authorization', h);
      expect(newest.body.items[0].name).toBe('charlie');
      const charlie = second.body.items[0];
      await t.http.patch(`/api/v1/segments/${charlie.id}`).set('Authorization', h).send({ version: charlie.version, archived: true }).expect(200);
      expect((await t.http.get('/api/v1/segments').set('Authorization', h)).body.items).toHaveLength(2);
      expect((await t.http.get('/api/v1/segments?includeArchived=true').set('Authorization', h)).body.items).toHaveLength(3);
      expect((await t.http.delete(`/api/v1/segments/${charlie.id}`).set('Authorization', h)).status).toBe(204);
      expect((await t.http.get(`/api/v1/segments/${charlie.id}`).set('Authorization', h)).status).toBe(404);
      expect((await t.http.delete(`/api/v1/segments/${charlie.id}`).set('Authorization', h)).status).toBe(404);
    });

    it('is HR’s: managers, employees and integrations get 403', async () => {
      for (const role of ['manager', 'employee', 'integration'] as const) {
        const response = await t.http.get('/api/v1/segments').set('Authorization', tenant.bearer(role));
        expect(response.status).toBe(403);
      }
    });
  });

  describe('in survey results', () => {
    it('answers a segment across units with figures computed by hand', async () => {
      const segment = await create({ name: 'Full-timers', filters: { employmentTypes: ['full_time'] } });
      const response = await results(`segmentId=${segment.body.id}`);
      expect(response.status).toBe(200);
      // Full-timers: 11 of 16 (the part-timers and the one of unknown employment type are out).
      // eNPS 10 9 9 8 7 | 6 5 10 | 9 3 8 → 5 promoters, 3 passives, 3 detractors: 100 × 2 / 11 = 18.2.
      // Growth 5 5 4 4 3 | 2 3 4 | 4 2 3 → 39 / 11 = 3.55; 4–5: 6 / 11 = 0.55.
      expect(response.body).toMatchObject({
        filters: { segmentId: segment.body.id },
        segment: { id: segment.body.id, name: 'Full-timers', filters: { employmentTypes: ['full_time'] } },
        respondents: 11,
        participation: null,
        enps: { score: 18.2, promoters: 5, passives: 3, detractors: 3, respondents: 11 },
      });
      expect(response.body.drivers.find((d: { key: string }) => d.key === 'growth')).toMatchObject({ mean: 3.55, favourable: 0.55, answered: 11 });
    });

    it('intersects a segment with the report’s own filters, and groups it in a heatmap behind the guard', async () => {
      const segment = await create({ name: 'Full-timers again', filters: { employmentTypes: ['full_time'], stages: ['engage'] } });
      // Full-timers in Sales: 9 3 8 → 1 promoter, 1 passive, 1 detractor.
      const narrowed = await results(`segmentId=${segment.body.id}&unitId=${sales.id}`);
      expect(narrowed.body).toMatchObject({ respondents: 3, enps: { score: 0, promoters: 1, passives: 1, detractors: 1, respondents: 3 } });
      // By unit: Tech's 8 full-timers are Tech's 9 people but one, so Tech is refused (differencing); Sales' 3 are shown.
      const heatmap = await results(`segmentId=${segment.body.id}&groupBy=unit`);
      expect(heatmap.body.heatmap.groups).toEqual([
        { key: tech.id, label: 'Tech', suppressed: true, reason: 'differencing' },
        expect.objectContaining({ key: sales.id, label: 'Sales', respondents: 3 }),
      ]);
      const trend = await t.http.get(`/api/v1/surveys/${round.surveyId}/trend?segmentId=${segment.body.id}`).set('Authorization', hr);
      expect(trend.body.points.map((p: { respondents: number }) => p.respondents)).toEqual([11]);
      const csv = await t.http.get(`/api/v1/surveys/${round.surveyId}/results/export?segmentId=${segment.body.id}`).set('Authorization', hr);
      expect(csv.text).toContain('all,,respondents,11');
    });

    it('suppresses a segment whose parent without one of its filters has 1 … k − 1 more respondents (differencing)', async () => {
      // Apps’ full-timers (3) against Apps (4): the difference is one person.
      const segment = await create({ name: 'Apps full-timers', filters: { unitIds: [apps.id], employmentTypes: ['full_time'] } });
      const response = await results(`segmentId=${segment.body.id}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        respondents: { suppressed: true, reason: 'differencing' },
        enps: { suppressed: true, reason: 'differencing' },
        engagement: { suppressed: true, reason: 'differencing' },
        priorities: [],
      });
      expect(response.body.drivers.every((d: { suppressed?: boolean; reason?: string }) => d.suppressed && d.reason === 'differencing')).toBe(true);
      // Apps itself is shown: the guard refuses the inner group, not its parent.
      expect((await results(`unitId=${apps.id}`)).body.respondents).toBe(4);
    });

    it('suppresses a segment below k, and never counts a respondent of unknown employment type', async () => {
      const segment = await create({ name: 'Apps part-timers', filters: { unitIds: [apps.id], employmentTypes: ['part_time'] } });
      expect((await results(`segmentId=${segment.body.id}`)).body.respondents).toEqual({ suppressed: true, reason: 'below_threshold' });
      // Sales' part-timers are 3; the person of unknown employment type is in no employment type.
      const anyType = await create({ name: 'Sales, any known type', filters: { unitIds: [sales.id], employmentTypes: ['full_time', 'part_time', 'contractor', 'intern', 'temporary'] } });
      expect((await results(`segmentId=${anyType.body.id}`)).body.respondents).toEqual({ suppressed: true, reason: 'differencing' });
    });

    it('applies a referral-hire segment from the snapshot taken at submission', async () => {
      const segment = await create({ name: 'Referral hires', filters: { referralHire: true } });
      // Platform's five: eNPS 10 9 9 8 7 → 3 promoters, 2 passives: 60.
      const response = await results(`segmentId=${segment.body.id}`);
      expect(response.body).toMatchObject({ respondents: 5, enps: { score: 60, promoters: 3, passives: 2, detractors: 0 } });
      const stored = await t.sql.query(
        `SELECT referral_hire, employment_type, count(*)::int AS n FROM survey_responses WHERE tenant_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
        [tenant.id],
      );
      expect(stored.rows).toEqual([
        { referral_hire: false, employment_type: 'full_time', n: 6 },
        { referral_hire: false, employment_type: 'part_time', n: 4 },
        { referral_hire: false, employment_type: null, n: 1 },
        { referral_hire: true, employment_type: 'full_time', n: 5 },
      ]);
    });

    it('answers 422 for a segment id that is not the organisation’s', async () => {
      const response = await results(`segmentId=${randomUUID()}`);
      expect(response.status).toBe(422);
      expect(response.body.type).toBe('/problems/segments.unknown_segment');
    });
  });

  describe('in the unit reports', () => {
    /** The month the round opened in, in the organisation's calendar. */
    const month = async () =>
      (
        await t.sql.query(`SELECT to_char(r.opened_at AT TIME ZONE t.timezone, 'YYYY-MM') AS m FROM survey_rounds r JOIN tenants t ON t.id = r.tenant_id WHERE r.id = $1`, [
          round.roundId,
        ])
      ).rows[0].m as string;

    it('builds the loyalty ladder from a segment’s respondents, unit by unit behind the guard', async () => {
      const segment = await create({ name: 'Ladder full-timers', filters: { employmentTypes: ['full_time'] } });
      const ladder = await t.http.get(`/api/v1/reports/loyalty-ladder?period=${await month()}&segmentId=${segment.body.id}`).set('Authorization', hr);
      expect(ladder.status).toBe(200);
      expect(ladder.body.segment).toMatchObject({ id: segment.body.id, name: 'Ladder full-timers' });
      const byName = new Map((ladder.body.units as { name: string }[]).map((u) => [u.name, u]));
      // Sales' full-timers: 9, 3, 8 → 1 promoter, 1 passive, 1 detractor. Tech's 8 are its 9 but one: refused, and its teams with it.
      expect(byName.get('Sales')).toMatchObject({
        suppressed: false,
        rungs: { respondents: 3, detractors: 1, passives: 1, promoters: 1, promoterShare: 33.3, enps: 0 },
        advocates: 0,
      });
      for (const name of ['Tech', 'Platform', 'Apps']) expect(byName.get(name)).toMatchObject({ suppressed: true, rungs: null });
    });

    it('places units against each other within a segment in the benchmark', async () => {
      const segment = await create({ name: 'Benchmark full-timers', filters: { employmentTypes: ['full_time'] } });
      const benchmark = await t.http.get(`/api/v1/reports/benchmark?period=${await month()}&segmentId=${segment.body.id}`).set('Authorization', hr);
      expect(benchmark.status).toBe(200);
      // Only Sales is shown: its full-timers' growth 4, 2, 3 → 3.
      expect(benchmark.body.distributions).toEqual([{ key: 'growth', level: 0, units: 1, p25: 3, median: 3, p75: 3 }]);
      expect(benchmark.body.units.find((u: { name: string }) => u.name === 'Sales')).toMatchObject({
        suppressed: false,
        drivers: [{ key: 'growth', mean: 3, percentile: 50, gapToBar: 0 }],
      });
      expect(benchmark.body.units.find((u: { name: string }) => u.name === 'Tech')).toMatchObject({ suppressed: true, drivers: [] });
    });

    it('refuses a segment where a report cannot apply one: EX → CX and the observation index (422)', async () => {
      const segment = await create({ name: 'Not for CX', filters: { referralHire: true } });
      const excx = await t.http.get(`/api/v1/reports/ex-cx?exMeasure=enps&cxMetric=csat&from=2026-01&to=2026-03&segmentId=${segment.body.id}`).set('Authorization', hr);
      expect(excx.status).toBe(422);
      expect(excx.body).toMatchObject({ type: '/problems/segments.not_applicable', filters: ['referralHire'] });
      const drivers = await t.http.get(`/api/v1/reports/ex-cx/drivers?cxMetric=csat&from=2026-01&to=2026-03&segmentId=${segment.body.id}`).set('Authorization', hr);
      expect(drivers.status).toBe(422);
      const observation = await t.http.get(`/api/v1/reports/observation?period=${await month()}&segmentId=${segment.body.id}`).set('Authorization', hr);
      expect(observation.status).toBe(422);
      expect(observation.body.type).toBe('/problems/segments.not_applicable');
    });
  });

  describe('in attrition figures', () => {
    let other: TenantFixture;
    let ops: { id: string };
    let manager: string;
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

    /**
     * Ops: its lead, 5 referral hires and 3 others (all started 2022, full-time). Three referral
     * hires and one other leave in 30 days.
     */
    beforeAll(async () => {
      other = await createTenant(t, { anonymityThreshold: 3 });
      const h = other.bearer('hr_admin');
      ops = await createUnit(t, other, { name: 'Ops' });
      const lead = await createEmployee(t, other, { unitId: ops.id, stage: 'perform', startDate: '2020-01-01', employmentType: 'full_time' });
      await t.http.patch(`/api/v1/units/${ops.id}`).set('Authorization', h).send({ managerId: lead.id }).expect(200);
      const user = await createUser(t, other, { role: 'manager', employeeId: lead.id });
      manager = await loginAs(t, user.email, undefined, other.slug);
      const referrer = await createEmployee(t, other, { stage: 'depart' });
      const leavers: string[] = [];
      for (let i = 0; i < 8; i++) {
        const referred = i < 5;
        const employee = await createEmployee(t, other, {
          unitId: ops.id,
          stage: 'perform',
          startDate: '2022-01-01',
          employmentType: 'full_time',
          ...(referred ? { referredById: referrer.id } : {}),
        });
        if (i < 3 || i === 5) leavers.push(employee.id);
      }
      for (const employeeId of leavers) {
        await t.http
          .post('/api/v1/separations')
          .set('Authorization', h)
          .send({ employeeId, noticeDate: day(0), lastWorkingDay: day(30), type: 'voluntary', primaryReason: 'career_growth', startOffboarding: false })
          .expect(201);
      }
    });

    const attrition = (authorization: string, segmentId?: string) =>
      t.http.get(`/api/v1/reports/attrition?from=${day(-1)}&to=${day(60)}${segmentId ? `&segmentId=${segmentId}` : ''}`).set('Authorization', authorization);

    it('counts the headcount and separations of a segment for HR', async () => {
      const segment = await t.http.post('/api/v1/segments').set('Authorization', other.bearer('hr_admin')).send({ name: 'Referral hires', filters: { referralHire: true } });
      const all = await attrition(other.bearer('hr_admin'));
      const referred = await attrition(other.bearer('hr_admin'), segment.body.id);
      expect(all.body.total).toMatchObject({ headcountStart: 9, separations: 4, voluntary: 4 });
      expect(referred.status).toBe(200);
      expect(referred.body.segment.id).toBe(segment.body.id);
      expect(referred.body.total).toMatchObject({ headcountStart: 5, separations: 3, voluntary: 3, detailSuppressed: false });
    });

    it('hides a manager’s detail of a segment readable by difference, though not below k', async () => {
      const segment = await t.http.post('/api/v1/segments').set('Authorization', other.bearer('hr_admin')).send({ name: 'Referred', filters: { referralHire: true, unitIds: [ops.id] } });
      // Ops lost 4; its referral hires 3: the one other leaver would be the difference.
      const whole = await attrition(manager);
      expect(whole.body.total).toMatchObject({ separations: 4, detailSuppressed: false, voluntary: 4 });
      const referred = await attrition(manager, segment.body.id);
      expect(referred.status).toBe(200);
      expect(referred.body.total).toMatchObject({ separations: 3, detailSuppressed: true, voluntary: null, reasons: null });
    });

    it('refuses a segment on stages (422): no stage is kept per day', async () => {
      const segment = await t.http.post('/api/v1/segments').set('Authorization', other.bearer('hr_admin')).send({ name: 'Performers', filters: { stages: ['perform'], referralHire: true } });
      const response = await attrition(other.bearer('hr_admin'), segment.body.id);
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ type: '/problems/segments.not_applicable', filters: ['stages'] });
    });
  });
});
