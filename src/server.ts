import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './app.setup.js';
import type { AppConfig } from './config/app-config.js';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './database/embedded-postgres.js';
import { TenantsService, type DefaultTenantBootstrap } from './modules/tenancy/tenants.service.js';
import { TenantSetup } from './modules/tenancy/tenant-setup.js';

/** A listening Tandem service and the way to stop it gracefully. */
export interface RunningServer {
  readonly app: NestFastifyApplication;
  /** Base URL, e.g. http://127.0.0.1:3000 */
  readonly url: string;
  readonly databaseUrl: string;
  /** Whether this start created the default tenant (and its key) on an empty database. */
  readonly bootstrap: DefaultTenantBootstrap;
  /** Stops taking requests, lets in-flight ones finish, closes the pool, then the embedded server. */
  stop(): Promise<void>;
}

/**
 * Starts the service: the embedded PostgreSQL when no DATABASE_URL is configured, the application
 * (which migrates the schema), the default tenant on an empty database, then the HTTP listener.
 */
export async function startServer(config: AppConfig): Promise<RunningServer> {
  let embedded: EmbeddedPostgresHandle | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: join(config.dataDir, 'pg'), port: config.embeddedPostgresPort });
    databaseUrl = embedded.databaseUrl;
  }

  let app: NestFastifyApplication | undefined;
  try {
    app = await createApp(config, databaseUrl);
    await app.init();
    const bootstrap = await app.get(TenantsService).ensureDefaultTenant(config.bootstrapKey);
    await app.get(TenantSetup).backfill();
    await app.listen({ port: config.port, host: config.host });
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const running = app;
    let stopping: Promise<void> | undefined;
    return {
      app: running,
      url: `http://127.0.0.1:${port}`,
      databaseUrl,
      bootstrap,
      stop: () =>
        (stopping ??= (async () => {
          try {
            await running.close();
          } finally {
            await embedded?.stop();
          }
        })()),
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
}
