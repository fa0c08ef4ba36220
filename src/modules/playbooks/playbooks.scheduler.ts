import { Injectable } from '@nestjs/common';
import { JobScheduler } from '#src/common/jobs/job-scheduler.js';
import { PlaybookRunner } from './playbook-runner.js';

/** Runs playbooks every 30 s, each tick on one instance (the runner is safe on several at once too). */
@Injectable()
export class PlaybooksScheduler {
  constructor(
    scheduler: JobScheduler,
    private readonly runner: PlaybookRunner,
  ) {
    scheduler.every('playbooks', 30_000, () => this.runner.tick());
  }
}
