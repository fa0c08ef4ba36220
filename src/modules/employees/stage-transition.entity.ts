import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { EmployeeEntity } from './employee.entity.js';
import type { Stage, TransitionSource } from './domain/journey.js';

/** One move on the journey. Append-only: a trigger refuses updates and deletes. */
@Entity({ name: 'stage_transitions' })
@Index('ix_stage_transitions_employee', ['tenantId', 'employeeId', 'effectiveAt'])
@Index('ix_stage_transitions_to_stage', ['tenantId', 'toStage', 'effectiveAt'])
@Check('ck_stage_transitions_source', `source IN ('api', 'import', 'system', 'correction')`)
export class StageTransitionEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'employee_id', type: 'uuid' })
  employeeId!: string;

  /** Null for the stage an employee was created in. */
  @Column({ name: 'from_stage', type: 'text', nullable: true })
  fromStage!: Stage | null;

  @Column({ name: 'to_stage', type: 'text' })
  toStage!: Stage;

  @Column({ name: 'effective_at', type: 'timestamptz', precision: 3 })
  effectiveAt!: Date;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'text' })
  source!: TransitionSource;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ name: 'actor_api_key_id', type: 'uuid', nullable: true })
  actorApiKeyId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @ManyToOne(() => EmployeeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_stage_transitions_employee' },
    { name: 'employee_id', referencedColumnName: 'id' },
  ])
  employee?: EmployeeEntity;
}
