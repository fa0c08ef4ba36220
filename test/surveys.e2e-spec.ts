import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ResponsesService } from '#src/modules/surveys/responses.service.js';
import { ResultsService } from '#src/modules/surveys/results.service.js';
import { SurveyRoundsJob } from '#src/modules/surveys/survey-rounds.job.js';
import { TenantSetup } from '#src/modules/tenancy/tenant-setup.js';
import { createEmployee } from './factories/employee.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUnit } from './factories/unit.factory.js';
import { createUser, loginAs } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * Surveys end to end: a round from opening to results, exactly-once answering, and the anonymity
 * guard seen from the API. k = 3 here to keep the organisations small.
 *
 * Organisation: Company → Tech (Platform 4, Apps 4) and Sales (2 + 1 more later). Everyone's
 * location is Lyon except the Sales people (Paris).
 */
describe('surveys', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  let hr: string;
  let tech: { id: string };
  let platform: { id: string };
  let apps: { id: string };
  let sales: { id: string };
  let platformLead: { id: string };
  let questionIds: { enps: string; growth: string[]; text: string };

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t, { anonymityThreshold: 3 });
    hr = tenant.bearer('hr_admin');
    tech = await createUnit(t, tenant, { name: 'Tech' });
    platform = await createUnit(t, tenant, { name: 'Platform', parentId: tech.id });
    apps = await createUnit(t, tenant, { name: 'Apps', parentId: tech.id });
    sales = await createUnit(t, tenant, { name: 'Sales' });
    for (let i = 0; i < 4; i++) {
      const employee = await createEmployee(t, tenant, { unitId: platform.id, location: 'Lyon', startDate: '2020-01-01' });
      if (i === 0) platformLead = employee;
    }
    for (let i = 0; i < 4; i++) await createEmployee(t, tenant, { unitId: apps.id, location: 'Lyon', startDate: '2020-01-01' });
    for (let i = 0; i < 2; i++) await createEmployee(t, tenant, { unitId: sales.id, location: 'Paris', startDate: '2020-01-01' });
    await createEmployee(t, tenant, { stage: 'attract' }); // a candidate: never surveyed by default

    const bank = await t.http.get('/api/v1/survey-questions?limit=200').set('Authorization', hr);
    const all = bank.body.items as { id: string; type: string; driverKey: string | null }[];
    questionIds = {
      enps: all.find((q) => q.type === 'enps')!.id,
      growth: all.filter((q) => q.driverKey === 'growth').map((q) => q.id),
      text: all.find((q) => q.type === 'text')!.id,
    };
  });
  afterAll(() => t.close());

  const rows = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => (await t.sql.query(sql, params)).rows as T[];

  async function newSurvey(body: Record<string, unknown> = {}): Promise<string> {
    const response = await t.http
      .post('/api/v1/surveys')
      .set('Authorization', hr)
      .send({ name: 'Pulse', kind: 'adhoc', questionIds: [questionIds.enps, ...questionIds.growth, questionIds.text], ...body });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  async function openRound(surveyId: string): Promise<{ id: string; invited: number }> {
    const response = await t.http.post(`/api/v1/surveys/${surveyId}/rounds`).set('Authorization', hr).send();
    expect(response.status).toBe(201);
    return response.body;
  }

  /** Every link of a round, keyed by employee. */
  async function links(surveyId: string, roundId: string): Promise<Map<string, string>> {
    const response = await t.http.get(`/api/v1/surveys/${surveyId}/rounds/${roundId}/invitations?limit=200`).set('Authorization', hr);
    expect(response.status).toBe(200);
    return new Map((response.body.items as { employeeId: string; token: string }[]).map((i) => [i.employeeId, i.token]));
  }

  const answers = (nps: number, growth: number) => [
    { questionId: questionIds.enps, value: nps },
    ...questionIds.growth.map((questionId) => ({ questionId, value: growth })),
  ];

  it('gives every organisation the default drivers and question bank', async () => {
    const drivers = await t.http.get('/api/v1/survey-drivers').set('Authorization', hr);
    expect(drivers.body.map((d: { key: string }) => d.key)).toEqual(
      expect.arrayContaining(['manager_relationship', 'role_clarity', 'team_contribution', 'workspace', 'wellbeing', 'recognition', 'growth', 'tools_processes', 'belonging', 'customer_focus', 'engagement']),
    );
    const bank = await t.http.get('/api/v1/survey-questions?limit=200').set('Authorization', hr);
    expect(bank.body.items).toHaveLength(11 * 3 + 3);
  });

  it('gives organisations made before surveys existed their defaults at the next start, once', async () => {
    const old = await createTenant(t);
    // As an organisation from before this version: no defaults, no record of the steps.
    const tables = ['tenant_setup_steps', 'survey_watch_terms', 'exit_questionnaire_questions', 'survey_questions', 'survey_drivers', 'separation_reasons', 'cx_metrics'];
    for (const table of [...tables, 'checklist_template_versions', 'checklist_templates', 'journey_touchpoints']) {
      await t.sql.query(`DELETE FROM ${table} WHERE tenant_id = $1`, [old.id]);
    }
    const setup = t.app.get(TenantSetup);
    // Question bank, watch lists, checklist templates, journey map, separation reasons, exit questionnaire, CX metrics: this tenant only.
    expect(await setup.backfill()).toBe(7);
    expect(await setup.backfill()).toBe(0);
    const bank = await t.http.get('/api/v1/survey-questions?limit=200').set('Authorization', old.bearer('hr_admin'));
    expect(bank.body.items).toHaveLength(11 * 3 + 3);
    const steps = await rows<{ step: string }>(`SELECT step FROM tenant_setup_steps WHERE tenant_id = $1 ORDER BY step`, [tenant.id]);
    expect(steps.map((r) => r.step)).toEqual([
      'checklist-templates',
      'cx-metrics',
      'exit-questionnaire',
      'journey-map',
      'separation-reasons',
      'survey-question-bank',
      'survey-watch-terms',
    ]);
    const exitQuestions = await t.http.get('/api/v1/exit-questionnaire').set('Authorization', old.bearer('hr_admin'));
    expect(exitQuestions.body.questions).toHaveLength(7);
  });

  it('runs a round from opening to results, with eNPS and driver means equal to hand-computed values', async () => {
    const surveyId = await newSurvey();
    const round = await openRound(surveyId);
    expect(round.invited).toBe(10); // the candidate is not invited
    const tokens = [...(await links(surveyId, round.id)).values()];

    // Eight answer: eNPS 10, 9, 9, 8, 7, 6, 3, 0 → 3 promoters, 2 passives, 3 detractors → 0.
    // Growth (three questions, same answer each): 5, 5, 4, 4, 3, 2, 2, 1 → mean 26 / 8 = 3.25, favourable 4/8.
    const given = [[10, 5], [9, 5], [9, 4], [8, 4], [7, 3], [6, 2], [3, 2], [0, 1]];
    for (const [i, [nps, growth]] of given.entries()) {
      const response = await t.http.post(`/api/v1/responses/${tokens[i]}`).send({ submissionId: randomUUID(), answers: answers(nps!, growth!) });
      expect(response.status).toBe(201);
    }
    const results = await t.http.get(`/api/v1/surveys/${surveyId}/results`).set('Authorization', hr);
    expect(results.status).toBe(200);
    expect(results.body.respondents).toBe(8);
    expect(results.body.participation).toEqual({ invited: 10, responded: 8, rate: 0.8 });
    expect(results.body.enps).toEqual({ score: 0, promoters: 3, passives: 2, detractors: 3, respondents: 8 });
    expect(results.body.drivers).toEqual([{ key: 'growth', name: 'Growth', mean: 3.25, favourable: 0.5, answered: 24, change: null }]);
  });

  it('stores a response with no employee, no invitation and no time of day', async () => {
    const columns = await rows<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_name IN ('survey_responses', 'survey_answers')`,
    );
    const names = columns.map((c) => c.column_name);
    expect(names).not.toEqual(expect.arrayContaining(['employee_id']));
    expect(names.filter((n) => /invitation|employee|token|ip|agent|created_at/.test(n))).toEqual([]);
    expect(columns.find((c) => c.column_name === 'submitted_on')?.data_type).toBe('date');
    const invitation = await rows<{ data_type: string }>(
      `SELECT data_type FROM information_schema.columns WHERE table_name = 'survey_invitations' AND column_name = 'responded_on'`,
    );
    expect(invitation[0]?.data_type).toBe('date');
  });

  it('answers a retry as the first time, and stores one response for concurrent submissions', async () => {
    const surveyId = await newSurvey();
    const round = await openRound(surveyId);
    const [first, second] = [...(await links(surveyId, round.id)).values()];
    const body = { submissionId: randomUUID(), answers: answers(9, 4) };

    const once = await t.http.post(`/api/v1/responses/${first}`).send(body);
    const again = await t.http.post(`/api/v1/responses/${first}`).send(body);
    expect(once.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(once.body);
    expect(once.body.replyKey).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const other = await t.http.post(`/api/v1/responses/${first}`).send({ submissionId: randomUUID(), answers: answers(0, 1) });
    expect(other.status).toBe(409);
    expect(other.body.type).toBe('/problems/surveys.link_used');
    expect((await t.http.get(`/api/v1/responses/${first}`)).status).toBe(409);

    const racing = await Promise.all(
      [0, 1, 2, 3].map((i) => t.http.post(`/api/v1/responses/${second}`).send({ submissionId: randomUUID(), answers: answers(i, 3) })),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    const stored = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM survey_responses WHERE round_id = $1`, [round.id]);
    expect(stored[0]!.n).toBe(2);
    const counted = await rows<{ n: number }>(`SELECT sum(respondents)::int AS n FROM survey_segment_counts WHERE round_id = $1`, [round.id]);
    expect(counted[0]!.n).toBe(2);
  });

  it('finishes a submission whose second transaction failed: on retry, or by the sweeper', async () => {
    const surveyId = await newSurvey();
    const round = await openRound(surveyId);
    const [first, second] = [...(await links(surveyId, round.id)).values()];
    const responses = t.app.get(ResponsesService);
    // The process "dies" between the claim and the apply, twice.
    const apply = jest.spyOn(responses as unknown as { apply: () => Promise<void> }, 'apply').mockRejectedValueOnce(new Error('crash')).mockRejectedValueOnce(new Error('crash'));
    const body = { submissionId: randomUUID(), answers: answers(10, 5) };
    expect((await t.http.post(`/api/v1/responses/${first}`).send(body)).status).toBe(500);
    expect((await t.http.post(`/api/v1/responses/${second}`).send({ submissionId: randomUUID(), answers: answers(0, 1) })).status).toBe(500);
    apply.mockRestore();
    const stored = async () => (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM survey_responses WHERE round_id = $1`, [round.id]))[0]!.n;
    expect(await stored()).toBe(0);

    const retried = await t.http.post(`/api/v1/responses/${first}`).send(body);
    expect(retried.status).toBe(201);
    expect(await stored()).toBe(1);
    // Nobody retries the second: the sweeper applies it within the hour (receipts keep no exact time).
    const job = t.app.get(SurveyRoundsJob);
    expect((await job.tick(new Date())).recovered).toBe(0);
    expect((await job.tick(new Date(Date.now() + 61 * 60_000))).recovered).toBe(1);
    expect(await stored()).toBe(2);
    const counted = await rows<{ n: number }>(`SELECT sum(respondents)::int AS n FROM survey_segment_counts WHERE round_id = $1`, [round.id]);
    expect(counted[0]!.n).toBe(2);
  });

  it('refuses answers that do not fit the questions, storing nothing', async () => {
    const surveyId = await newSurvey();
    const round = await openRound(surveyId);
    const [token] = [...(await links(surveyId, round.id)).values()];
    const cases = [
      [{ questionId: questionIds.enps, value: 11 }],
      [{ questionId: questionIds.growth[0], value: 0 }],
      [{ questionId: questionIds.text, value: 3 }],
      [{ questionId: randomUUID(), value: 3 }],
      [{ questionId: questionIds.enps, value: 5 }, { questionId: questionIds.enps, value: 6 }],
    ];
    for (const bad of cases) {
      const response = await t.http.post(`/api/v1/responses/${token}`).send({ submissionId: randomUUID(), answers: bad });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect((await t.http.get(`/api/v1/responses/${token}`)).status).toBe(200); // still unused
  });

  it('suppresses small groups and differences between nested groups', async () => {
    const surveyId = await newSurvey();
    const round = await openRound(surveyId);
    const tokens = await links(surveyId, round.id);
    for (const token of tokens.values()) {
      await t.http.post(`/api/v1/responses/${token}`).send({ submissionId: randomUUID(), answers: answers(8, 4) }).expect(201);
    }
    const read = (query: string) => t.http.get(`/api/v1/surveys/${surveyId}/results?${query}`).set('Authorization', hr);

    // Sales has 2 respondents: below k = 3.
    const small = await read(`unitId=${sales.id}`);
    expect(small.body.respondents).toEqual({ suppressed: true, reason: 'below_threshold' });
    expect(small.body.enps).toEqual({ suppressed: true, reason: 'below_threshold' });
    expect(small.body.participation).toEqual({ suppressed: true, reason: 'below_threshold' });
    // Tech has 8 of 10: company minus Tech would be the 2 Sales people.
    const tech8 = await read(`unitId=${tech.id}`);
    expect(tech8.body.respondents).toEqual({ suppressed: true, reason: 'differencing' });
    // Lyon is Tech by another name (all 8), and "Lyon in Platform" is Platform: differences of 0 are fine.
    expect((await read(`unitId=${platform.id}`)).body.respondents).toBe(4);
    expect((await read(`unitId=${platform.id}&location=Lyon`)).body.respondents).toBe(4);

    // A round closed hours ago has settled: readings then add up per-unit tallies kept in memory
    // instead of the segments' rollups. Both ways give the same answers.
    const readings = ['groupBy=unit', `unitId=${tech.id}&groupBy=unit`, `unitId=${platform.id}`, 'groupBy=location', 'location=Lyon'];
    const live = await Promise.all(readings.map(async (q) => (await read(q)).body));
    await t.sql.query(`UPDATE survey_rounds SET closed_at = now() - interval '3 hours' WHERE id = $1`, [round.id]);
    const fromUnits = jest.spyOn(t.app.get(ResultsService) as unknown as { talliesFromUnits: () => Promise<unknown> }, 'talliesFromUnits');
    const settled = await Promise.all(readings.map(async (q) => (await read(q)).body));
    // Tech and Lyon are suppressed (no scores read); the three others read per-unit tallies, as every
    // unit here sits in one location.
    expect(fromUnits).toHaveBeenCalledTimes(3);
    fromUnits.mockRestore();
    expect(settled).toEqual(live);
    expect(settled[0].drivers[0]).toMatchObject({ key: 'growth', mean: 4, answered: 30 });

    // Heatmap by unit at the top: Tech (8) and Sales (2); Sales is hidden, and so is Tech, as company − Tech = 2.
    const heatmap = await read('groupBy=unit');
    expect(heatmap.body.respondents).toBe(10);
    const groups = heatmap.body.heatmap.groups as { label: string; suppressed?: boolean; respondents?: number }[];
    expect(groups.find((g) => g.label === 'Sales')).toMatchObject({ suppressed: true });
    expect(groups.find((g) => g.label === 'Tech')).toMatchObject({ suppressed: true });
    // Inside Tech (hidden itself) nothing is read either way; by location: Lyon (8) beside Paris (2) → both hidden.
    const byLocation = await read('groupBy=location');
    expect((byLocation.body.heatmap.groups as { suppressed?: boolean }[]).every((g) => g.suppressed)).toBe(true);
  });

  it('locks thresholds once a round opens: lowering is refused, raising is allowed', async () => {
    const surveyId = await newSurvey({ anonymityThreshold: 5 });
    await t.http.patch(`/api/v1/surveys/${surveyId}`).set('Authorization', hr).send({ anonymityThreshold: 4 }).expect(200);
    await openRound(surveyId);
    const lower = await t.http.patch(`/api/v1/surveys/${surveyId}`).set('Authorization', hr).send({ anonymityThreshold: 3 });
    expect(lower.status).toBe(409);
    expect(lower.body.type).toBe('/problems/surveys.threshold_locked');
    const lowerComments = await t.http.patch(`/api/v1/surveys/${surveyId}`).set('Authorization', hr).send({ commentThreshold: 3 });
    expect(lowerComments.status).toBe(409);
    const raise = await t.http.patch(`/api/v1/surveys/${surveyId}`).set('Authorization', hr).send({ anonymityThreshold: 6 });
    expect(raise.status).toBe(200);
    expect(raise.body).toMatchObject({ anonymityThreshold: 6, thresholdsLocked: true });
  });

  it('shows managers their own reporting line only', async () => {
    await t.http.patch(`/api/v1/units/${platform.id}`).set('Authorization', hr).send({ managerId: platformLead.id }).expect(200);
    const user = await createUser(t, tenant, { role: 'manager' });
    await t.http.patch(`/api/v1/users/${user.id}`).set('Authorization', hr).send({ employeeId: platformLead.id }).expect(200);
    const manager = await loginAs(t, user.email);
    // One person, one user; and the employee must exist in the tenant.
    const twin = await createUser(t, tenant, { role: 'manager' });
    const taken = await t.http.patch(`/api/v1/users/${twin.id}`).set('Authorization', hr).send({ employeeId: platformLead.id });
    expect(taken.status).toBe(409);
    expect(taken.body.type).toBe('/problems/users.employee_taken');
    const unknown = await t.http.patch(`/api/v1/users/${twin.id}`).set('Authorization', hr).send({ employeeId: randomUUID() });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'employeeId', message: 'does not match an employee' }]);
    const surveyId = await newSurvey();
    await openRound(surveyId);

    const own = await t.http.get(`/api/v1/surveys/${surveyId}/results`).set('Authorization', manager);
    expect(own.status).toBe(200);
    expect(own.body.filters.unitId).toBe(platform.id);
    const other = await t.http.get(`/api/v1/surveys/${surveyId}/results?unitId=${sales.id}`).set('Authorization', manager);
    expect(other.status).toBe(403);
    expect(other.body.type).toBe('/problems/surveys.out_of_scope');
  });

  it('answers 410 once the round has closed, and 404 for another tenant’s link or survey', async () => {
    const surveyId = await newSurvey();
    const round = await openRound(surveyId);
    const [token] = [...(await links(surveyId, round.id)).values()];
    await t.http.post(`/api/v1/surveys/${surveyId}/rounds/${round.id}/close`).set('Authorization', hr).expect(200);
    const closed = await t.http.post(`/api/v1/responses/${token}`).send({ submissionId: randomUUID(), answers: answers(9, 5) });
    expect(closed.status).toBe(410);
    expect(closed.body.type).toBe('/problems/surveys.round_closed');

    const other = await createTenant(t);
    expect((await t.http.get(`/api/v1/surveys/${surveyId}`).set('Authorization', other.bearer('hr_admin'))).status).toBe(404);
    // The same invitation id under the other tenant's prefix is not a link.
    const forged = Buffer.from(other.id.replaceAll('-', ''), 'hex').toString('base64url') + token!.slice(22);
    expect((await t.http.get(`/api/v1/responses/${forged}`)).status).toBe(404);
    expect((await t.http.get('/api/v1/responses/not-a-token')).status).toBe(404);
    // A well-formed token of no organisation at all: 404 too, never a 500.
    const nowhere = Buffer.from(randomUUID().replaceAll('-', ''), 'hex').toString('base64url') + token!.slice(22);
    expect((await t.http.get(`/api/v1/responses/${nowhere}`)).status).toBe(404);
    const post = await t.http.post(`/api/v1/responses/${nowhere}`).send({ submissionId: randomUUID(), answers: answers(9, 5) });
    expect(post.status).toBe(404);
    // The token does not come back in the error either.
    expect(post.body.instance).toBe('/api/v1/responses/:token');
  });

  it('opens due pulse rounds on schedule, rotating questions, and closes rounds after their window', async () => {
    const startsAt = new Date(Date.now() - 60_000).toISOString();
    const surveyId = await newSurvey({ kind: 'pulse', cadence: 'weekly', questionsPerRound: 1, startsAt, windowDays: 3 });
    const job = t.app.get(SurveyRoundsJob);
    // Two instances tick at once: the due survey is claimed once, so one round opens.
    const ticks = await Promise.all([job.tick(new Date()), job.tick(new Date())]);
    expect(ticks[0].opened + ticks[1].opened).toBe(1);
    const rounds = async () =>
      (await t.http.get(`/api/v1/surveys/${surveyId}/rounds`).set('Authorization', hr)).body.items as { number: number; status: string; questions: { id: string }[] }[];
    const first = await rounds();
    expect(first).toHaveLength(1);
    expect(first[0]!.questions.map((q) => q.id)).toEqual([questionIds.enps, questionIds.growth[0]]);

    await job.tick(new Date(Date.now() + 4 * 86_400_000)); // window over: closed
    expect((await rounds())[0]!.status).toBe('closed');
    await job.tick(new Date(Date.now() + 8 * 86_400_000)); // a week on: round 2
    const second = await rounds();
    expect(second.map((r) => r.number)).toEqual([2, 1]);
    // Rotation: growth and the open question take turns (interleaved by driver), eNPS every round.
    expect(second[0]!.questions.map((q) => q.id)).toEqual([questionIds.enps, questionIds.text]);
  });
});
