import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '#src/modules/users/user.entity.js';

/** pending: to send; sent: the mail server took it; off: no mail server was configured that day. */
export type NotificationStatus = 'pending' | 'sent' | 'off';

/**
 * The outbox of reminder e-mails: one digest per assignee and day (unique), with its delivery
 * state. Failed sends are retried with backoff; none is dropped.
 */
@Entity({ name: 'checklist_notifications' })
@Index('uq_checklist_notifications_day', ['tenantId', 'userId', 'day'], { unique: true })
@Index('ix_checklist_notifications_due', ['nextAttemptAt'], { where: `status = 'pending'` })
@Check('ck_checklist_notifications_status', `status IN ('pending', 'sent', 'off')`)
export class ChecklistNotificationEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /** The assignee's day (tenant's calendar) the digest is for. */
  @Column({ type: 'date' })
  day!: string;

  @Column({ type: 'text' })
  recipient!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'task_ids', type: 'uuid', array: true })
  taskIds!: string[];

  @Column({ type: 'text' })
  status!: NotificationStatus;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', precision: 3 })
  nextAttemptAt!: Date;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', precision: 3, nullable: true })
  sentAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_checklist_notifications_user' },
    { name: 'user_id', referencedColumnName: 'id' },
  ])
  user?: UserEntity;
}
