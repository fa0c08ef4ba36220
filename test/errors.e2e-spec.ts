import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

const PROBLEM = /^application\/problem\+json/;

describe('bad input gets a clear problem+json answer and changes nothing', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  const userCount = async () => Number((await t.sql.query('SELECT count(*) FROM users')).rows[0].count);

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t);
  });
  afterAll(() => t.close());

  it('answers malformed JSON with 400 common.malformed_body', async () => {
    const response = await t.http
      .post('/api/v1/users')
      .set('Authorization', tenant.bearer('hr_admin'))
      .set('Content-Type', 'application/json')
      .send('{"email": ');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body).toMatchObject({ type: '/problems/common.malformed_body', status: 400, instance: '/api/v1/users' });
    expect(await userCount()).toBe(0);
  });

  it('rejects unknown fields by name', async () => {
    const response = await t.http
      .post('/api/v1/users')
      .set('Authorization', tenant.bearer('hr_admin'))
      .send({ email: 'a@example.com', role: 'employee', isAdmin: true });
    expect(response.status).toBe(400);
    expect(response.body.type).toBe('/problems/common.validation_failed');
    expect(response.body.errors).toEqual([{ field: 'isAdmin', message: 'is not a known field' }]);
    expect(await userCount()).toBe(0);
  });

  it('does not coerce wrong types: a number for a string, a string for a boolean', async () => {
    const response = await t.http
      .post('/api/v1/users')
      .set('Authorization', tenant.bearer('hr_admin'))
      .send({ email: 12345, role: 'employee', displayName: true });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['displayName', 'email']);
    expect(await userCount()).toBe(0);
  });

  it('reports nested fields with a dotted path', async () => {
    const response = await t.http
      .patch('/api/v1/tenant')
      .set('Authorization', tenant.bearer('hr_admin'))
      .send({ settings: { anonymityThreshold: 2, timezone: 'Mars/Olympus' } });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'settings.anonymityThreshold',
      'settings.timezone',
    ]);
  });

  it('answers a body that is JSON but not an object with 400', async () => {
    for (const body of ['[1,2]', 'null', '"text"', '42']) {
      const response = await t.http
        .post('/api/v1/users')
        .set('Authorization', tenant.bearer('hr_admin'))
        .set('Content-Type', 'application/json')
        .send(body);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(PROBLEM);
    }
    expect(await userCount()).toBe(0);
  });

  it('refuses prototype pollution attempts', async () => {
    const response = await t.http
      .post('/api/v1/users')
      .set('Authorization', tenant.bearer('hr_admin'))
      .set('Content-Type', 'application/json')
      .send('{"email":"a@example.com","role":"employee","__proto__":{"admin":true}}');
    expect(response.status).toBe(400);
    expect(await userCount()).toBe(0);
  });

  it('answers a body over the limit with 413', async () => {
    const response = await t.http
      .post('/api/v1/users')
      .set('Authorization', tenant.bearer('hr_admin'))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: 'a@example.com', role: 'employee', displayName: 'x'.repeat(1024 * 1024 + 10) }));
    expect(response.status).toBe(413);
    expect(response.body.type).toBe('/problems/common.payload_too_large');
    expect(await userCount()).toBe(0);
  });

  it('answers a body that is not JSON with 415', async () => {
    for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded']) {
      const response = await t.http
        .post('/api/v1/users')
        .set('Authorization', tenant.bearer('hr_admin'))
        .set('Content-Type', type)
        .send('email=a@example.com&role=employee');
      expect(response.status).toBe(415);
      expect(response.body.type).toBe('/problems/common.unsupported_media_type');
    }
    expect(await userCount()).toBe(0);
  });

  it('answers a malformed UUID in a path with 400 naming the parameter', async () => {
    const response = await t.http.get('/api/v1/users/not-a-uuid').set('Authorization', tenant.bearer('hr_admin'));
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['limit=-5', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=1e9', 'limit'],
    ['limit=1&limit=2', 'limit'],
    ['cursor=garbage', 'cursor'],
    ['sort=password', 'sort'],
    ['includeInactive=yes', 'includeInactive'],
  ])('answers absurd list parameters (%s) with 400 on %s', async (query, field) => {
    const response = await t.http.get(`/api/v1/users?${query}`).set('Authorization', tenant.bearer('hr_admin'));
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  // Found by the fuzz suite (test/fuzz.e2e-spec.ts): validator.js's isEmail threw on a lone surrogate (a 500).
  it('refuses a string that is not valid Unicode (a lone surrogate) with 400 naming the field', async () => {
    const response = await t.http
      .post('/api/v1/users')
      .set('Authorization', tenant.bearer('hr_admin'))
      .set('Content-Type', 'application/json')
      .send('{"email":"\\ud800@example.com","role":"employee","password":"long enough password"}');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body.errors).toEqual([{ field: 'email', message: 'must be valid Unicode text (it holds a lone surrogate)' }]);
    const query = await t.http.get('/api/v1/users?q=%ED%A0%80').set('Authorization', tenant.bearer('hr_admin'));
    expect(query.status).toBeLessThan(500);
    expect(await userCount()).toBe(0);
  });

  // Found by the fuzz suite: Fastify's router answered these itself, as plain JSON echoing the path.
  it.each([
    ['a malformed percent escape', '/api/v1/users/%ED%A0%80'],
    ['a parameter longer than any id', `/api/v1/responses/${'x'.repeat(500)}`],
  ])('answers a path with %s with a 400 problem, a token in it redacted', async (_, path) => {
    const response = await t.http.get(path).set('Authorization', tenant.bearer('hr_admin'));
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body.type).toBe('/problems/common.bad_request');
    expect(JSON.stringify(response.body)).not.toContain('xxxxxxxxxx');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await t.http.get('/api/v1/no-such-thing').set('Authorization', tenant.bearer('hr_admin'));
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body.type).toBe('/problems/common.not_found');
  });

  it('makes every problem type resolvable', async () => {
    const listed = await t.http.get('/problems');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual(expect.arrayContaining([{ code: 'common.malformed_body', title: expect.any(String), status: 400 }]));
    const one = await t.http.get('/problems/users.email_taken');
    expect(one.body).toEqual({ code: 'users.email_taken', title: 'E-mail already in use', status: 409 });
    expect((await t.http.get('/problems/nope.nothing')).status).toBe(404);
  });

  it('echoes a caller’s request id and makes one otherwise', async () => {
    const given = await t.http.get('/health/live').set('x-request-id', 'trace-42');
    expect(given.headers['x-request-id']).toBe('trace-42');
    const made = await t.http.get('/health/live').set('x-request-id', 'bad id with spaces');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('validation messages', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t);
  });
  afterAll(() => t.close());

  it('names the first rule a field breaks: a missing e-mail is “must be an email”', async () => {
    const response = await t.http.post('/api/v1/users').set('Authorization', tenant.bearer('hr_admin')).send({ role: 'employee' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'email', message: 'must be an email' }]);
  });

  it('reports a short password by its length rule', async () => {
    const response = await t.http
      .post('/api/v1/users')
      .set('Authorization', tenant.bearer('hr_admin'))
      .send({ email: 'a@example.com', role: 'employee', password: 'short' });
    expect(response.body.errors).toEqual([{ field: 'password', message: 'must be longer than or equal to 12 characters' }]);
  });
});

