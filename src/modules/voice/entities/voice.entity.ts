import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { TenantEntity } from '#src/modules/tenancy/tenant.entity.js';

export const VOICE_KINDS = ['suggestion', 'concern', 'praise'] as const;
export type VoiceKind = (typeof VOICE_KINDS)[number];
export const VOICE_STATUSES = ['new', 'acknowledged', 'in_progress', 'closed'] as const;
export type VoiceStatus = (typeof VOICE_STATUSES)[number];

/**
 * Feedback sent at any time, named or anonymous. An anonymous one keeps no author, no time of day
 * (its date only), and the hash of the sender's reply key; its sender's unit is kept only to count
 * anonymous voices per unit against the threshold before any is shown.
 */
@Entity({ name: 'voice_messages' })
@Index('ix_voice_messages_routed', ['tenantId', 'routedEmployeeId', 'status'])
@Index('ix_voice_messages_reply_key', ['replyKeyHash'])
@Check('ck_voice_messages_kind', `kind IN ('suggestion', 'concern', 'praise')`)
@Check('ck_voice_messages_status', `status IN ('new', 'acknowledged', 'in_progress', 'closed')`)
@Check('ck_voice_messages_anonymous', `(anonymous AND author_user_id IS NULL AND author_employee_id IS NULL AND created_at IS NULL AND reply_key_hash IS NOT NULL) OR (NOT anonymous AND reply_key_hash IS NULL AND created_at IS NOT NULL)`)
@Check('ck_voice_messages_subject', `unit_id IS NOT NULL OR driver_key IS NOT NULL OR touchpoint_id IS NOT NULL`)
export class VoiceMessageEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: VoiceKind;

  @Column({ type: 'boolean' })
  anonymous!: boolean;

  @Column({ name: 'author_user_id', type: 'uuid', nullable: true })
  authorUserId!: string | null;

  @Column({ name: 'author_employee_id', type: 'uuid', nullable: true })
  authorEmployeeId!: string | null;

  /** The sender's unit when they wrote: groups anonymous voices for the threshold. */
  @Column({ name: 'sender_unit_id', type: 'uuid', nullable: true })
  senderUnitId!: string | null;

  /** What it is about: a unit, a driver, a touchpoint (at least one). */
  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @Column({ name: 'driver_key', type: 'text', nullable: true })
  driverKey!: string | null;

  @Column({ name: 'touchpoint_id', type: 'uuid', nullable: true })
  touchpointId!: string | null;

  /** The manager (employee) it is routed to; null when routed to HR. */
  @Column({ name: 'routed_employee_id', type: 'uuid', nullable: true })
  routedEmployeeId!: string | null;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'text' })
  status!: VoiceStatus;

  @Column({ name: 'reply_key_hash', type: 'text', nullable: true })
  replyKeyHash!: string | null;

  @Column({ name: 'created_on', type: 'date' })
  createdOn!: string;

  /** Named voices only: an anonymous one keeps its date, not its time. */
  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, nullable: true })
  createdAt!: Date | null;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_voice_messages_tenant' })
  tenant?: TenantEntity;
}

/** A message of the conversation about a voice: from staff, or from its sender. */
@Entity({ name: 'voice_replies' })
@Index('ix_voice_replies_voice', ['tenantId', 'voiceId'])
@Check('ck_voice_replies_author', `(author = 'staff') = (staff_user_id IS NOT NULL OR staff_api_key_id IS NOT NULL)`)
export class VoiceReplyEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'voice_id', type: 'uuid' })
  voiceId!: string;

  @Column({ type: 'text' })
  author!: 'staff' | 'sender';

  @Column({ name: 'staff_user_id', type: 'uuid', nullable: true })
  staffUserId!: string | null;

  @Column({ name: 'staff_api_key_id', type: 'uuid', nullable: true })
  staffApiKeyId!: string | null;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @ManyToOne(() => VoiceMessageEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_voice_replies_voice' },
    { name: 'voice_id', referencedColumnName: 'id' },
  ])
  voice?: VoiceMessageEntity;
}
