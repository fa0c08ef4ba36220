import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createEmployee } from './factories/employee.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUnit } from './factories/unit.factory.js';
import { createUser, loginAs } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

describe('journey map and pain points', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  let hr: string;
  let unit: { id: string };
  /** Signed-in employees of `unit`, each linked to an employee record. */
  const people: { auth: string; userId: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t, { anonymityThreshold: 3 });
    hr = tenant.bearer('hr_admin');
    unit = await createUnit(t, tenant, { name: 'Support' });
    for (let i = 0; i < 4; i++) {
      const employee = await createEmployee(t, tenant, { stage: 'onboard', unitId: unit.id, location: 'Lyon', startDate: '2026-10-01' });
      const user = await createUser(t, tenant, { role: 'employee' });
      await t.http.patch(`/api/v1/users/${user.id}`).set('Authorization', hr).send({ employeeId: employee.id }).expect(200);
      people.push({ auth: await loginAs(t, user.email), userId: user.id });
    }
  });
  afterAll(() => t.close());

  const map = async () => (await t.http.get('/api/v1/journey-map').set('Authorization', hr)).body.stages as { stage: string; touchpoints: { id: string; name: string; position: number; openPainPoints: number }[] }[];
  const onboard = async () => (await map()).find((s) => s.stage === 'onboard')!.touchpoints;
  const report = (auth: string, touchpointId: string, extra: Record<string, unknown> = {}) =>
    t.http.post('/api/v1/pain-points').set('Authorization', auth).send({ touchpointId, description: 'Laptop arrived on day three', severity: 4, ...extra });

  it('starts every organisation with the default map, in journey order', async () => {
    const stages = await map();
    expect(stages.map((s) => s.stage)).toEqual(['attract', 'hire', 'onboard', 'engage', 'perform', 'develop', 'depart']);
    expect(stages.flatMap((s) => s.touchpoints).length).toBe(18);
    expect((await onboard()).map((tp) => tp.name)).toEqual(['Pre-boarding', 'Day one', 'IT and equipment setup', 'First 1:1 with the manager', '30-day check-in', '90-day review']);
  });

  it('lets HR add, reorder and retire touchpoints; a retired one keeps its pain points', async () => {
    const added = await t.http.post('/api/v1/journey-map/touchpoints').set('Authorization', hr).send({ stage: 'onboard', name: 'Buddy lunch', channel: 'in_person', dayOffset: 5 });
    expect(added.status).toBe(201);
    expect(added.body.position).toBe(7);
    const ids = (await onboard()).map((tp) => tp.id);
    const mismatch = await t.http.put('/api/v1/journey-map/stages/onboard/order').set('Authorization', hr).send({ touchpointIds: ids.slice(1) });
    expect(mismatch.status).toBe(409);
    expect(mismatch.body.type).toBe('/problems/journey_map.order_mismatch');
    const reordered = [added.body.id, ...ids.filter((id) => id !== added.body.id)];
    await t.http.put('/api/v1/journey-map/stages/onboard/order').set('Authorization', hr).send({ touchpointIds: reordered }).expect(200);
    expect((await onboard()).map((tp) => tp.id)).toEqual(reordered);
    expect((await t.http.put('/api/v1/journey-map/stages/nowhere/order').set('Authorization', hr).send({ touchpointIds: [] })).status).toBe(400);

    const pain = (await report(hr, added.body.id)).body;
    await t.http.patch(`/api/v1/journey-map/touchpoints/${added.body.id}`).set('Authorization', hr).send({ retired: true }).expect(200);
    expect((await onboard()).map((tp) => tp.id)).not.toContain(added.body.id);
    expect((await report(hr, added.body.id)).status).toBe(409);
    const listed = (await t.http.get(`/api/v1/pain-points?touchpointId=${added.body.id}`).set('Authorization', hr)).body.items;
    expect(listed.map((p: { id: string }) => p.id)).toEqual([pain.id]);
  });

  it('stores no person and no time for an anonymous report, and shows anonymous ones only from k in a unit', async () => {
    const dayOne = (await onboard()).find((tp) => tp.name === 'Day one')!.id;
    const named = await report(people[0]!.auth, dayOne);
    expect(named.body).toMatchObject({ source: 'employee', reporterUserId: people[0]!.userId, unitId: unit.id, tenurePhase: 'onboarding', stage: 'onboard', location: 'Lyon' });

    const first = await report(people[1]!.auth, dayOne, { anonymous: true });
    expect(first.body).toMatchObject({ source: 'anonymous', reporterUserId: null, unitId: unit.id });
    const stored = await t.sql.query(`SELECT * FROM pain_points WHERE id = $1`, [first.body.id]);
    expect(stored.rows[0]).toMatchObject({ reporter_user_id: null, reporter_api_key_id: null });
    expect(Object.keys(stored.rows[0]).filter((column) => /created|updated|_at$/.test(column))).toEqual([]);
    expect((await t.sql.query(`SELECT count(*)::int AS n FROM pain_point_events WHERE pain_point_id = $1`, [first.body.id])).rows[0].n).toBe(0);

    const listed = async () => (await t.http.get(`/api/v1/pain-points?touchpointId=${dayOne}`).set('Authorization', hr)).body;
    await report(people[2]!.auth, dayOne, { anonymous: true });
    // Two anonymous reports in Support, below k = 3: neither is shown; the named one is.
    expect((await listed()).items.map((p: { source: string }) => p.source)).toEqual(['employee']);
    expect((await listed()).suppressedAnonymous).toBe(2);
    await report(people[3]!.auth, dayOne, { anonymous: true });
    expect((await listed()).items.filter((p: { source: string }) => p.source === 'anonymous')).toHaveLength(3);
    expect((await listed()).suppressedAnonymous).toBe(0);
    // The map counts them all.
    expect((await onboard()).find((tp) => tp.id === dayOne)!.openPainPoints).toBe(4);

    expect((await report(tenant.bearer('manager'), dayOne, { anonymous: true })).status).toBe(400);
  });

  it('counts "me too" once per person without storing who, and keeps every status move', async () => {
    const itSetup = (await onboard()).find((tp) => tp.name === 'IT and equipment setup')!.id;
    const pain = (await report(hr, itSetup)).body;
    const first = await t.http.post(`/api/v1/pain-points/${pain.id}/me-too`).set('Authorization', people[0]!.auth).send();
    expect(first.body).toEqual({ meToos: 1 });
    const again = await t.http.post(`/api/v1/pain-points/${pain.id}/me-too`).set('Authorization', people[0]!.auth).send();
    expect(again.status).toBe(409);
    await t.http.post(`/api/v1/pain-points/${pain.id}/me-too`).set('Authorization', people[1]!.auth).send().expect(200);
    const votes = await t.sql.query(`SELECT * FROM pain_point_me_toos WHERE pain_point_id = $1`, [pain.id]);
    expect(votes.rows).toHaveLength(2);
    expect(JSON.stringify(votes.rows)).not.toContain(people[0]!.userId);

    await t.http.patch(`/api/v1/pain-points/${pain.id}`).set('Authorization', hr).send({ status: 'acknowledged', note: 'Seen' }).expect(200);
    const resolved = await t.http.patch(`/api/v1/pain-points/${pain.id}`).set('Authorization', hr).send({ status: 'resolved', note: 'Laptops now ship a week early' });
    expect(resolved.body).toMatchObject({ status: 'resolved', resolutionNote: 'Laptops now ship a week early', meToos: 2 });
    const noAction = await t.http.patch(`/api/v1/pain-points/${pain.id}`).set('Authorization', hr).send({ actionId: '00000000-0000-4000-8000-0000000000aa' });
    expect(noAction.status).toBe(400);
        const history = (await t.http.get(`/api/v1/pain-points/${pain.id}/history`).set('Authorization', hr)).body;
    expect(history.map((e: { fromStatus: string | null; toStatus: string }) => [e.fromStatus, e.toStatus])).toEqual([
      [null, 'new'],
      ['new', 'acknowledged'],
      ['acknowledged', 'resolved'],
    ]);
  });

  it('ranks touchpoints by impact on a hand-computed fixture, with the score’s parts', async () => {
    const org = await createTenant(t, { anonymityThreshold: 3 });
    const orgHr = org.bearer('hr_admin');
    const stages = (await t.http.get('/api/v1/journey-map').set('Authorization', orgHr)).body.stages as { stage: string; touchpoints: { id: string; name: string }[] }[];
    const byName = (name: string) => stages.flatMap((s) => s.touchpoints).find((tp) => tp.name === name)!.id;
    const [dayOne, goals, itSetup] = [byName('Day one'), byName('Goal setting'), byName('IT and equipment setup')];
    // Reach this month: four people entered onboard, two entered engage.
    const joiners = [];
    for (let i = 0; i < 4; i++) joiners.push(await createEmployee(t, org, { stage: 'onboard' }));
    for (let i = 0; i < 2; i++) await createEmployee(t, org, { stage: 'engage' });

    const pain = (touchpointId: string, severity: number) =>
      t.http.post('/api/v1/pain-points').set('Authorization', orgHr).send({ touchpointId, description: 'x', severity });
    const first = (await pain(dayOne, 5)).body;
    await pain(dayOne, 3).expect(201);
    const reporter = await createUser(t, org, { role: 'employee' });
    await t.http.post(`/api/v1/pain-points/${first.id}/me-too`).set('Authorization', await loginAs(t, reporter.email)).send().expect(200);
    const goalPain = (await pain(goals, 2)).body;
    await t.http.patch(`/api/v1/pain-points/${goalPain.id}`).set('Authorization', orgHr).send({ status: 'resolved', note: 'Template fixed' }).expect(200);

    // IT setup: no reports, but its linked checklist task was done on time by everyone.
    const template = (
      await t.http
        .post('/api/v1/checklist-templates')
        .set('Authorization', orgHr)
        .send({ name: 'Laptop', kind: 'custom', tasks: [{ key: 'laptop', title: 'Laptop ready', assignee: { rule: 'hr' }, offsetDays: 0 }] })
    ).body;
    await t.http.post(`/api/v1/journey-map/touchpoints/${itSetup}/links`).set('Authorization', orgHr).send({ kind: 'checklist_task', templateId: template.id, taskKey: 'laptop' }).expect(201);
    const badLink = await t.http.post(`/api/v1/journey-map/touchpoints/${itSetup}/links`).set('Authorization', orgHr).send({ kind: 'checklist_task', templateId: template.id, taskKey: 'nope' });
    expect(badLink.status).toBe(400);
    for (const joiner of joiners.slice(0, 2)) {
      const checklist = (await t.http.post('/api/v1/checklists').set('Authorization', orgHr).send({ employeeId: joiner.id, templateId: template.id })).body;
      await t.http.post(`/api/v1/tasks/${checklist.tasks[0].id}/complete`).set('Authorization', orgHr).send({}).expect(200);
    }

    const report = await t.http.get('/api/v1/reports/touchpoints').set('Authorization', orgHr);
    expect(report.status).toBe(200);
    const [top, second] = report.body.touchpoints;
    // Day one: voice (2 + 1) / 4 = 0.75; severity (4 − 1) / 4 = 0.75; pain 0.75 × 1.75 / 2 = 0.65625; reach 4 of 4 → 65.6.
    expect(top).toMatchObject({ touchpointId: dayOne, reports: 2, meToos: 1, meanSeverity: 4, reach: 4, impact: 65.6, change: 65.6 });
    expect(top.parts).toEqual({ voice: 0.75, severity: 0.75, lateness: null, sentiment: null, questions: null, friction: 0.656, reachFactor: 1 });
    // Goal setting: voice 1 / 2 = 0.5; severity 0.25; pain 0.3125; reach factor (1 + 2) / (1 + 4) = 0.6 → 18.8.
    expect(second).toMatchObject({ touchpointId: goals, impact: 18.8, parts: { voice: 0.5, severity: 0.25, friction: 0.313, reachFactor: 0.6 } });
    const itRow = report.body.touchpoints.find((x: { touchpointId: string }) => x.touchpointId === itSetup);
    expect(itRow).toMatchObject({ impact: 0, parts: { lateness: 0, friction: 0 } });
    expect(report.body.momentsThatMatter.find((m: { stage: string }) => m.stage === 'onboard').touchpointIds).toEqual([dayOne]);
    expect(report.body.resolution).toEqual([{ owner: 'manager', resolved: 1, medianDays: 0 }]);
    expect((await t.http.get('/api/v1/reports/touchpoints?period=2026-13').set('Authorization', orgHr)).status).toBe(400);
    // The map carries the same current impact.
    const mapped = (await t.http.get('/api/v1/journey-map').set('Authorization', orgHr)).body.stages.flatMap((s: { touchpoints: unknown[] }) => s.touchpoints);
    expect(mapped.find((tp: { id: string }) => tp.id === dayOne)).toMatchObject({ openPainPoints: 2, impact: 65.6 });
  });

  it('promotes a survey comment to a pain point, keeping its anonymity', async () => {
    await t.http.patch('/api/v1/tenant').set('Authorization', hr).send({ settings: { commentThreshold: 3 } }).expect(200);
    const bank = (await t.http.get('/api/v1/survey-questions?type=text').set('Authorization', hr)).body.items;
    const survey = (await t.http.post('/api/v1/surveys').set('Authorization', hr).send({ name: 'Onboarding voice', kind: 'adhoc', questionIds: [bank[0].id] })).body;
    const round = (await t.http.post(`/api/v1/surveys/${survey.id}/rounds`).set('Authorization', hr).send()).body;
    const links = (await t.http.get(`/api/v1/surveys/${survey.id}/rounds/${round.id}/invitations`).set('Authorization', hr)).body.items as { token: string }[];
    for (const [i, link] of links.entries()) {
      await t.http
        .post(`/api/v1/responses/${link.token}`)
        .send({ submissionId: `00000000-0000-4000-8000-00000000010${i}`, answers: [{ questionId: bank[0].id, text: `The laptop came late, week ${i}` }] })
        .expect(201);
    }
    const comments = (await t.http.get(`/api/v1/surveys/${survey.id}/comments`).set('Authorization', hr)).body.items as { id: string; text: string }[];
    expect(comments).toHaveLength(4);
    const itSetup = (await onboard()).find((tp) => tp.name === 'IT and equipment setup')!.id;
    const promoted = await t.http.post('/api/v1/pain-points/from-comment').set('Authorization', hr).send({ commentId: comments[0]!.id, touchpointId: itSetup, severity: 3 });
    expect(promoted.status).toBe(201);
    expect(promoted.body).toMatchObject({ source: 'survey_comment', reporterUserId: null, description: comments[0]!.text, unitId: unit.id, stage: 'onboard' });
    // Linked to the touchpoint, the question's comments feed its sentiment part (4 comments ≥ the comment threshold of 3).
    await t.http.post(`/api/v1/journey-map/touchpoints/${itSetup}/links`).set('Authorization', hr).send({ kind: 'survey_question', questionId: bank[0].id }).expect(201);
    const labels = (await t.sql.query(`SELECT sentiment_label FROM survey_comments WHERE round_id = $1`, [round.id])).rows.map((r) => r.sentiment_label);
    const expected = labels.filter((label) => label === 'negative').length / labels.length;
    const analysed = (await t.http.get('/api/v1/reports/touchpoints').set('Authorization', hr)).body.touchpoints.find((x: { touchpointId: string }) => x.touchpointId === itSetup);
    expect(analysed.parts.sentiment).toBeCloseTo(expected, 3);
    // A linked likert question feeds the questions part: answers 2, 3, 4, 5 → mean 3.5 → (5 − 3.5) / 4 = 0.375.
    const likert = (await t.http.get('/api/v1/survey-questions?type=likert5&driverKey=growth').set('Authorization', hr)).body.items[0];
    const pulse = (await t.http.post('/api/v1/surveys').set('Authorization', hr).send({ name: 'Growth', kind: 'adhoc', questionIds: [likert.id] })).body;
    const pulseRound = (await t.http.post(`/api/v1/surveys/${pulse.id}/rounds`).set('Authorization', hr).send()).body;
    const pulseLinks = (await t.http.get(`/api/v1/surveys/${pulse.id}/rounds/${pulseRound.id}/invitations`).set('Authorization', hr)).body.items as { token: string }[];
    for (const [i, link] of pulseLinks.entries()) {
      await t.http
        .post(`/api/v1/responses/${link.token}`)
        .send({ submissionId: `00000000-0000-4000-8000-00000000020${i}`, answers: [{ questionId: likert.id, value: 2 + i }] })
        .expect(201);
    }
    const goals = (await map()).flatMap((st) => st.touchpoints).find((tp) => tp.name === 'Goal setting')!.id;
    await t.http.post(`/api/v1/journey-map/touchpoints/${goals}/links`).set('Authorization', hr).send({ kind: 'survey_question', questionId: likert.id }).expect(201);
    const withQuestions = (await t.http.get('/api/v1/reports/touchpoints').set('Authorization', hr)).body.touchpoints.find((x: { touchpointId: string }) => x.touchpointId === goals);
    expect(withQuestions.parts.questions).toBe(0.375);

    const missing = await t.http.post('/api/v1/pain-points/from-comment').set('Authorization', hr).send({ commentId: '00000000-0000-4000-8000-0000000000ff', touchpointId: itSetup, severity: 3 });
    expect(missing.status).toBe(404);
  });

  it('keeps each organisation’s map and pain points to itself', async () => {
    const other = await createTenant(t);
    const otherHr = other.bearer('hr_admin');
    const dayOne = (await onboard()).find((tp) => tp.name === 'Day one')!.id;
    expect((await report(otherHr, dayOne)).status).toBe(404);
    expect((await t.http.get('/api/v1/pain-points').set('Authorization', otherHr)).body.items).toEqual([]);
    const ours = (await t.http.get('/api/v1/pain-points').set('Authorization', hr)).body.items[0];
    expect((await t.http.patch(`/api/v1/pain-points/${ours.id}`).set('Authorization', otherHr).send({ status: 'wont_fix' })).status).toBe(404);
    expect((await t.http.post(`/api/v1/pain-points/${ours.id}/me-too`).set('Authorization', otherHr).send()).status).toBe(400);
  });
});
