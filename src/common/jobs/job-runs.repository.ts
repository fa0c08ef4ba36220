import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { JobRunStore } from './background-job.js';

/** Runs are kept this long, then pruned by the next claim of the same job. */
const KEPT_DAYS = 7;

/** The `job_runs` table: claiming a tick once across instances, and recording how it went. */
@Injectable()
export class JobRunsRepository implements JobRunStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims the current tick of a job: the database clock (shared by every instance) rounded down
   * to a multiple of the interval. The row is inserted once; every later attempt at the same tick
   * gets `claimed: false`. Runs older than a week are pruned on the way.
   */
  async claim(job: string, everyMs: number, instance: string): Promise<{ tick: Date; claimed: boolean }> {
    const rows: { tick: Date; claimed: boolean }[] = await this.dataSource.query(
      `WITH tick AS (
         SELECT date_bin(make_interval(secs => $2::double precision / 1000), now(), timestamptz '2000-01-01 00:00:00+00') AS at
       ), pruned AS (
         DELETE FROM job_runs WHERE job = $1 AND tick_started_at < now() - make_interval(days => $4)
       ), claimed AS (
         INSERT INTO job_runs (job, tick_started_at, instance, started_at, outcome)
         SELECT $1, at, $3, clock_timestamp(), 'running' FROM tick
         ON CONFLICT (job, tick_started_at) DO NOTHING
         RETURNING 1
       )
       SELECT at AS tick, EXISTS (SELECT 1 FROM claimed) AS claimed FROM tick`,
      [job, everyMs, instance, KEPT_DAYS],
    );
    return rows[0]!;
  }

  async finish(job: string, tick: Date, outcome: 'done' | 'failed', work: unknown, error: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE job_runs SET finished_at = clock_timestamp(), outcome = $3, work = $4::jsonb, error = $5 WHERE job = $1 AND tick_started_at = $2`,
      [job, tick, outcome, work === undefined ? null : JSON.stringify(work), error],
    );
  }
}
