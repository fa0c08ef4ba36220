import { Injectable } from '@nestjs/common';
import { JobScheduler } from '#src/common/jobs/job-scheduler.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';

/** Polls the outbox every 5 s, each tick on one instance (the dispatcher is safe on several at once too). */
@Injectable()
export class WebhooksScheduler {
  constructor(
    scheduler: JobScheduler,
    private readonly dispatcher: WebhookDispatcher,
  ) {
    scheduler.every('webhooks', 5000, () => this.dispatcher.tick());
  }
}
