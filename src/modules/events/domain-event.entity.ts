import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { TenantEntity } from '#src/modules/tenancy/tenant.entity.js';

/** One recorded domain event (transactional outbox): written in the transaction of its change. */
@Entity({ name: 'domain_events' })
@Index('uq_domain_events_tenant_seq', ['tenantId', 'seq'], { unique: true })
@Index('ix_domain_events_tenant_type_seq', ['tenantId', 'type', 'seq'])
@Index('ix_domain_events_tenant_subject_seq', ['tenantId', 'subjectId', 'seq'])
@Index('ix_domain_events_xact', ['xactId'])
export class DomainEventEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Global order of events; a feed's cursor. */
  @Column({ type: 'bigint', generatedIdentity: 'ALWAYS', generated: 'identity' })
  seq!: string;

  /**
   * The id of the transaction that recorded the event. Readers of the outbox advance by it, not by
   * `seq`: a transaction can commit an event with a lower `seq` after one with a higher, but once
   * every transaction below a snapshot's xmin has finished, no event below it can still appear.
   */
  @Column({ name: 'xact_id', type: 'bigint' })
  xactId!: string;

  @Column({ type: 'text' })
  type!: string;

  /** The entity the event is about (an employee). */
  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'occurred_at', type: 'timestamptz', precision: 3 })
  occurredAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_domain_events_tenant' })
  tenant?: TenantEntity;
}
