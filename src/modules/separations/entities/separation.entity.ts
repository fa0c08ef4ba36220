import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Stage } from '#src/modules/employees/domain/journey.js';
import { EmployeeEntity } from '#src/modules/employees/employee.entity.js';
import type { SeparationStatus, SeparationType } from '../domain/separations.js';
import { SeparationReasonEntity } from './separation-reason.entity.js';

/**
 * The end of an employment: when, how, why. The unit, manager and start date are copied from the
 * employee when it is recorded, so reports read the exit as it was even after a rehire or a move.
 */
@Entity({ name: 'separations' })
@Index('uq_separations_active', ['tenantId', 'employeeId'], { unique: true, where: `status = 'active'` })
@Index('ix_separations_last_day', ['tenantId', 'lastWorkingDay'])
@Check('ck_separations_type', `type IN ('voluntary', 'involuntary', 'retirement', 'end_of_contract')`)
@Check('ck_separations_status', `status IN ('active', 'withdrawn')`)
@Check('ck_separations_dates', `last_working_day >= notice_date`)
@Check('ck_separations_alumni', `(alumni_opt_in AND alumni_email IS NOT NULL) OR (NOT alumni_opt_in AND alumni_email IS NULL)`)
@Check('ck_separations_withdrawn', `(status = 'withdrawn') = (withdrawn_at IS NOT NULL)`)
export class SeparationEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'employee_id', type: 'uuid' })
  employeeId!: string;

  @Column({ type: 'text' })
  status!: SeparationStatus;

  @Column({ type: 'text' })
  type!: SeparationType;

  @Column({ name: 'notice_date', type: 'date' })
  noticeDate!: string;

  @Column({ name: 'last_working_day', type: 'date' })
  lastWorkingDay!: string;

  /** Null until HR or the manager says. */
  @Column({ type: 'boolean', nullable: true })
  regrettable!: boolean | null;

  @Column({ name: 'primary_reason', type: 'text' })
  primaryReason!: string;

  @Column({ name: 'secondary_reasons', type: 'text', array: true })
  secondaryReasons!: string[];

  /** Null until decided. */
  @Column({ name: 'rehire_eligible', type: 'boolean', nullable: true })
  rehireEligible!: boolean | null;

  /** Consent to stay in touch, with the contact e-mail the leaver gave. */
  @Column({ name: 'alumni_opt_in', type: 'boolean' })
  alumniOptIn!: boolean;

  @Column({ name: 'alumni_email', type: 'text', nullable: true })
  alumniEmail!: string | null;

  /** The stage the employee left for depart: where a withdrawal returns them. */
  @Column({ name: 'previous_stage', type: 'text', nullable: true })
  previousStage!: Stage | null;

  /** The employee's end date before this separation set it, restored by a withdrawal. */
  @Column({ name: 'previous_end_date', type: 'date', nullable: true })
  previousEndDate!: string | null;

  @Column({ name: 'start_date', type: 'date', nullable: true })
  startDate!: string | null;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @Column({ name: 'manager_id', type: 'uuid', nullable: true })
  managerId!: string | null;

  /** The offboarding checklist the separation started (or found running). */
  @Column({ name: 'checklist_id', type: 'uuid', nullable: true })
  checklistId!: string | null;

  @Column({ name: 'recorded_by_user_id', type: 'uuid', nullable: true })
  recordedByUserId!: string | null;

  @Column({ name: 'recorded_by_api_key_id', type: 'uuid', nullable: true })
  recordedByApiKeyId!: string | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', precision: 3, nullable: true })
  withdrawnAt!: Date | null;

  @Column({ name: 'withdrawal_reason', type: 'text', nullable: true })
  withdrawalReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @ManyToOne(() => EmployeeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_separations_employee' },
    { name: 'employee_id', referencedColumnName: 'id' },
  ])
  employee?: EmployeeEntity;

  @ManyToOne(() => SeparationReasonEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_separations_primary_reason' },
    { name: 'primary_reason', referencedColumnName: 'key' },
  ])
  reason?: SeparationReasonEntity;
}
