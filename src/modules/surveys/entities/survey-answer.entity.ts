import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SurveyResponseEntity } from './survey-response.entity.js';

/** One answer of a response: a value (likert 1–5, eNPS 0–10, single choice index), choice indexes, or text. */
@Entity({ name: 'survey_answers' })
export class SurveyAnswerEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ name: 'response_id', type: 'uuid' })
  responseId!: string;

  @PrimaryColumn({ name: 'question_id', type: 'uuid' })
  questionId!: string;

  @Column({ type: 'smallint', nullable: true })
  value!: number | null;

  @Column({ type: 'smallint', array: true, nullable: true })
  choices!: number[] | null;

  @Column({ type: 'text', nullable: true })
  text!: string | null;

  @ManyToOne(() => SurveyResponseEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_survey_answers_response' },
    { name: 'response_id', referencedColumnName: 'id' },
  ])
  response?: SurveyResponseEntity;
}
