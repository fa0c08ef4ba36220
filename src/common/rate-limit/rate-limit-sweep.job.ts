import { Inject, Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import type { AppConfig } from '#src/config/app-config.js';
import { APP_CONFIG } from '#src/config/config.module.js';
import { BackgroundJob } from '../jobs/background-job.js';
import { RATE_LIMIT_WINDOW_SECONDS } from './rate-limit.guard.js';

/** Deletes rate-limit windows that have passed, every ten minutes; idempotent on any number of instances. */
@Injectable()
export class RateLimitSweepJob {
  private readonly job: BackgroundJob;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly dataSource: DataSource,
  ) {
    this.job = new BackgroundJob('Rate-limit sweep', () => config.jobsEnabled);
  }

  @Interval('rate-limit-sweep', 600_000)
  poll(): Promise<void> {
    return this.job.run(() => this.sweep());
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
