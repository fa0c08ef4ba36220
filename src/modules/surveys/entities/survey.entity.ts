import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { TenantEntity } from '#src/modules/tenancy/tenant.entity.js';
import type { Audience, Cadence, SurveyKind } from '../domain/surveys.js';

@Entity({ name: 'surveys' })
@Index('ix_surveys_next_round', ['nextRoundAt'], { where: 'next_round_at IS NOT NULL AND archived_at IS NULL' })
@Check('ck_surveys_kind', `kind IN ('pulse', 'lifecycle', 'adhoc')`)
@Check('ck_surveys_cadence', `(kind = 'pulse') = (cadence IS NOT NULL)`)
@Check('ck_surveys_cadence_values', `cadence IN ('weekly', 'biweekly', 'monthly', 'quarterly')`)
@Check('ck_surveys_thresholds', 'anonymity_threshold >= 3 AND comment_threshold >= 3')
@Check('ck_surveys_window', 'window_days BETWEEN 1 AND 90')
export class SurveyEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: SurveyKind;

  /** Pulses only: how often a round opens. */
  @Column({ type: 'text', nullable: true })
  cadence!: Cadence | null;

  /** Pulses only: questions asked per round besides eNPS (null: all of them). */
  @Column({ name: 'questions_per_round', type: 'smallint', nullable: true })
  questionsPerRound!: number | null;

  /** Who is invited: units (with sub-units), stages, tenure phases, locations; an empty list means any. */
  @Column({ type: 'jsonb' })
  audience!: Audience;

  /** The chosen questions of the bank, in the order asked. */
  @Column({ name: 'question_ids', type: 'uuid', array: true })
  questionIds!: string[];

  /** Days a round stays open. */
  @Column({ name: 'window_days', type: 'smallint' })
  windowDays!: number;

  /** `k`: no result for fewer respondents. Can only go up once a round has opened. */
  @Column({ name: 'anonymity_threshold', type: 'smallint' })
  anonymityThreshold!: number;

  /** Comments are shown only for groups at least this large. Can only go up once a round has opened. */
  @Column({ name: 'comment_threshold', type: 'smallint' })
  commentThreshold!: number;

  /** Set when the first round opens: from then on thresholds can only be raised. */
  @Column({ name: 'thresholds_locked_at', type: 'timestamptz', precision: 3, nullable: true })
  thresholdsLockedAt!: Date | null;

  /** Pulses: when the scheduler opens the next round. */
  @Column({ name: 'next_round_at', type: 'timestamptz', precision: 3, nullable: true })
  nextRoundAt!: Date | null;

  @Column({ name: 'archived_at', type: 'timestamptz', precision: 3, nullable: true })
  archivedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_surveys_tenant' })
  tenant?: TenantEntity;
}
