import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('runs with no configuration at all: port 3000, embedded PostgreSQL in ./.data', () => {
    const config = loadConfig({}, '/srv/tandem');
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      databaseReplicaUrls: [],
      dataDir: '/srv/tandem/.data',
      embeddedPostgresPort: 54320,
      logLevel: 'info',
      jwtTtlSeconds: 3600,
      bodyLimitBytes: 1048576,
      rateLimitLoginPerMinute: 10,
      rateLimitPublicPerMinute: 120,
      trustProxy: false,
      jobIntervalsMs: {},
    });
  });

  it('reads every setting', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        HOST: '127.0.0.1',
        DATABASE_URL: 'postgresql://app:secret@db.internal:5432/tandem',
        DATABASE_REPLICA_URLS: 'postgresql://app:secret@replica-1.internal:5432/tandem, postgresql://app:secret@replica-2.internal:5432/tandem',
        DATA_DIR: '/var/lib/tandem',
        EMBEDDED_PG_PORT: '6000',
        LOG_LEVEL: 'debug',
        JWT_SECRET: 'x'.repeat(32),
        JWT_TTL_SECONDS: '600',
        TANDEM_OPERATOR_KEY: 'o'.repeat(40),
        TANDEM_BOOTSTRAP_KEY: 'b'.repeat(40),
        BODY_LIMIT_BYTES: '2048',
        JOBS_ENABLED: 'false',
        JOB_INTERVALS: 'webhooks=1000, *=30000',
        SMTP_URL: 'smtp://mailer:secret@mail.internal:587',
        SMTP_FROM: 'People Team <people@example.com>',
        RATE_LIMIT_LOGIN_PER_MINUTE: '5',
        RATE_LIMIT_PUBLIC_PER_MINUTE: '0',
        TRUST_PROXY: 'true',
      },
      '/ignored',
    );
    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'postgresql://app:secret@db.internal:5432/tandem',
      databaseReplicaUrls: ['postgresql://app:secret@replica-1.internal:5432/tandem', 'postgresql://app:secret@replica-2.internal:5432/tandem'],
      dataDir: '/var/lib/tandem',
      embeddedPostgresPort: 6000,
      logLevel: 'debug',
      jwtSecret: 'x'.repeat(32),
      jwtTtlSeconds: 600,
      operatorKey: 'o'.repeat(40),
      bootstrapKey: 'b'.repeat(40),
      bodyLimitBytes: 2048,
      jobsEnabled: false,
      jobIntervalsMs: { webhooks: 1000, '*': 30000 },
      smtpUrl: 'smtp://mailer:secret@mail.internal:587',
      smtpFrom: 'People Team <people@example.com>',
      rateLimitLoginPerMinute: 5,
      rateLimitPublicPerMinute: 0,
      trustProxy: true,
    });
  });

  it('is quiet under jest unless asked otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('silent');
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ PORT: '  ', DATABASE_URL: '' }).port).toBe(3000);
    expect(loadConfig({ DATABASE_URL: ' ' }).databaseUrl).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be a whole number from 0 to 65535 (got "eighty")'],
    [{ PORT: '70000' }, 'PORT must be a whole number from 0 to 65535 (got "70000")'],
    [{ PORT: '-1' }, 'PORT must be a whole number from 0 to 65535 (got "-1")'],
    [{ EMBEDDED_PG_PORT: '0' }, 'EMBEDDED_PG_PORT must be a whole number from 1 to 65535 (got "0")'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL is not a valid URL'],
    [{ DATABASE_URL: 'mysql://db/x' }, 'DATABASE_URL must start with postgres:// or postgresql://'],
    [{ DATABASE_URL: 'postgres://db' }, 'DATABASE_URL must name a host and a database'],
    [{ DATABASE_URL: 'postgres://db/x', DATABASE_REPLICA_URLS: 'postgres://r1/x,https://r2/x' }, 'DATABASE_REPLICA_URLS must start with postgres:// or postgresql://'],
    [{ DATABASE_REPLICA_URLS: 'postgres://r1/x' }, 'DATABASE_REPLICA_URLS needs DATABASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET must be at least 32 characters long'],
    [{ JWT_TTL_SECONDS: '5' }, 'JWT_TTL_SECONDS must be a whole number from 60 to 604800'],
    [{ TANDEM_OPERATOR_KEY: 'short' }, 'TANDEM_OPERATOR_KEY must be at least 32 characters long'],
    [{ TANDEM_BOOTSTRAP_KEY: `${'k'.repeat(30)} with space` }, 'TANDEM_BOOTSTRAP_KEY must be at least 32 characters long, without spaces'],
    [{ BODY_LIMIT_BYTES: '1.5' }, 'BODY_LIMIT_BYTES must be a whole number'],
    [{ JOBS_ENABLED: 'maybe' }, 'JOBS_ENABLED must be true or false'],
    [{ JOB_INTERVALS: 'webhooks' }, 'JOB_INTERVALS must be a list of job=milliseconds (100 to 86400000), e.g. webhooks=1000,*=60000 (got "webhooks")'],
    [{ JOB_INTERVALS: 'webhooks=50' }, 'JOB_INTERVALS must be a list of job=milliseconds (100 to 86400000), e.g. webhooks=1000,*=60000 (got "webhooks=50")'],
    [{ SMTP_URL: 'http://mail.example.com' }, 'SMTP_URL must be an smtp:// or smtps:// URL with a host'],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reports every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'x', LOG_LEVEL: 'y', JWT_SECRET: 'z' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toHaveLength(3);
    }
  });
});
