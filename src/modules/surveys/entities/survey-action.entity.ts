import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { UnitEntity } from '#src/modules/units/unit.entity.js';
import { UserEntity } from '#src/modules/users/user.entity.js';
import type { ActionStatus } from '../domain/actions.js';
import { SurveyDriverEntity } from './survey-driver.entity.js';
import { SurveyEntity } from './survey.entity.js';

/** "You said, we did": what a unit does about a driver after a survey, with an owner and a due date. */
@Entity({ name: 'survey_actions' })
@Index('ix_survey_actions_unit', ['tenantId', 'unitId', 'status'])
@Index('ix_survey_actions_survey', ['tenantId', 'surveyId'])
@Check('ck_survey_actions_status', `status IN ('planned', 'in_progress', 'done')`)
export class SurveyActionEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'survey_id', type: 'uuid' })
  surveyId!: string;

  /** The round it answers, if one. */
  @Column({ name: 'round_id', type: 'uuid', nullable: true })
  roundId!: string | null;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Column({ name: 'driver_key', type: 'text' })
  driverKey!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'owner_user_id', type: 'uuid', nullable: true })
  ownerUserId!: string | null;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn!: string | null;

  @Column({ type: 'text' })
  status!: ActionStatus;

  @Column({ name: 'done_at', type: 'timestamptz', precision: 3, nullable: true })
  doneAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @ManyToOne(() => SurveyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_survey_actions_survey' },
    { name: 'survey_id', referencedColumnName: 'id' },
  ])
  survey?: SurveyEntity;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_survey_actions_unit' },
    { name: 'unit_id', referencedColumnName: 'id' },
  ])
  unit?: UnitEntity;

  @ManyToOne(() => SurveyDriverEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_survey_actions_driver' },
    { name: 'driver_key', referencedColumnName: 'key' },
  ])
  driver?: SurveyDriverEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_survey_actions_owner' },
    { name: 'owner_user_id', referencedColumnName: 'id' },
  ])
  owner?: UserEntity;
}

/** One entry of an action's history: a note, and the status it moved to if it did. Append-only. */
@Entity({ name: 'survey_action_updates' })
@Index('ix_survey_action_updates_action', ['tenantId', 'actionId', 'createdAt'])
export class SurveyActionUpdateEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'action_id', type: 'uuid' })
  actionId!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** The status it moved to, when this update changed it. */
  @Column({ type: 'text', nullable: true })
  status!: ActionStatus | null;

  @Column({ name: 'author_user_id', type: 'uuid', nullable: true })
  authorUserId!: string | null;

  @Column({ name: 'author_api_key_id', type: 'uuid', nullable: true })
  authorApiKeyId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @ManyToOne(() => SurveyActionEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_survey_action_updates_action' },
    { name: 'action_id', referencedColumnName: 'id' },
  ])
  action?: SurveyActionEntity;
}
