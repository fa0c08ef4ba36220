import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { SealedReply } from '../domain/sealed-reply.js';
import type { PendingSubmission } from '../domain/submission.js';
import { SurveyRoundEntity } from './survey-round.entity.js';

/**
 * What makes a submission retry-safe without tying it to anyone: keyed by SHA-256 of the token,
 * the client's submission id and the body, none of which is stored. Holds the answers until they
 * are applied, and the reply to repeat to a retry, its reply key sealed under the token and
 * submission id (see sealed-reply.ts); purged a day after.
 */
@Entity({ name: 'survey_receipts' })
@Index('ix_survey_receipts_expires', ['expiresAt'])
export class SurveyReceiptEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ name: 'key_hash', type: 'text' })
  keyHash!: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId!: string;

  /** The submission until it is applied; null after. */
  @Column({ type: 'jsonb', nullable: true })
  pending!: PendingSubmission | null;

  @Column({ type: 'jsonb' })
  reply!: SealedReply;

  @Column({ name: 'expires_at', type: 'timestamptz', precision: 3 })
  expiresAt!: Date;

  @ManyToOne(() => SurveyRoundEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_survey_receipts_round' },
    { name: 'round_id', referencedColumnName: 'id' },
  ])
  round?: SurveyRoundEntity;
}
