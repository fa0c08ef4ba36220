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
    const history = (await t.http.get(`/api/v1/pain-points/${pain.id}/history`).set('Authorization', hr)).body;
    expect(history.map((e: { fromStatus: string | null; toStatus: string }) => [e.fromStatus, e.toStatus])).toEqual([
      [null, 'new'],
      ['new', 'acknowledged'],
      ['acknowledged', 'resolved'],
    ]);
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
