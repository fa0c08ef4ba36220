import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobScheduler } from '../jobs/job-scheduler.js';
import { RATE_LIMIT_WINDOW_SECONDS } from './rate-limit.guard.js';

/** Deletes rate-limit windows that have passed, every ten minutes; idempotent on any number of instances. */
@Injectable()
export class RateLimitSweepJob {
  constructor(
    scheduler: JobScheduler,
    private readonly dataSource: DataSource,
  ) {
    scheduler.every('rate-limit-sweep', 600_000, () => this.sweep());
  }

  /** Deletes the windows that ended before `now`; returns how many. */
  async sweep(now = new Date()): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH gone AS (DELETE FROM rate_limits WHERE window_started_at <= $1::timestamptz - make_interval(secs => $2) RETURNING 1) SELECT 1 FROM gone`,
      [now, RATE_LIMIT_WINDOW_SECONDS],
    );
    return rows.length;
  }
}
