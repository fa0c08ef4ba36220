import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUser } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

const OPERATOR_KEY = 'operator-key-for-tests-0123456789abcdef';

describe('tenancy', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ TANDEM_OPERATOR_KEY: OPERATOR_KEY });
  });
  afterAll(() => t.close());

  describe('operator tenant creation', () => {
    it('creates a tenant with settings and returns its first hr_admin key once', async () => {
      const response = await t.http
        .post('/api/v1/tenants')
        .set('Authorization', `Bearer ${OPERATOR_KEY}`)
        .send({ name: 'Acme Corp (EU)', settings: { anonymityThreshold: 7, timezone: 'Europe/Paris', locale: 'fr-FR' } });
      expect(response.status).toBe(201);
      expect(response.body.tenant).toMatchObject({
        name: 'Acme Corp (EU)',
        slug: 'acme-corp-eu',
        settings: { anonymityThreshold: 7, timezone: 'Europe/Paris', locale: 'fr-FR' },
      });
      expect(response.body.apiKey).toMatchObject({ role: 'hr_admin', key: expect.stringMatching(/^tdk_/) });

      const own = await t.http.get('/api/v1/tenant').set('Authorization', `Bearer ${response.body.apiKey.key}`);
      expect(own.status).toBe(200);
      expect(own.body.id).toBe(response.body.tenant.id);
    });

    it('refuses a taken slug with 409 and creates nothing', async () => {
      const first = await t.http.post('/api/v1/tenants').set('Authorization', `Bearer ${OPERATOR_KEY}`).send({ name: 'Dup', slug: 'dup-co' });
      expect(first.status).toBe(201);
      const before = Number((await t.sql.query('SELECT count(*) FROM api_keys')).rows[0].count);
      const second = await t.http.post('/api/v1/tenants').set('Authorization', `Bearer ${OPERATOR_KEY}`).send({ name: 'Dup 2', slug: 'dup-co' });
      expect(second.status).toBe(409);
      expect(second.body.type).toBe('/problems/tenancy.slug_taken');
      expect(Number((await t.sql.query('SELECT count(*) FROM api_keys')).rows[0].count)).toBe(before);
    });

    it('refuses a tenant API key, a wrong key and no key on operator routes', async () => {
      const tenant = await createTenant(t);
      for (const authorization of [tenant.bearer('hr_admin'), 'Bearer wrong-operator-key', undefined]) {
        const request = t.http.post('/api/v1/tenants').send({ name: 'Nope' });
        const response = await (authorization ? request.set('Authorization', authorization) : request);
        expect(response.status).toBe(401);
      }
      expect((await t.http.get('/api/v1/tenants').set('Authorization', `Bearer ${OPERATOR_KEY}`)).status).toBe(200);
    });

    it('hides the operator routes entirely when no operator key is configured', async () => {
      const plain = await createTestApp();
      try {
        const response = await plain.http.post('/api/v1/tenants').set('Authorization', 'Bearer anything').send({ name: 'X' });
        expect(response.status).toBe(404);
        expect(Number((await plain.sql.query('SELECT count(*) FROM tenants')).rows[0].count)).toBe(0);
      } finally {
        await plain.close();
      }
    });
  });

  describe('settings', () => {
    let tenant: TenantFixture;
    beforeAll(async () => {
      tenant = await createTenant(t);
    });

    it('lets every role read the tenant, and only hr_admin change it', async () => {
      for (const role of ['hr_admin', 'manager', 'employee', 'integration'] as const) {
        expect((await t.http.get('/api/v1/tenant').set('Authorization', tenant.bearer(role))).status).toBe(200);
      }
      for (const role of ['manager', 'employee', 'integration'] as const) {
        const response = await t.http.patch('/api/v1/tenant').set('Authorization', tenant.bearer(role)).send({ name: 'Hacked' });
        expect(response.status).toBe(403);
      }
      expect((await t.http.get('/api/v1/tenant').set('Authorization', tenant.bearer('hr_admin'))).body.name).not.toBe('Hacked');
    });

    it('changes settings and bumps the version; a stale version is refused with 409', async () => {
      const before = await t.http.get('/api/v1/tenant').set('Authorization', tenant.bearer('hr_admin'));
      const changed = await t.http
        .patch('/api/v1/tenant')
        .set('Authorization', tenant.bearer('hr_admin'))
        .send({ settings: { anonymityThreshold: 8, commentThreshold: 9, timezone: 'America/New_York' }, version: before.body.version });
      expect(changed.status).toBe(200);
      expect(changed.body.settings).toEqual({
        anonymityThreshold: 8,
        commentThreshold: 9,
        checklistBusinessDays: false,
        timezone: 'America/New_York',
        locale: 'en',
        fullSyncDepartureGuardPercent: 20,
      });
      expect(changed.body.version).toBe(before.body.version + 1);

      const stale = await t.http
        .patch('/api/v1/tenant')
        .set('Authorization', tenant.bearer('hr_admin'))
        .send({ settings: { anonymityThreshold: 3 }, version: before.body.version });
      expect(stale.status).toBe(409);
      expect(stale.body.type).toBe('/problems/tenancy.stale_version');
      const after = await t.http.get('/api/v1/tenant').set('Authorization', tenant.bearer('hr_admin'));
      expect(after.body.settings.anonymityThreshold).toBe(8);
    });

    it.each([
      [{ settings: { anonymityThreshold: 2 } }, 'settings.anonymityThreshold'],
      [{ settings: { commentThreshold: 2 } }, 'settings.commentThreshold'],
      [{ settings: { anonymityThreshold: 4.5 } }, 'settings.anonymityThreshold'],
      [{ settings: { anonymityThreshold: '5' } }, 'settings.anonymityThreshold'],
      [{ settings: { timezone: 'Not/AZone' } }, 'settings.timezone'],
      [{ settings: { locale: 'not a locale!' } }, 'settings.locale'],
      [{ settings: { fullSyncDepartureGuardPercent: 101 } }, 'settings.fullSyncDepartureGuardPercent'],
      [{ name: '' }, 'name'],
    ])('refuses %j', async (body, field) => {
      const response = await t.http.patch('/api/v1/tenant').set('Authorization', tenant.bearer('hr_admin')).send(body);
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('keeps k at 3 or more even against a direct write', async () => {
      await expect(t.sql.query('UPDATE tenants SET anonymity_threshold = 2 WHERE id = $1', [tenant.id])).rejects.toThrow(
        /ck_tenants_anonymity_threshold/,
      );
    });
  });

  describe('isolation between tenants', () => {
    let a: TenantFixture;
    let b: TenantFixture;
    beforeAll(async () => {
      a = await createTenant(t);
      b = await createTenant(t);
    });

    it('answers 404 for another tenant’s user, exactly like a missing one', async () => {
      const bUser = await createUser(t, b, { role: 'manager' });
      const foreign = await t.http.get(`/api/v1/users/${bUser.id}`).set('Authorization', a.bearer('hr_admin'));
      const missing = await t.http.get('/api/v1/users/00000000-0000-4000-8000-000000000000').set('Authorization', a.bearer('hr_admin'));
      expect(foreign.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(foreign.body.type).toBe(missing.body.type);
      expect(foreign.body.title).toBe(missing.body.title);

      const patch = await t.http.patch(`/api/v1/users/${bUser.id}`).set('Authorization', a.bearer('hr_admin')).send({ role: 'hr_admin' });
      expect(patch.status).toBe(404);
      expect((await t.sql.query('SELECT role FROM users WHERE id = $1', [bUser.id])).rows[0].role).toBe('manager');
    });

    it('never lists another tenant’s users', async () => {
      await createUser(t, b, { email: `only-in-b-${Date.now()}@example.com` });
      const list = await t.http.get('/api/v1/users?limit=200').set('Authorization', a.bearer('hr_admin'));
      expect(list.status).toBe(200);
      const bIds = (await t.sql.query('SELECT id FROM users WHERE tenant_id = $1', [b.id])).rows.map((r) => r.id);
      expect(bIds.length).toBeGreaterThan(0);
      for (const item of list.body.items) expect(bIds).not.toContain(item.id);
    });

    it('answers 404 for another tenant’s API key, and cannot revoke it', async () => {
      const bKeys = await t.http.get('/api/v1/api-keys').set('Authorization', b.bearer('hr_admin'));
      const bKeyId = bKeys.body.items[0].id;
      expect((await t.http.get(`/api/v1/api-keys/${bKeyId}`).set('Authorization', a.bearer('hr_admin'))).status).toBe(404);
      expect((await t.http.delete(`/api/v1/api-keys/${bKeyId}`).set('Authorization', a.bearer('hr_admin'))).status).toBe(404);
      expect((await t.sql.query('SELECT revoked_at FROM api_keys WHERE id = $1', [bKeyId])).rows[0].revoked_at).toBeNull();

      const aList = await t.http.get('/api/v1/api-keys?limit=200&includeRevoked=true').set('Authorization', a.bearer('hr_admin'));
      expect(aList.body.items.map((k: { id: string }) => k.id)).not.toContain(bKeyId);
    });

    it('lets the same e-mail exist in two tenants without touching each other', async () => {
      const email = `same-${Date.now()}@example.com`;
      const inA = await t.http.post('/api/v1/users').set('Authorization', a.bearer('hr_admin')).send({ email, role: 'employee' });
      const inB = await t.http.post('/api/v1/users').set('Authorization', b.bearer('hr_admin')).send({ email, role: 'employee' });
      expect(inA.status).toBe(201);
      expect(inB.status).toBe(201);
      const dupInA = await t.http.post('/api/v1/users').set('Authorization', a.bearer('hr_admin')).send({ email, role: 'manager' });
      expect(dupInA.status).toBe(409);
      expect(dupInA.body.type).toBe('/problems/users.email_taken');
    });

    it('shows each tenant only its own settings', async () => {
      const aTenant = await t.http.get('/api/v1/tenant').set('Authorization', a.bearer('employee'));
      expect(aTenant.body.id).toBe(a.id);
      await t.http.patch('/api/v1/tenant').set('Authorization', a.bearer('hr_admin')).send({ name: 'Only A' });
      const bTenant = await t.http.get('/api/v1/tenant').set('Authorization', b.bearer('hr_admin'));
      expect(bTenant.body.name).not.toBe('Only A');
    });
  });
});
