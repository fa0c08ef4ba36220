import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { LocalizedTexts, QuestionOption, QuestionPurpose, QuestionType } from '../domain/questions.js';
import { SurveyDriverEntity } from './survey-driver.entity.js';

/** A question of the tenant's bank. Rounds keep their own copy, so editing or retiring one changes nothing already asked. */
@Entity({ name: 'survey_questions' })
@Index('ix_survey_questions_driver', ['tenantId', 'driverKey'])
@Check('ck_survey_questions_purpose', `purpose IN ('survey', 'exit')`)
@Check('ck_survey_questions_type', `type IN ('likert5', 'enps', 'single_choice', 'multi_choice', 'text')`)
export class SurveyQuestionEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'driver_key', type: 'text', nullable: true })
  driverKey!: string | null;

  @Column({ type: 'text' })
  type!: QuestionType;

  /** The question per BCP 47 locale; `en` always present. */
  @Column({ type: 'jsonb' })
  texts!: LocalizedTexts;

  /** For choice questions: the options, each with texts per locale. */
  @Column({ type: 'jsonb', nullable: true })
  options!: QuestionOption[] | null;

  /** Survey rounds, or exit interviews only. */
  @Column({ type: 'text', default: 'survey' })
  purpose!: QuestionPurpose;

  @Column({ type: 'boolean' })
  builtin!: boolean;

  @Column({ name: 'retired_at', type: 'timestamptz', precision: 3, nullable: true })
  retiredAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @ManyToOne(() => SurveyDriverEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_survey_questions_driver' },
    { name: 'driver_key', referencedColumnName: 'key' },
  ])
  driver?: SurveyDriverEntity;
}