describe('null where a value is required', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t);
  });
  afterAll(() => t.close());

  it('refuses null for an optional field that cannot be empty, naming it, and changes nothing', async () => {
    const hr = tenant.bearer('hr_admin');
    const user = await t.http.post('/api/v1/users').set('Authorization', hr).send({ email: 'n@example.com', role: 'manager' });
    const employee = await t.http.post('/api/v1/employees').set('Authorization', hr).send({ firstName: 'A', lastName: 'B', stage: 'engage' });
    const cases: [string, string, Record<string, unknown>, string][] = [
      ['patch', `/api/v1/users/${user.body.id}`, { role: null }, 'role'],
      ['patch', `/api/v1/users/${user.body.id}`, { version: null }, 'version'],
      ['patch', `/api/v1/employees/${employee.body.id}`, { firstName: null }, 'firstName'],
      ['patch', '/api/v1/tenant', { name: null }, 'name'],
      ['post', '/api/v1/api-keys', { label: 'x', role: 'employee', expiresAt: null }, 'expiresAt'],
    ];
    for (const [method, path, body, field] of cases) {
      const response = await t.http[method as 'patch'](path).set('Authorization', hr).send(body);
      expect([path, JSON.stringify(body), response.status]).toEqual([path, JSON.stringify(body), 400]);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await t.sql.query('SELECT role, version FROM users WHERE id = $1', [user.body.id])).rows[0]).toEqual({ role: 'manager', version: 1 });
    expect((await t.sql.query('SELECT first_name FROM employees WHERE id = $1', [employee.body.id])).rows[0].first_name).toBe('A');
  });

  it('still accepts null where a field is nullable', async () => {
    const employee = await t.http.post('/api/v1/employees').set('Authorization', tenant.bearer('hr_admin')).send({ firstName: 'A', lastName: 'B', stage: 'engage', jobTitle: 'X' });
    const cleared = await t.http.patch(`/api/v1/employees/${employee.body.id}`).set('Authorization', tenant.bearer('hr_admin')).send({ jobTitle: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.jobTitle).toBeNull();
  });
});
