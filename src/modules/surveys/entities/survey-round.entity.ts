import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { AskedQuestion } from '../domain/questions.js';
import { SurveyEntity } from './survey.entity.js';

/** One asking of a survey. Keeps a frozen copy of what was asked. */
@Entity({ name: 'survey_rounds' })
@Index('uq_survey_rounds_number', ['tenantId', 'surveyId', 'number'], { unique: true })
@Index('ix_survey_rounds_open', ['closesAt'], { where: 'closed_at IS NULL' })
export class SurveyRoundEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'survey_id', type: 'uuid' })
  surveyId!: string;

  /** 1, 2, 3 … per survey. */
  @Column({ type: 'integer' })
  number!: number;

  /** Lifecycle surveys: the month (`YYYY-MM`) the round gathers; null for others. */
  @Column({ type: 'text', nullable: true })
  period!: string | null;

  @Column({ name: 'opened_at', type: 'timestamptz', precision: 3 })
  openedAt!: Date;

  @Column({ name: 'closes_at', type: 'timestamptz', precision: 3 })
  closesAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', precision: 3, nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'jsonb' })
  questions!: AskedQuestion[];

  @Column({ name: 'invited_count', type: 'integer' })
  invitedCount!: number;

  /** When the one reminder of the round went to those who had not answered. */
  @Column({ name: 'reminded_at', type: 'timestamptz', precision: 3, nullable: true })
  remindedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @ManyToOne(() => SurveyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_survey_rounds_survey' },
    { name: 'survey_id', referencedColumnName: 'id' },
  ])
  survey?: SurveyEntity;
}
