import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Stage, TenurePhase } from '#src/modules/employees/domain/journey.js';
import type { PainPointSource, PainPointStatus } from '../domain/touchpoints.js';
import { TouchpointEntity } from './touchpoint.entity.js';

/**
 * Friction reported at a touchpoint. An anonymous report keeps no person and only the day; every
 * report keeps the segment snapshot reports are read by.
 */
@Entity({ name: 'pain_points' })
@Index('ix_pain_points_touchpoint', ['tenantId', 'touchpointId', 'status'])
@Check('ck_pain_points_severity', 'severity BETWEEN 1 AND 5')
@Check('ck_pain_points_source', `source IN ('employee', 'anonymous', 'observation', 'survey_comment')`)
@Check('ck_pain_points_status', `status IN ('new', 'acknowledged', 'in_progress', 'resolved', 'wont_fix')`)
@Check('ck_pain_points_anonymous', `(source IN ('anonymous', 'survey_comment')) = (reporter_user_id IS NULL AND reporter_api_key_id IS NULL)`)
export class PainPointEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'touchpoint_id', type: 'uuid' })
  touchpointId!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'smallint' })
  severity!: number;

  @Column({ type: 'text' })
  source!: PainPointSource;

  @Column({ name: 'reporter_user_id', type: 'uuid', nullable: true })
  reporterUserId!: string | null;

  @Column({ name: 'reporter_api_key_id', type: 'uuid', nullable: true })
  reporterApiKeyId!: string | null;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @Column({ name: 'tenure_phase', type: 'text', nullable: true })
  tenurePhase!: TenurePhase | null;

  @Column({ type: 'text', nullable: true })
  stage!: Stage | null;

  @Column({ type: 'text', nullable: true })
  location!: string | null;

  @Column({ type: 'text' })
  status!: PainPointStatus;

  @Column({ name: 'resolution_note', type: 'text', nullable: true })
  resolutionNote!: string | null;

  @Column({ name: 'action_id', type: 'uuid', nullable: true })
  actionId!: string | null;

  @Column({ name: 'me_too_count', type: 'integer' })
  meTooCount!: number;

  /** The day it was reported (no time: an anonymous report must not be lined up with a login). */
  @Column({ name: 'reported_on', type: 'date' })
  reportedOn!: string;

  @Column({ name: 'resolved_on', type: 'date', nullable: true })
  resolvedOn!: string | null;

  @ManyToOne(() => TouchpointEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_pain_points_touchpoint' },
    { name: 'touchpoint_id', referencedColumnName: 'id' },
  ])
  touchpoint?: TouchpointEntity;
}

/** One status move of a pain point, with its note. Append-only. */
@Entity({ name: 'pain_point_events' })
@Index('ix_pain_point_events_pain_point', ['tenantId', 'painPointId', 'createdAt'])
export class PainPointEventEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'pain_point_id', type: 'uuid' })
  painPointId!: string;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus!: PainPointStatus | null;

  @Column({ name: 'to_status', type: 'text' })
  toStatus!: PainPointStatus;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @ManyToOne(() => PainPointEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_pain_point_events_pain_point' },
    { name: 'pain_point_id', referencedColumnName: 'id' },
  ])
  painPoint?: PainPointEntity;
}

/** "Me too", once per person: keyed by an HMAC of the person, so the row does not say who. */
@Entity({ name: 'pain_point_me_toos' })
export class PainPointMeTooEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ name: 'pain_point_id', type: 'uuid' })
  painPointId!: string;

  @PrimaryColumn({ name: 'voter_hash', type: 'text' })
  voterHash!: string;

  @ManyToOne(() => PainPointEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_pain_point_me_toos_pain_point' },
    { name: 'pain_point_id', referencedColumnName: 'id' },
  ])
  painPoint?: PainPointEntity;
}
