import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { TenantEntity } from '#src/modules/tenancy/tenant.entity.js';

/** A URL an hr_admin subscribed to event types; deliveries are signed with its secret. */
@Entity({ name: 'webhook_subscriptions' })
export class WebhookSubscriptionEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  url!: string;

  /** Event types delivered (e.g. `employee.departed`); `*` for all. */
  @Column({ name: 'event_types', type: 'text', array: true })
  eventTypes!: string[];

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** HMAC-SHA256 key; shown once at creation, needed in clear to sign. */
  @Column({ type: 'text' })
  secret!: string;

  /**
   * Events recorded by transactions below this id have been turned into deliveries. It starts at
   * the snapshot xmin when the subscription is made, so it receives events from then on.
   */
  @Column({ name: 'enqueued_below_xact', type: 'bigint' })
  enqueuedBelowXact!: string;

  /**
   * The snapshot taken when the subscription was made (`pg_snapshot` as text). Events whose
   * transaction was already visible in it happened before the subscription and are not sent.
   */
  @Column({ name: 'created_snapshot', type: 'text' })
  createdSnapshot!: string;

  @Column({ name: 'disabled_at', type: 'timestamptz', precision: 3, nullable: true })
  disabledAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_webhook_subscriptions_tenant' })
  tenant?: TenantEntity;
}
