import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SurveyRoundEntity } from './survey-round.entity.js';

/**
 * Respondents per round and segment. With {@link SurveyRollupEntity}, all results read: kept
 * current by each submission, so a results request never scans answers.
 */
@Entity({ name: 'survey_segment_counts' })
export class SurveySegmentCountEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ name: 'round_id', type: 'uuid' })
  roundId!: string;

  /**
   * `unit|tenure phase|stage|location|employment type|referral hire`, empty parts for unknown: one
   * row per distinct segment. Rows of responses from before employment type and referral hire were
   * part of the snapshot keep the four-part key.
   */
  @PrimaryColumn({ name: 'segment_key', type: 'text' })
  segmentKey!: string;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @Column({ name: 'tenure_phase', type: 'text', nullable: true })
  tenurePhase!: string | null;

  @Column({ type: 'text', nullable: true })
  stage!: string | null;

  @Column({ type: 'text', nullable: true })
  location!: string | null;

  @Column({ name: 'employment_type', type: 'text', nullable: true })
  employmentType!: string | null;

  @Column({ name: 'referral_hire', type: 'boolean', nullable: true })
  referralHire!: boolean | null;

  @Column({ type: 'integer' })
  respondents!: number;

  @ManyToOne(() => SurveyRoundEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_survey_segment_counts_round' },
    { name: 'round_id', referencedColumnName: 'id' },
  ])
  round?: SurveyRoundEntity;
}

/** Per round, segment and scored question: how many answered, their sum, and how many gave each value. */
@Entity({ name: 'survey_rollups' })
export class SurveyRollupEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ name: 'round_id', type: 'uuid' })
  roundId!: string;

  @PrimaryColumn({ name: 'segment_key', type: 'text' })
  segmentKey!: string;

  @PrimaryColumn({ name: 'question_id', type: 'uuid' })
  questionId!: string;

  @Column({ type: 'integer' })
  answered!: number;

  @Column({ type: 'integer' })
  total!: number;

  /** `histogram[v]` = answers with value v (0–10 for eNPS, 1–5 for likert, option index for choices). */
  @Column({ type: 'integer', array: true })
  histogram!: number[];

  @ManyToOne(() => SurveySegmentCountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_survey_rollups_segment' },
    { name: 'round_id', referencedColumnName: 'roundId' },
    { name: 'segment_key', referencedColumnName: 'segmentKey' },
  ])
  segment?: SurveySegmentCountEntity;
}
