import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type pg from 'pg';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent.js';
import { createApp } from '#src/app.setup.js';
import { loadConfig, type AppConfig } from '#src/config/app-config.js';
import { createTestDatabase, sqlPool } from './test-database.js';

export interface TestApp {
  readonly app: NestFastifyApplication;
  /** supertest against the real HTTP server (Fastify, every pipe and filter of main.ts). */
  readonly http: TestAgent;
  /** Plain SQL on the same database, to check what is really stored. */
  readonly sql: pg.Pool;
  readonly config: AppConfig;
  readonly databaseUrl: string;
  close(): Promise<void>;
}

/**
 * The real application on its own fresh database (a clone of the migrated template), built by
 * the same `createApp()` as `main.ts`. Environment overrides go through the real config loader.
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  // Background jobs stay off: tests run them by hand, at the moment they choose. Rate limits stay
  // off too (every test signs in from 127.0.0.1); test/rate-limits.e2e-spec.ts turns them on.
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    RATE_LIMIT_LOGIN_PER_MINUTE: '0',
    RATE_LIMIT_PUBLIC_PER_MINUTE: '0',
    ...env,
  });
  const app = await createApp(config, database.url);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const sql = sqlPool(database.url);
  return {
    app,
    http: request(app.getHttpServer()),
    sql,
    config,
    databaseUrl: database.url,
    close: async () => {
      await app.close();
      await sql.end();
      await database.drop();
    },
  };
}
