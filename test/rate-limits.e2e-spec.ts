import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent.js';
import { createApp } from '#src/app.setup.js';
import { RateLimitSweepJob } from '#src/common/rate-limit/rate-limit-sweep.job.js';
import { createTenant } from './factories/tenant.factory.js';
import { createUser } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

const PROBLEM = /^application\/problem\+json/;

/**
 * Rate limits on sign-in and on the public survey routes, counted in PostgreSQL: a second
 * instance on the same database sees the same window. Over the limit: 429 problem+json with
 * Retry-After; a new window lets the client in again.
 */
describe('rate limits', () => {
  let t: TestApp;
  let other: NestFastifyApplication;
  let otherHttp: TestAgent;
  let email: string;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_LOGIN_PER_MINUTE: '3', RATE_LIMIT_PUBLIC_PER_MINUTE: '4' });
    // A second instance on the same database, as behind a load balancer.
    other = await createApp(t.config, t.databaseUrl);
    await other.init();
    await other.getHttpAdapter().getInstance().ready();
    otherHttp = request(other.getHttpServer());
    email = (await createUser(t, await createTenant(t))).email;
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });
  const reset = () => t.sql.query('DELETE FROM rate_limits');

  it('answers the fourth sign-in attempt in a minute with 429, Retry-After and problem+json, on any instance', async () => {
    await reset();
    const login = (http: TestAgent) => http.post('/api/v1/auth/login').send({ email, password: 'not the password' });
    expect((await login(t.http)).status).toBe(401);
    expect((await login(otherHttp)).status).toBe(401);
    expect((await login(t.http)).status).toBe(401);
    for (const http of [otherHttp, t.http]) {
      const refused = await login(http);
      expect(refused.status).toBe(429);
      expect(refused.headers['content-type']).toMatch(PROBLEM);
      expect(refused.body).toMatchObject({ type: '/problems/common.rate_limited', status: 429, retryAfter: expect.any(Number) });
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.body.retryAfter).toBe(retryAfter);
    }
    // Refused attempts count too: a client that keeps trying keeps its window full. One row per client.
    const window = await t.sql.query(`SELECT key, hits FROM rate_limits`);
    expect(window.rows).toEqual([{ key: expect.stringMatching(/^login:/), hits: 5 }]);
  });

  it('lets the client in again once the window has passed', async () => {
    await t.sql.query(`UPDATE rate_limits SET window_started_at = now() - interval '61 seconds'`);
    const again = await t.http.post('/api/v1/auth/login').send({ email, password: 'not the password' });
    expect(again.status).toBe(401);
    expect((await t.sql.query(`SELECT hits FROM rate_limits`)).rows).toEqual([{ hits: 1 }]);
  });

  it('limits the public survey, exit-interview and conversation routes together, and not the authenticated API', async () => {
    await reset();
    const statuses: number[] = [];
    for (const path of ['/api/v1/responses/x', '/api/v1/exit-responses/x', '/api/v1/responses/y', '/s/x']) statuses.push((await t.http.get(path)).status);
    expect(statuses.every((s) => s !== 429)).toBe(true);
    const refused = await otherHttp.post('/api/v1/conversations/read').send({ replyKey: 'x' });
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    // The survey page answers in HTML, with the same status.
    expect((await t.http.get('/s/x')).status).toBe(429);
    expect((await t.http.get('/health/live')).status).toBe(200);
    expect((await t.http.get('/problems')).status).toBe(200);
  });

  it('sweeps windows that have passed', async () => {
    await t.sql.query(`UPDATE rate_limits SET window_started_at = now() - interval '2 minutes'`);
    expect(await t.app.get(RateLimitSweepJob).sweep()).toBe(1);
    expect((await t.sql.query(`SELECT count(*)::int AS n FROM rate_limits`)).rows[0].n).toBe(0);
  });
});
