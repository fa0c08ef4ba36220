import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { QuestionType } from '#src/modules/surveys/domain/questions.js';
import type { SentimentLabel } from '#src/modules/surveys/domain/sentiment.js';
import { ExitInterviewEntity } from './exit-interview.entity.js';

/** One answer of an exit interview, with the question's type and driver copied for aggregates. */
@Entity({ name: 'exit_interview_answers' })
export class ExitInterviewAnswerEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ name: 'interview_id', type: 'uuid' })
  interviewId!: string;

  @PrimaryColumn({ name: 'question_id', type: 'uuid' })
  questionId!: string;

  @Column({ name: 'question_type', type: 'text' })
  questionType!: QuestionType;

  @Column({ name: 'driver_key', type: 'text', nullable: true })
  driverKey!: string | null;

  @Column({ type: 'smallint', nullable: true })
  value!: number | null;

  @Column({ type: 'smallint', array: true, nullable: true })
  choices!: number[] | null;

  @Column({ type: 'text', nullable: true })
  text!: string | null;

  /** For text answers: comparative AFINN score, null for locales without a lexicon. */
  @Column({ name: 'sentiment_score', type: 'real', nullable: true })
  sentimentScore!: number | null;

  @Column({ name: 'sentiment_label', type: 'text', nullable: true })
  sentimentLabel!: SentimentLabel | null;

  @ManyToOne(() => ExitInterviewEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_exit_interview_answers_interview' },
    { name: 'interview_id', referencedColumnName: 'id' },
  ])
  interview?: ExitInterviewEntity;
}
