import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { decodeCursor, toPage, type Page } from '#src/common/pagination/pagination.js';
import { WebhookDeliveryEntity, type DeliveryStatus } from './webhook-delivery.entity.js';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity.js';

@Injectable()
export class WebhooksRepository {
  constructor(
    @InjectRepository(WebhookSubscriptionEntity) private readonly subscriptions: Repository<WebhookSubscriptionEntity>,
    @InjectRepository(WebhookDeliveryEntity) private readonly deliveries: Repository<WebhookDeliveryEntity>,
  ) {}

  /**
   * Creates a subscription that receives the events committed from now on: its cursor starts at the
   * snapshot's xmin, and events already visible in that snapshot are excluded by `created_snapshot`.
   */
  async insert(values: Pick<WebhookSubscriptionEntity, 'tenantId' | 'url' | 'eventTypes' | 'description' | 'secret'>): Promise<WebhookSubscriptionEntity> {
    const [row] = (await this.subscriptions.query(
      `INSERT INTO webhook_subscriptions (tenant_id, url, event_types, description, secret, enqueued_below_xact, created_snapshot, version)
       VALUES ($1, $2, $3, $4, $5, pg_snapshot_xmin(pg_current_snapshot())::text::bigint, pg_current_snapshot()::text, 1)
       RETURNING id`,
      [values.tenantId, values.url, values.eventTypes, values.description, values.secret],
    )) as { id: string }[];
    return (await this.findInTenant(values.tenantId, row!.id))!;
  }

  findInTenant(tenantId: string, id: string): Promise<WebhookSubscriptionEntity | null> {
    return this.subscriptions.findOneBy({ tenantId, id });
  }

  async update(
    tenantId: string,
    id: string,
    changes: Partial<Pick<WebhookSubscriptionEntity, 'url' | 'eventTypes' | 'description' | 'disabledAt'>>,
  ): Promise<void> {
    await this.subscriptions
      .createQueryBuilder()
      .update(WebhookSubscriptionEntity)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('tenant_id = :tenantId AND id = :id', { tenantId, id })
      .execute();
  }

  async remove(tenantId: string, id: string): Promise<boolean> {
    return ((await this.subscriptions.delete({ tenantId, id })).affected ?? 0) > 0;
  }

  async listPage(tenantId: string, includeInactive: boolean, limit: number, cursor?: string): Promise<Page<WebhookSubscriptionEntity>> {
    const query = this.subscriptions.createQueryBuilder('s').where('s.tenant_id = :tenantId', { tenantId });
    if (!includeInactive) query.andWhere('s.disabled_at IS NULL');
    if (cursor) {
      const position = decodeCursor(cursor);
      query.andWhere('(s.created_at, s.id) > (:cursorValue, :cursorId)', { cursorValue: position.value, cursorId: position.id });
    }
    const rows = await query.orderBy('s.created_at', 'ASC').addOrderBy('s.id', 'ASC').limit(limit + 1).getMany();
    return toPage(rows, limit, (s) => ({ value: s.createdAt.toISOString(), id: s.id }));
  }

  async deliveriesPage(
    tenantId: string,
    subscriptionId: string,
    filter: { status?: DeliveryStatus; limit: number; cursor?: string },
  ): Promise<Page<WebhookDeliveryEntity>> {
    const query = this.deliveries
      .createQueryBuilder('d')
      .where('d.tenant_id = :tenantId AND d.subscription_id = :subscriptionId', { tenantId, subscriptionId });
    if (filter.status) query.andWhere('d.status = :status', { status: filter.status });
    if (filter.cursor) {
      const position = decodeCursor(filter.cursor);
      query.andWhere('(d.created_at, d.id) < (:cursorValue, :cursorId)', { cursorValue: position.value, cursorId: position.id });
    }
    const rows = await query.orderBy('d.created_at', 'DESC').addOrderBy('d.id', 'DESC').limit(filter.limit + 1).getMany();
    return toPage(rows, filter.limit, (d) => ({ value: d.createdAt.toISOString(), id: d.id }));
  }

  /** Makes a failed delivery due again (attempts start over); a delivered one is left alone. */
  async redeliver(tenantId: string, subscriptionId: string, id: string): Promise<WebhookDeliveryEntity | null> {
    await this.deliveries
      .createQueryBuilder()
      .update(WebhookDeliveryEntity)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: () => 'now()' })
      .where("tenant_id = :tenantId AND subscription_id = :subscriptionId AND id = :id AND status = 'failed'", { tenantId, subscriptionId, id })
      .execute();
    return this.deliveries.findOneBy({ tenantId, subscriptionId, id });
  }
}
