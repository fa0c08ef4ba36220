import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { EmployeeEntity } from '#src/modules/employees/employee.entity.js';
import type { AssigneeRule } from '../domain/templates.js';
import { ChecklistTemplateEntity, ChecklistTemplateVersionEntity } from './checklist-template.entity.js';

export type ChecklistStatus = 'running' | 'completed' | 'cancelled';
export type TaskStatus = 'open' | 'done' | 'skipped';

/** One run of a template version for an employee. At most one runs per employee and template. */
@Entity({ name: 'checklists' })
@Index('uq_checklists_running', ['tenantId', 'employeeId', 'templateId'], { unique: true, where: `status = 'running'` })
@Index('ix_checklists_template', ['tenantId', 'templateId', 'status'])
@Check('ck_checklists_status', `status IN ('running', 'completed', 'cancelled')`)
export class ChecklistEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'employee_id', type: 'uuid' })
  employeeId!: string;

  @Column({ name: 'template_id', type: 'uuid' })
  templateId!: string;

  @Column({ name: 'template_version_id', type: 'uuid' })
  templateVersionId!: string;

  @Column({ name: 'anchor_date', type: 'date' })
  anchorDate!: string;

  @Column({ type: 'text' })
  status!: ChecklistStatus;

  @Column({ name: 'completed_at', type: 'timestamptz', precision: 3, nullable: true })
  completedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @ManyToOne(() => EmployeeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_checklists_employee' },
    { name: 'employee_id', referencedColumnName: 'id' },
  ])
  employee?: EmployeeEntity;

  @ManyToOne(() => ChecklistTemplateEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_checklists_template' },
    { name: 'template_id', referencedColumnName: 'id' },
  ])
  template?: ChecklistTemplateEntity;

  @ManyToOne(() => ChecklistTemplateVersionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_checklists_template_version' },
    { name: 'template_version_id', referencedColumnName: 'id' },
  ])
  templateVersion?: ChecklistTemplateVersionEntity;
}

/** A task of a running checklist, with its assignee and due date resolved when the checklist started. */
@Entity({ name: 'checklist_tasks' })
@Index('uq_checklist_tasks_key', ['tenantId', 'checklistId', 'key'], { unique: true })
@Index('ix_checklist_tasks_assignee', ['tenantId', 'assigneeUserId', 'status', 'dueOn'])
@Check('ck_checklist_tasks_status', `status IN ('open', 'done', 'skipped')`)
export class ChecklistTaskEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'checklist_id', type: 'uuid' })
  checklistId!: string;

  @Column({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'boolean' })
  required!: boolean;

  @Column({ name: 'depends_on', type: 'text', array: true })
  dependsOn!: string[];

  @Column({ name: 'assignee_rule', type: 'text' })
  assigneeRule!: AssigneeRule;

  /** The person who does it; null when the rule resolves to nobody in particular (HR picks it up). */
  @Column({ name: 'assignee_user_id', type: 'uuid', nullable: true })
  assigneeUserId!: string | null;

  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  @Column({ type: 'text' })
  status!: TaskStatus;

  @Column({ name: 'completed_at', type: 'timestamptz', precision: 3, nullable: true })
  completedAt!: Date | null;

  /** Raised by every change (TypeORM's update builder adds `version = version + 1`). */
  @VersionColumn({ type: 'integer' })
  version!: number;

  @ManyToOne(() => ChecklistEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_checklist_tasks_checklist' },
    { name: 'checklist_id', referencedColumnName: 'id' },
  ])
  checklist?: ChecklistEntity;
}

/** One change of a task: who did what, when, with which comment. Append-only. */
@Entity({ name: 'checklist_task_events' })
@Index('ix_checklist_task_events_task', ['tenantId', 'taskId', 'createdAt'])
export class ChecklistTaskEventEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus!: TaskStatus | null;

  @Column({ name: 'to_status', type: 'text', nullable: true })
  toStatus!: TaskStatus | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ name: 'actor_api_key_id', type: 'uuid', nullable: true })
  actorApiKeyId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @ManyToOne(() => ChecklistTaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_checklist_task_events_task' },
    { name: 'task_id', referencedColumnName: 'id' },
  ])
  task?: ChecklistTaskEntity;
}
