import { Injectable } from '@nestjs/common';
import { DomainError } from '#src/common/errors/domain-error.js';
import { DEFAULT_PAGE_SIZE, type Page } from '#src/common/pagination/pagination.js';
import {
  toDeliveryDto,
  toWebhookResponse,
  type CreateWebhookDto,
  type CreatedWebhookDto,
  type ListDeliveriesQueryDto,
  type ListWebhooksQueryDto,
  type UpdateWebhookDto,
  type WebhookDeliveryDto,
  type WebhookResponseDto,
} from './dto/webhook.dto.js';
import { newWebhookSecret } from './webhook-signature.js';
import type { WebhookSubscriptionEntity } from './webhook-subscription.entity.js';
import { WebhooksProblems } from './webhooks.errors.js';
import { WebhooksRepository } from './webhooks.repository.js';

@Injectable()
export class WebhooksService {
  constructor(private readonly webhooks: WebhooksRepository) {}

  async create(tenantId: string, dto: CreateWebhookDto): Promise<CreatedWebhookDto> {
    const secret = newWebhookSecret();
    const subscription = await this.webhooks.insert({
      tenantId,
      url: dto.url,
      eventTypes: [...new Set(dto.eventTypes)],
      description: dto.description ?? null,
      secret,
    });
    return { ...toWebhookResponse(subscription), secret };
  }

  async list(tenantId: string, query: ListWebhooksQueryDto): Promise<Page<WebhookResponseDto>> {
    const page = await this.webhooks.listPage(tenantId, query.includeInactive ?? false, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor);
    return { items: page.items.map(toWebhookResponse), nextCursor: page.nextCursor };
  }

  async get(tenantId: string, id: string): Promise<WebhookResponseDto> {
    return toWebhookResponse(await this.require(tenantId, id));
  }

  async update(tenantId: string, id: string, dto: UpdateWebhookDto): Promise<WebhookResponseDto> {
    const current = await this.require(tenantId, id);
    await this.webhooks.update(tenantId, id, {
      ...(dto.url !== undefined ? { url: dto.url } : {}),
      ...(dto.eventTypes !== undefined ? { eventTypes: [...new Set(dto.eventTypes)] } : {}),
      ...(dto.description !== undefined ? { description: dto.description } : {}),
      ...(dto.active !== undefined ? { disabledAt: dto.active ? null : (current.disabledAt ?? new Date()) } : {}),
    });
    return this.get(tenantId, id);
  }

  async remove(tenantId: string, id: string): Promise<void> {
    if (!(await this.webhooks.remove(tenantId, id))) throw notFound(id);
  }

  async deliveries(tenantId: string, id: string, query: ListDeliveriesQueryDto): Promise<Page<WebhookDeliveryDto>> {
    await this.require(tenantId, id);
    const page = await this.webhooks.deliveriesPage(tenantId, id, {
      status: query.status,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      cursor: query.cursor,
    });
    return { items: page.items.map(toDeliveryDto), nextCursor: page.nextCursor };
  }

  async redeliver(tenantId: string, id: string, deliveryId: string): Promise<WebhookDeliveryDto> {
    const delivery = await this.webhooks.redeliver(tenantId, id, deliveryId);
    if (!delivery) throw new DomainError(WebhooksProblems.deliveryNotFound, `No delivery ${deliveryId} for webhook ${id}.`);
    return toDeliveryDto(delivery);
  }

  private async require(tenantId: string, id: string): Promise<WebhookSubscriptionEntity> {
    const subscription = await this.webhooks.findInTenant(tenantId, id);
    if (!subscription) throw notFound(id);
    return subscription;
  }
}

function notFound(id: string): DomainError {
  return new DomainError(WebhooksProblems.notFound, `No webhook subscription ${id}.`);
}
