import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { PlaybookEntity } from './playbook.entity.js';

export const RUN_STATUSES = ['pending', 'done', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** One firing of a playbook for one event: unique per playbook and event, so it runs once. */
@Entity({ name: 'playbook_runs' })
@Index('uq_playbook_runs_event', ['tenantId', 'playbookId', 'eventId'], { unique: true })
@Index('ix_playbook_runs_due', ['dueAt'], { where: `status = 'pending'` })
@Index('ix_playbook_runs_playbook', ['tenantId', 'playbookId', 'createdAt'])
@Check('ck_playbook_runs_status', `status IN ('pending', 'done', 'failed')`)
export class PlaybookRunEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'playbook_id', type: 'uuid' })
  playbookId!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'employee_id', type: 'uuid' })
  employeeId!: string;

  @Column({ name: 'due_at', type: 'timestamptz', precision: 3 })
  dueAt!: Date;

  @Column({ type: 'text', default: 'pending' })
  status!: RunStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'jsonb', nullable: true })
  result!: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', precision: 3, nullable: true })
  completedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @ManyToOne(() => PlaybookEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_playbook_runs_playbook' },
    { name: 'playbook_id', referencedColumnName: 'id' },
  ])
  playbook?: PlaybookEntity;
}
