import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WebhooksScheduler } from './webhooks.scheduler.js';
import { WebhooksService } from './webhooks.service.js';

/** Outbound webhooks fed by the domain-event outbox: subscriptions, signed deliveries, retries, log. */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookSubscriptionEntity, WebhookDeliveryEntity])],
  controllers: [WebhooksController],
  providers: [WebhooksRepository, WebhooksService, WebhookDispatcher, WebhooksScheduler],
  exports: [WebhookDispatcher],
})
export class WebhooksModule {}
