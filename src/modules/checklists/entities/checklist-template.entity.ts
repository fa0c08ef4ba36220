import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { TenantEntity } from '#src/modules/tenancy/tenant.entity.js';
import type { ChecklistKind, TemplateTask } from '../domain/templates.js';

/** A checklist template; its tasks live in immutable versions, so running checklists never change. */
@Entity({ name: 'checklist_templates' })
@Check('ck_checklist_templates_kind', `kind IN ('onboarding', 'offboarding', 'custom')`)
export class ChecklistTemplateEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: ChecklistKind;

  /** The number of the version new checklists run. */
  @Column({ name: 'current_version', type: 'integer' })
  currentVersion!: number;

  @Column({ name: 'archived_at', type: 'timestamptz', precision: 3, nullable: true })
  archivedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_checklist_templates_tenant' })
  tenant?: TenantEntity;
}

/** One immutable version of a template's tasks. */
@Entity({ name: 'checklist_template_versions' })
@Index('uq_checklist_template_versions_number', ['tenantId', 'templateId', 'number'], { unique: true })
export class ChecklistTemplateVersionEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'template_id', type: 'uuid' })
  templateId!: string;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'jsonb' })
  tasks!: TemplateTask[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @ManyToOne(() => ChecklistTemplateEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_checklist_template_versions_template' },
    { name: 'template_id', referencedColumnName: 'id' },
  ])
  template?: ChecklistTemplateEntity;
}
