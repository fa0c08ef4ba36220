import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Stage, TenurePhase } from '#src/modules/employees/domain/journey.js';
import type { SentimentLabel } from '../domain/sentiment.js';
import type { WatchCategory } from '../domain/watch-terms.js';
import { SurveyResponseEntity } from './survey-response.entity.js';
import { SurveyRoundEntity } from './survey-round.entity.js';

/**
 * A free-text answer as a comment: its sentiment, whether it matched a watch list, and the
 * respondent's segment so comments filter like results. Dated by its round only: no timestamp
 * column, and the id is random (v4), so neither reveals when it was written or in what order.
 */
@Entity({ name: 'survey_comments' })
@Index('ix_survey_comments_round', ['tenantId', 'roundId', 'id'])
@Index('uq_survey_comments_answer', ['tenantId', 'responseId', 'questionId'], { unique: true })
@Check('ck_survey_comments_sentiment', `sentiment_label IN ('positive', 'neutral', 'negative')`)
@Check('ck_survey_comments_sentiment_score', '(sentiment_label IS NULL) = (sentiment_score IS NULL)')
@Check('ck_survey_comments_flagged', 'flagged = (flag_categories IS NOT NULL)')
export class SurveyCommentEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId!: string;

  @Column({ name: 'question_id', type: 'uuid' })
  questionId!: string;

  /** The question's driver when asked; null for questions without one. */
  @Column({ name: 'driver_key', type: 'text', nullable: true })
  driverKey!: string | null;

  /** The anonymous response it belongs to: how a reply key finds its comments. */
  @Column({ name: 'response_id', type: 'uuid' })
  responseId!: string;

  @Column({ type: 'text' })
  text!: string;

  /** Comparative AFINN score; null (with the label) for a language the lexicon does not cover. */
  @Column({ name: 'sentiment_score', type: 'double precision', nullable: true })
  sentimentScore!: number | null;

  @Column({ name: 'sentiment_label', type: 'text', nullable: true })
  sentimentLabel!: SentimentLabel | null;

  @Column({ type: 'text' })
  locale!: string;

  /** Matched a watch term when written (later changes to the lists do not flag it again). */
  @Column({ type: 'boolean' })
  flagged!: boolean;

  @Column({ name: 'flag_categories', type: 'text', array: true, nullable: true })
  flagCategories!: WatchCategory[] | null;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @Column({ name: 'tenure_phase', type: 'text', nullable: true })
  tenurePhase!: TenurePhase | null;

  @Column({ type: 'text', nullable: true })
  stage!: Stage | null;

  @Column({ type: 'text', nullable: true })
  location!: string | null;

  @ManyToOne(() => SurveyRoundEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_survey_comments_round' },
    { name: 'round_id', referencedColumnName: 'id' },
  ])
  round?: SurveyRoundEntity;

  @ManyToOne(() => SurveyResponseEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_survey_comments_response' },
    { name: 'response_id', referencedColumnName: 'id' },
  ])
  response?: SurveyResponseEntity;
}
