import { Inject, Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { BackgroundJob } from '#src/common/jobs/background-job.js';
import { APP_CONFIG } from '#src/config/config.module.js';
import type { AppConfig } from '#src/config/app-config.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';

/** Polls the outbox every few seconds on every instance; the dispatcher makes that safe. */
@Injectable()
export class WebhooksScheduler {
  private readonly job: BackgroundJob;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly dispatcher: WebhookDispatcher,
  ) {
    this.job = new BackgroundJob('Webhook dispatch', () => config.jobsEnabled);
  }

  @Interval('webhooks', 5000)
  poll(): Promise<void> {
    return this.job.run(() => this.dispatcher.tick());
  }
}
