import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { EmploymentType, Stage, TenurePhase } from '#src/modules/employees/domain/journey.js';
import { SurveyRoundEntity } from './survey-round.entity.js';

/**
 * An anonymous response: no employee, no invitation, no time of day, no IP — only the round, the
 * date and the segment the respondent was in (unit, tenure phase, stage, location, employment type,
 * referral hire). The id is random (v4), so ids reveal no order.
 */
@Entity({ name: 'survey_responses' })
@Index('ix_survey_responses_round', ['tenantId', 'roundId'])
@Index('uq_survey_responses_reply_key', ['tenantId', 'replyKeyHash'], { unique: true })
// A reply key carries no tenant: conversations find their response by the key's hash alone.
@Index('ix_survey_responses_reply_key_hash', ['replyKeyHash'])
export class SurveyResponseEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId!: string;

  @Column({ name: 'submitted_on', type: 'date' })
  submittedOn!: string;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @Column({ name: 'tenure_phase', type: 'text', nullable: true })
  tenurePhase!: TenurePhase | null;

  @Column({ type: 'text', nullable: true })
  stage!: Stage | null;

  @Column({ type: 'text', nullable: true })
  location!: string | null;

  /** Null when unknown, and for every response submitted before it was part of the snapshot. */
  @Column({ name: 'employment_type', type: 'text', nullable: true })
  employmentType!: EmploymentType | null;

  /** Whether the respondent was hired through a referral; null for responses submitted before it was part of the snapshot. */
  @Column({ name: 'referral_hire', type: 'boolean', nullable: true })
  referralHire!: boolean | null;

  @Column({ type: 'text' })
  locale!: string;

  /** SHA-256 of the private reply key only the respondent holds (anonymous conversations). */
  @Column({ name: 'reply_key_hash', type: 'text' })
  replyKeyHash!: string;

  @ManyToOne(() => SurveyRoundEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_survey_responses_round' },
    { name: 'round_id', referencedColumnName: 'id' },
  ])
  round?: SurveyRoundEntity;
}
