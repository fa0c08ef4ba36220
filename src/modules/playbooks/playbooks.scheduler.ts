import { Inject, Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { BackgroundJob } from '#src/common/jobs/background-job.js';
import { APP_CONFIG } from '#src/config/config.module.js';
import type { AppConfig } from '#src/config/app-config.js';
import { PlaybookRunner } from './playbook-runner.js';

/** Runs playbooks every 30 s on every instance; the runner makes that safe. */
@Injectable()
export class PlaybooksScheduler {
  private readonly job: BackgroundJob;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly runner: PlaybookRunner,
  ) {
    this.job = new BackgroundJob('Playbook runs', () => config.jobsEnabled);
  }

  @Interval('playbooks', 30_000)
  poll(): Promise<void> {
    return this.job.run(() => this.runner.tick());
  }
}
