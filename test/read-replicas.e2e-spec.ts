import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createApp } from '#src/app.setup.js';
import { loadConfig } from '#src/config/app-config.js';
import { createEmployee } from './factories/employee.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import type { TestApp } from './utils/create-test-app.js';
import { startReplicaPair, type ReplicaPair } from './utils/replica-pair.js';
import { sqlPool } from './utils/test-database.js';

/**
 * DATABASE_REPLICA_URLS against a real streaming replica: two PostgreSQL servers on loopback, the
 * second a hot standby of the first. Reports read from the standby, writes go to the primary, and
 * a standby that is gone sends reports back to the primary.
 */
describe('read replicas', () => {
  let pair: ReplicaPair;
  let t: TestApp;
  let tenant: TenantFixture;
  const period = 'from=2025-01-01&to=2025-06-30';

  beforeAll(async () => {
    pair = await startReplicaPair();
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      JOBS_ENABLED: 'false',
      RATE_LIMIT_LOGIN_PER_MINUTE: '0',
      RATE_LIMIT_PUBLIC_PER_MINUTE: '0',
      DATABASE_URL: pair.primaryUrl,
      DATABASE_REPLICA_URLS: pair.replicaUrl,
    });
    const app = await createApp(config, pair.primaryUrl);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const sql = sqlPool(pair.primaryUrl);
    t = { app, http: request(app.getHttpServer()), sql, config, databaseUrl: pair.primaryUrl, close: async () => void (await Promise.all([app.close(), sql.end()])) };
    tenant = await createTenant(t);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await pair?.stop();
  }, 60_000);

  const separate = (employeeId: string, lastWorkingDay: string) =>
    t.http
      .post('/api/v1/separations')
      .set('Authorization', tenant.bearer('hr_admin'))
      .send({ employeeId, type: 'voluntary', primaryReason: 'other', noticeDate: '2025-01-15', lastWorkingDay })
      .expect(201);
  const attrition = async () => {
    const response = await t.http.get(`/api/v1/reports/attrition?${period}`).set('Authorization', tenant.bearer('hr_admin'));
    expect(response.status).toBe(200);
    return response.body.total as { headcountStart: number; separations: number };
  };

  it('serves a report from the standby and writes to the primary', async () => {
    const people = [];
    for (let i = 0; i < 4; i++) people.push(await createEmployee(t, tenant, { startDate: '2024-01-01', stage: 'engage' }));
    await separate(people[0]!.id, '2025-02-15');
    await pair.caughtUp();
    expect(await attrition()).toMatchObject({ headcountStart: 4, separations: 1 });

    // The standby stops applying what it receives: it now holds the organisation as it was.
    await pair.pauseReplay();
    await separate(people[1]!.id, '2025-03-15'); // a write: it can only have gone to the primary
    const stored = await t.sql.query(`SELECT count(*)::int AS n FROM separations WHERE tenant_id = $1`, [tenant.id]);
    expect(stored.rows[0].n).toBe(2);
    expect(await attrition()).toMatchObject({ separations: 1 }); // read on the standby, one separation behind

    await pair.resumeReplay();
    await pair.caughtUp();
    expect(await attrition()).toMatchObject({ separations: 2 });
  }, 60_000);

  it('reads from the primary when the standby is gone', async () => {
    await pair.stopStandby();
    expect(await attrition()).toMatchObject({ separations: 2 });
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(200); // the primary is all readiness depends on
  }, 60_000);
});
