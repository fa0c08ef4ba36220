import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUser, loginAs, TEST_PASSWORD } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

describe('authentication: login, JWT and API keys', () => {
  let t: TestApp;
  let tenant: TenantFixture;

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t);
  });
  afterAll(() => t.close());

  describe('login and JWT', () => {
    it('signs a user in and the JWT identifies them with their role and tenant', async () => {
      const user = await createUser(t, tenant, { role: 'manager' });
      const login = await t.http.post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD });
      expect(login.status).toBe(200);
      expect(login.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 3600 });

      const me = await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${login.body.accessToken}`);
      expect(me.status).toBe(200);
      expect(me.body).toEqual({ tenantId: tenant.id, role: 'manager', kind: 'user', userId: user.id, apiKeyId: null });

      const stored = await t.sql.query('SELECT last_login_at, password_hash FROM users WHERE id = $1', [user.id]);
      expect(stored.rows[0].last_login_at).not.toBeNull();
      expect(stored.rows[0].password_hash).toMatch(/^\$argon2id\$/);
    });

    it('accepts the e-mail in any case and with surrounding spaces', async () => {
      const user = await createUser(t, tenant, { email: 'Mixed.Case@Example.com' });
      expect(user.email).toBe('mixed.case@example.com');
      await expect(loginAs(t, '  MIXED.case@example.COM ')).resolves.toMatch(/^Bearer /);
    });

    it('answers a wrong password and an unknown e-mail the same way', async () => {
      const user = await createUser(t, tenant);
      const wrong = await t.http.post('/api/v1/auth/login').send({ email: user.email, password: 'not the password' });
      const unknown = await t.http.post('/api/v1/auth/login').send({ email: 'nobody@example.com', password: 'whatever' });
      for (const response of [wrong, unknown]) {
        expect(response.status).toBe(401);
        expect(response.body.type).toBe('/problems/auth.invalid_login');
      }
      expect(wrong.body.detail).toBe(unknown.body.detail);
    });

    it('refuses a user without a password and a deactivated user', async () => {
      const noPassword = await createUser(t, tenant, { password: null });
      expect(noPassword.canSignIn).toBe(false);
      const noPasswordLogin = await t.http.post('/api/v1/auth/login').send({ email: noPassword.email, password: TEST_PASSWORD });
      expect(noPasswordLogin.status).toBe(401);

      const leaver = await createUser(t, tenant);
      const token = await loginAs(t, leaver.email);
      const deactivate = await t.http
        .patch(`/api/v1/users/${leaver.id}`)
        .set('Authorization', tenant.bearer('hr_admin'))
        .send({ active: false });
      expect(deactivate.status).toBe(200);
      expect(deactivate.body.active).toBe(false);
      expect((await t.http.post('/api/v1/auth/login').send({ email: leaver.email, password: TEST_PASSWORD })).status).toBe(401);
      // A token issued before deactivation stops working at once.
      expect((await t.http.get('/api/v1/auth/me').set('Authorization', token)).status).toBe(401);
    });

    it('applies a role change to tokens already issued', async () => {
      const user = await createUser(t, tenant, { role: 'hr_admin' });
      const token = await loginAs(t, user.email);
      expect((await t.http.get('/api/v1/users').set('Authorization', token)).status).toBe(200);
      await t.http.patch(`/api/v1/users/${user.id}`).set('Authorization', tenant.bearer('hr_admin')).send({ role: 'employee' });
      expect((await t.http.get('/api/v1/users').set('Authorization', token)).status).toBe(403);
    });

    it('asks for the organisation when an e-mail signs in to several, and accepts its slug', async () => {
      const other = await createTenant(t);
      const email = `shared-${Date.now()}@example.com`;
      await createUser(t, tenant, { email, role: 'manager' });
      await createUser(t, other, { email, role: 'employee' });

      const ambiguous = await t.http.post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD });
      expect(ambiguous.status).toBe(400);
      expect(ambiguous.body.type).toBe('/problems/auth.tenant_required');

      const token = await loginAs(t, email, TEST_PASSWORD, other.slug);
      const me = await t.http.get('/api/v1/auth/me').set('Authorization', token);
      expect(me.body).toMatchObject({ tenantId: other.id, role: 'employee' });
    });

    it('rejects tampered, foreign and malformed tokens with 401', async () => {
      const user = await createUser(t, tenant);
      const token = (await loginAs(t, user.email)).replace('Bearer ', '');
      const [header, payload, signature] = token.split('.');
      const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), tid: tenant.id, sub: user.id, role: 'hr_admin' })).toString('base64url');
      const noneAlg = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
      for (const bad of [`${header}.${forged}.${signature}`, noneAlg, 'a.b.c', 'garbage', `${token}x`]) {
        const response = await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${bad}`);
        expect(response.status).toBe(401);
        expect(response.headers['www-authenticate']).toBe('Bearer');
      }
      expect((await t.http.get('/api/v1/auth/me')).body.type).toBe('/problems/auth.missing_credential');
      expect((await t.http.get('/api/v1/auth/me').set('Authorization', 'Basic abc')).status).toBe(401);
    });

    it('validates the login body', async () => {
      const response = await t.http.post('/api/v1/auth/login').send({ email: 'not-an-email', password: '' });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'password']);
    });
  });

  describe('API keys', () => {
    it('creates a key shown once, lists it without its secret, and the key works', async () => {
      const created = await t.http
        .post('/api/v1/api-keys')
        .set('Authorization', tenant.bearer('hr_admin'))
        .send({ label: 'HRIS sync', role: 'integration' });
      expect(created.status).toBe(201);
      expect(created.body.key).toMatch(/^tdk_[A-Za-z0-9_-]{40}$/);
      expect(created.body.prefix).toBe(created.body.key.slice(0, 12));

      const me = await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${created.body.key}`);
      expect(me.body).toEqual({ tenantId: tenant.id, role: 'integration', kind: 'api_key', userId: null, apiKeyId: created.body.id });

      const list = await t.http.get('/api/v1/api-keys?limit=200').set('Authorization', tenant.bearer('hr_admin'));
      expect(list.status).toBe(200);
      const listed = list.body.items.find((k: { id: string }) => k.id === created.body.id);
      expect(listed).toMatchObject({ label: 'HRIS sync', role: 'integration', revokedAt: null, lastUsedAt: expect.any(String) });
      expect(JSON.stringify(list.body)).not.toContain(created.body.key);

      const stored = await t.sql.query('SELECT key_hash FROM api_keys WHERE id = $1', [created.body.id]);
      expect(stored.rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored.rows[0].key_hash).not.toContain(created.body.key);
    });

    it('revokes a key: it stops working at once, and revoking again is harmless', async () => {
      const created = await t.http
        .post('/api/v1/api-keys')
        .set('Authorization', tenant.bearer('hr_admin'))
        .send({ label: 'temporary', role: 'manager' });
      const key = `Bearer ${created.body.key}`;
      expect((await t.http.get('/api/v1/auth/me').set('Authorization', key)).status).toBe(200);

      const revoked = await t.http.delete(`/api/v1/api-keys/${created.body.id}`).set('Authorization', tenant.bearer('hr_admin'));
      expect(revoked.status).toBe(200);
      expect(revoked.body.revokedAt).toEqual(expect.any(String));
      expect((await t.http.get('/api/v1/auth/me').set('Authorization', key)).status).toBe(401);

      const again = await t.http.delete(`/api/v1/api-keys/${created.body.id}`).set('Authorization', tenant.bearer('hr_admin'));
      expect(again.status).toBe(200);
      expect(again.body.revokedAt).toBe(revoked.body.revokedAt);

      const active = await t.http.get('/api/v1/api-keys?limit=200').set('Authorization', tenant.bearer('hr_admin'));
      expect(active.body.items.map((k: { id: string }) => k.id)).not.toContain(created.body.id);
      const all = await t.http.get('/api/v1/api-keys?limit=200&includeRevoked=true').set('Authorization', tenant.bearer('hr_admin'));
      expect(all.body.items.map((k: { id: string }) => k.id)).toContain(created.body.id);
    });

    it('stops an expired key from working', async () => {
      const created = await t.http
        .post('/api/v1/api-keys')
        .set('Authorization', tenant.bearer('hr_admin'))
        .send({ label: 'short-lived', role: 'employee', expiresAt: new Date(Date.now() + 60_000).toISOString() });
      expect(created.status).toBe(201);
      await t.sql.query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [created.body.id]);
      expect((await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${created.body.key}`)).status).toBe(401);
    });

    it('refuses an expiry in the past', async () => {
      const response = await t.http
        .post('/api/v1/api-keys')
        .set('Authorization', tenant.bearer('hr_admin'))
        .send({ label: 'x', role: 'employee', expiresAt: '2001-01-01T00:00:00Z' });
      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe('expiresAt');
    });

    it('pages exactly through keys created in the same instant (ties broken by id)', async () => {
      const fresh = await createTenant(t);
      await t.sql.query(`UPDATE api_keys SET created_at = '2026-01-01T00:00:00.123456Z' WHERE tenant_id = $1`, [fresh.id]);
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 10; pages++) {
        const response: { body: { items: { id: string }[]; nextCursor: string | null } } = await t.http
          .get(`/api/v1/api-keys?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
          .set('Authorization', fresh.bearer('hr_admin'));
        seen.push(...response.body.items.map((k) => k.id));
        cursor = response.body.nextCursor;
        if (!cursor) break;
      }
      expect(seen).toHaveLength(4);
      expect(new Set(seen).size).toBe(4);
    });

    it('pages through keys with a cursor, newest first, without repeats', async () => {
      const fresh = await createTenant(t);
      for (let i = 0; i < 5; i++) {
        await t.http.post('/api/v1/api-keys').set('Authorization', fresh.bearer('hr_admin')).send({ label: `k${i}`, role: 'employee' });
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response: { body: { items: { id: string }[]; nextCursor: string | null } } = await t.http
          .get(`/api/v1/api-keys?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
          .set('Authorization', fresh.bearer('hr_admin'));
        seen.push(...response.body.items.map((k) => k.id));
        cursor = response.body.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      // 4 role keys from the factory plus 5 created here.
      expect(seen).toHaveLength(9);
      expect(new Set(seen).size).toBe(9);
      expect(pages).toBe(3);
    });
  });
});
