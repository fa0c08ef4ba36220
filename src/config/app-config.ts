import { isAbsolute, resolve } from 'node:path';

/** The validated configuration Tandem runs with; built once at start-up from the environment. */
export interface AppConfig {
  readonly port: number;
  readonly host: string;
  /** Connection string of an external PostgreSQL; when absent, an embedded server is started. */
  readonly databaseUrl: string | undefined;
  /** Read replicas of that PostgreSQL (streaming standbys); reports read from them, everything else from the primary. */
  readonly databaseReplicaUrls: readonly string[];
  /** Folder for the embedded PostgreSQL's data (`<dataDir>/pg`). */
  readonly dataDir: string;
  readonly embeddedPostgresPort: number;
  readonly logLevel: LogLevel;
  /** HMAC secret for signing JWTs; when absent a random secret is kept in the database (shared by every instance). */
  readonly jwtSecret: string | undefined;
  readonly jwtTtlSeconds: number;
  /** Key that lets an operator create tenants (`POST /api/v1/tenants`); the route is disabled without it. */
  readonly operatorKey: string | undefined;
  /** Value for the first hr_admin API key created on an empty database (for scripts). */
  readonly bootstrapKey: string | undefined;
  /** Largest accepted request body, in bytes, except on bulk routes. */
  readonly bodyLimitBytes: number;
  /** Whether this instance runs the background jobs (docs/architecture.md, "Background jobs"); tests drive them by hand. */
  readonly jobsEnabled: boolean;
  /** Intervals of jobs by name (`*` for every job), from `JOB_INTERVALS`; a job not named keeps its own. */
  readonly jobIntervalsMs: Readonly<Record<string, number>>;
  /** SMTP server for e-mail (e.g. `smtp://user:pass@mail.example.com:587`); e-mail is off without it. */
  readonly smtpUrl: string | undefined;
  /** The sender of Tandem's e-mail. */
  readonly smtpFrom: string;
  /** Sign-in attempts per client address and minute (`POST /api/v1/auth/login`, `POST /signin`); 0 turns the limit off. */
  readonly rateLimitLoginPerMinute: number;
  /** Calls of the public survey, exit-interview and conversation routes per client address and minute; 0 turns the limit off. */
  readonly rateLimitPublicPerMinute: number;
  /** Behind a load balancer: take the client address from `X-Forwarded-For` (Fastify's `trustProxy`). */
  readonly trustProxy: boolean;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Thrown when the environment holds a value Tandem cannot run with; its message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const MIN_SECRET_LENGTH = 32;

/**
 * Reads and validates the environment. Every problem is collected, so one start-up attempt
 * reports all of them at once.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): AppConfig {
  const problems: string[] = [];

  const port = readPort(env, 'PORT', 3000, problems, { allowZero: true });
  const embeddedPostgresPort = readPort(env, 'EMBEDDED_PG_PORT', 54320, problems, { allowZero: false });
  const databaseUrl = readDatabaseUrl('DATABASE_URL', env.DATABASE_URL, problems);
  const databaseReplicaUrls = (blankToUndefined(env.DATABASE_REPLICA_URLS) ?? '')
    .split(',')
    .map((raw) => raw.trim())
    .filter((raw) => raw !== '')
    .flatMap((raw) => readDatabaseUrl('DATABASE_REPLICA_URLS', raw, problems) ?? []);
  if (databaseReplicaUrls.length > 0 && databaseUrl === undefined) {
    problems.push('DATABASE_REPLICA_URLS needs DATABASE_URL: replicas follow an external primary, not the embedded server');
  }
  const dataDirRaw = blankToUndefined(env.DATA_DIR) ?? '.data';
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw);

  const defaultLevel: LogLevel = env.NODE_ENV === 'test' ? 'silent' : 'info';
  const logLevelRaw = blankToUndefined(env.LOG_LEVEL) ?? defaultLevel;
  if (!(LOG_LEVELS as readonly string[]).includes(logLevelRaw)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevelRaw}")`);
  }

  const jwtSecret = blankToUndefined(env.JWT_SECRET);
  if (jwtSecret !== undefined && jwtSecret.length < MIN_SECRET_LENGTH) {
    problems.push(`JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters long`);
  }
  const jwtTtlSeconds = readInteger(env, 'JWT_TTL_SECONDS', 3600, 60, 7 * 24 * 3600, problems);

  const operatorKey = blankToUndefined(env.TANDEM_OPERATOR_KEY);
  if (operatorKey !== undefined && operatorKey.length < MIN_SECRET_LENGTH) {
    problems.push(`TANDEM_OPERATOR_KEY must be at least ${MIN_SECRET_LENGTH} characters long`);
  }
  const bootstrapKey = blankToUndefined(env.TANDEM_BOOTSTRAP_KEY);
  if (bootstrapKey !== undefined && (bootstrapKey.length < MIN_SECRET_LENGTH || /\s/.test(bootstrapKey))) {
    problems.push(`TANDEM_BOOTSTRAP_KEY must be at least ${MIN_SECRET_LENGTH} characters long, without spaces`);
  }

  const bodyLimitBytes = readInteger(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024, problems);

  const jobsRaw = blankToUndefined(env.JOBS_ENABLED)?.toLowerCase() ?? 'true';
  if (jobsRaw !== 'true' && jobsRaw !== 'false') problems.push(`JOBS_ENABLED must be true or false (got "${jobsRaw}")`);
  const jobIntervalsMs = readJobIntervals(env.JOB_INTERVALS, problems);

  const smtpUrl = blankToUndefined(env.SMTP_URL);
  if (smtpUrl !== undefined && !isSmtpUrl(smtpUrl)) problems.push('SMTP_URL must be an smtp:// or smtps:// URL with a host');
  const smtpFrom = blankToUndefined(env.SMTP_FROM) ?? 'Tandem <no-reply@localhost>';

  const rateLimitLoginPerMinute = readInteger(env, 'RATE_LIMIT_LOGIN_PER_MINUTE', 10, 0, 1_000_000, problems);
  const rateLimitPublicPerMinute = readInteger(env, 'RATE_LIMIT_PUBLIC_PER_MINUTE', 120, 0, 1_000_000, problems);
  const trustProxyRaw = blankToUndefined(env.TRUST_PROXY)?.toLowerCase() ?? 'false';
  if (trustProxyRaw !== 'true' && trustProxyRaw !== 'false') problems.push(`TRUST_PROXY must be true or false (got "${trustProxyRaw}")`);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host: blankToUndefined(env.HOST) ?? '0.0.0.0',
    databaseUrl,
    databaseReplicaUrls,
    dataDir,
    embeddedPostgresPort,
    logLevel: logLevelRaw as LogLevel,
    jwtSecret,
    jwtTtlSeconds,
    operatorKey,
    bootstrapKey,
    bodyLimitBytes,
    jobsEnabled: jobsRaw === 'true',
    jobIntervalsMs,
    smtpUrl,
    smtpFrom,
    rateLimitLoginPerMinute,
    rateLimitPublicPerMinute,
    trustProxy: trustProxyRaw === 'true',
  };
}

function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function readPort(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  problems: string[],
  { allowZero }: { allowZero: boolean },
): number {
  const raw = blankToUndefined(env[name]);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  const min = allowZero ? 0 : 1;
  if (!/^\d+$/.test(raw) || value < min || value > 65535) {
    problems.push(`${name} must be a whole number from ${min} to 65535 (got "${raw}")`);
    return fallback;
  }
  return value;
}

function readInteger(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = blankToUndefined(env[name]);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

const MIN_JOB_INTERVAL_MS = 100;
const MAX_JOB_INTERVAL_MS = 86_400_000;

/** `JOB_INTERVALS=webhooks=1000,survey-rounds=30000` (milliseconds; `*=…` sets every job not named). */
function readJobIntervals(raw: string | undefined, problems: string[]): Record<string, number> {
  const value = blankToUndefined(raw);
  const intervals: Record<string, number> = {};
  if (value === undefined) return intervals;
  for (const entry of value.split(',').map((part) => part.trim())) {
    const match = /^(\*|[a-z][a-z0-9-]*)=(\d+)$/.exec(entry);
    const ms = match ? Number(match[2]) : NaN;
    if (!match || ms < MIN_JOB_INTERVAL_MS || ms > MAX_JOB_INTERVAL_MS) {
      problems.push(`JOB_INTERVALS must be a list of job=milliseconds (${MIN_JOB_INTERVAL_MS} to ${MAX_JOB_INTERVAL_MS}), e.g. webhooks=1000,*=60000 (got "${entry}")`);
      continue;
    }
    intervals[match[1]!] = ms;
  }
  return intervals;
}

function readDatabaseUrl(name: string, raw: string | undefined, problems: string[]): string | undefined {
  const value = blankToUndefined(raw);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(`${name} is not a valid URL (expected postgres://user:password@host:5432/database)`);
    return undefined;
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    problems.push(`${name} must start with postgres:// or postgresql:// (got "${url.protocol}//")`);
    return undefined;
  }
  if (!url.hostname || url.pathname.replace(/^\//, '') === '') {
    problems.push(`${name} must name a host and a database (postgres://user:password@host:5432/database)`);
    return undefined;
  }
  return value;
}
