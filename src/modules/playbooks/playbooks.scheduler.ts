import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { APP_CONFIG } from '#src/config/config.module.js';
import type { AppConfig } from '#src/config/app-config.js';
import { PlaybookRunner } from './playbook-runner.js';

/** Runs playbooks every 30 s on every instance; the runner makes that safe. */
@Injectable()
export class PlaybooksScheduler {
  private readonly logger = new Logger(PlaybooksScheduler.name);
  private running = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runner: PlaybookRunner,
  ) {}

  @Interval('playbooks', 30_000)
  async poll(): Promise<void> {
    if (!this.config.jobsEnabled || this.running) return;
    this.running = true;
    try {
      await this.runner.tick();
    } catch (error) {
      this.logger.warn(`Playbook run failed, will retry: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.running = false;
    }
  }
}
