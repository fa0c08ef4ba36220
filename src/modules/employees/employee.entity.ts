import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { TenantEntity } from '#src/modules/tenancy/tenant.entity.js';
import { UnitEntity } from '#src/modules/units/unit.entity.js';
import type { EmploymentType, Stage } from './domain/journey.js';

/** A person on the journey. Only what reports need: no birth date, address or pay. */
@Entity({ name: 'employees' })
@Index('uq_employees_tenant_external_id', ['tenantId', 'externalId'], { unique: true, where: 'external_id IS NOT NULL' })
@Index('uq_employees_tenant_work_email', ['tenantId', 'workEmail'], { unique: true, where: 'work_email IS NOT NULL' })
@Index('ix_employees_tenant_unit', ['tenantId', 'unitId'])
@Index('ix_employees_tenant_manager', ['tenantId', 'managerId'])
@Index('ix_employees_tenant_stage', ['tenantId', 'stage'])
@Check('ck_employees_stage', `stage IN ('attract', 'hire', 'onboard', 'engage', 'perform', 'develop', 'depart')`)
@Check('ck_employees_employment_type', `employment_type IN ('full_time', 'part_time', 'contractor', 'intern', 'temporary')`)
@Check('ck_employees_work_email_lower', 'work_email = lower(work_email)')
@Check('ck_employees_dates', 'end_date IS NULL OR start_date IS NULL OR end_date >= start_date')
@Check('ck_employees_not_own_manager', 'manager_id IS NULL OR manager_id <> id')
export class EmployeeEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The HRIS's id; unique in the tenant when present. */
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  @Column({ name: 'first_name', type: 'text' })
  firstName!: string;

  @Column({ name: 'last_name', type: 'text' })
  lastName!: string;

  @Column({ name: 'work_email', type: 'text', nullable: true })
  workEmail!: string | null;

  @Column({ name: 'job_title', type: 'text', nullable: true })
  jobTitle!: string | null;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @Column({ name: 'manager_id', type: 'uuid', nullable: true })
  managerId!: string | null;

  @Column({ type: 'text', nullable: true })
  location!: string | null;

  @Column({ name: 'employment_type', type: 'text', nullable: true })
  employmentType!: EmploymentType | null;

  @Column({ name: 'start_date', type: 'date', nullable: true })
  startDate!: string | null;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate!: string | null;

  /** The colleague who referred this person (the "advocates" rung of the loyalty ladder). */
  @Column({ name: 'referred_by_id', type: 'uuid', nullable: true })
  referredById!: string | null;

  @Column({ type: 'text' })
  stage!: Stage;

  @Column({ name: 'stage_changed_at', type: 'timestamptz', precision: 3 })
  stageChangedAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;

  /** When the person was erased at their request (docs/privacy.md); nothing about them changes after. */
  @Column({ name: 'erased_at', type: 'timestamptz', precision: 3, nullable: true })
  erasedAt!: Date | null;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_employees_tenant' })
  tenant?: TenantEntity;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_employees_unit' },
    { name: 'unit_id', referencedColumnName: 'id' },
  ])
  unit?: UnitEntity;

  @ManyToOne(() => EmployeeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_employees_manager' },
    { name: 'manager_id', referencedColumnName: 'id' },
  ])
  manager?: EmployeeEntity;

  @ManyToOne(() => EmployeeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_employees_referred_by' },
    { name: 'referred_by_id', referencedColumnName: 'id' },
  ])
  referredBy?: EmployeeEntity;
}
