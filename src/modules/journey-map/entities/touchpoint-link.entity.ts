import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { TouchpointEntity } from './touchpoint.entity.js';

export type TouchpointLinkKind = 'checklist_task' | 'survey_question';

/**
 * Evidence for a touchpoint: a checklist template's task (by template and task key, so every version
 * counts) or a survey question of the bank.
 */
@Entity({ name: 'touchpoint_links' })
@Index('ix_touchpoint_links_touchpoint', ['tenantId', 'touchpointId'])
@Check('ck_touchpoint_links_kind', `(kind = 'checklist_task' AND template_id IS NOT NULL AND task_key IS NOT NULL AND question_id IS NULL) OR (kind = 'survey_question' AND question_id IS NOT NULL AND template_id IS NULL AND task_key IS NULL)`)
export class TouchpointLinkEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'touchpoint_id', type: 'uuid' })
  touchpointId!: string;

  @Column({ type: 'text' })
  kind!: TouchpointLinkKind;

  @Column({ name: 'template_id', type: 'uuid', nullable: true })
  templateId!: string | null;

  @Column({ name: 'task_key', type: 'text', nullable: true })
  taskKey!: string | null;

  @Column({ name: 'question_id', type: 'uuid', nullable: true })
  questionId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @ManyToOne(() => TouchpointEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_touchpoint_links_touchpoint' },
    { name: 'touchpoint_id', referencedColumnName: 'id' },
  ])
  touchpoint?: TouchpointEntity;
}
