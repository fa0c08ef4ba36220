import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SurveyQuestionEntity } from '#src/modules/surveys/entities/survey-question.entity.js';

/** The tenant's exit questionnaire: questions of the survey bank, in order. */
@Entity({ name: 'exit_questionnaire_questions' })
export class ExitQuestionnaireQuestionEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ name: 'question_id', type: 'uuid' })
  questionId!: string;

  @Column({ type: 'smallint' })
  position!: number;

  @ManyToOne(() => SurveyQuestionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_exit_questionnaire_questions_question' },
    { name: 'question_id', referencedColumnName: 'id' },
  ])
  question?: SurveyQuestionEntity;
}
