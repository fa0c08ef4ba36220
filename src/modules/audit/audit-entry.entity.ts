import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditActorType, AuditEntityType, AuditSource } from './domain/audit.js';

/**
 * One entry of the audit log: who changed what and when, written in the transaction of the change.
 * Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE (docs/audit.md). It has no foreign
 * key: it outlives what it describes (and the HRIS import writes thousands at once, where every
 * check costs); it holds no personal values and no secrets.
 */
@Entity({ name: 'audit_log' })
@Index('ix_audit_log_tenant_entity', ['tenantId', 'entityId', 'id'])
@Index('ix_audit_log_tenant_actor', ['tenantId', 'actorId', 'id'])
@Check('ck_audit_log_actor', `(actor_type = 'system') = (actor_id IS NULL)`)
@Check('ck_audit_log_actor_type', `actor_type IN ('user', 'api_key', 'system')`)
@Check('ck_audit_log_source', `source IN ('api', 'hris_import', 'system')`)
export class AuditEntryEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  /**
   * The entry's number, in the order entries were written (the list's order and cursor). A
   * sequence rather than a random id: new entries land at the end of the primary key's index.
   */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  /** When the transaction of the change started: the same for every entry of one change. */
  @CreateDateColumn({ name: 'at', type: 'timestamptz', precision: 3 })
  at!: Date;

  @Column({ name: 'actor_type', type: 'text' })
  actorType!: AuditActorType;

  /** The user's or API key's id; null for the system. */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text' })
  source!: AuditSource;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType!: AuditEntityType;

  /** Null only for an export of a report, which has no single subject. */
  @Column({ name: 'entity_id', type: 'uuid', nullable: true })
  entityId!: string | null;

  /** The changed fields' values before the change; null for a creation or an export. */
  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  /** The changed fields' values after the change (for an export: what was exported). */
  @Column({ type: 'jsonb', nullable: true })
  after!: Record<string, unknown> | null;
}
