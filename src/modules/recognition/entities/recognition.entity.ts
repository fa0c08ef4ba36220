import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { EmployeeEntity } from '#src/modules/employees/employee.entity.js';
import { SurveyDriverEntity } from '#src/modules/surveys/entities/survey-driver.entity.js';
import { TenantEntity } from '#src/modules/tenancy/tenant.entity.js';
import type { RecognitionVisibility } from '../domain/recognition.js';

/** A thank-you from one person to one or more colleagues. Deleted ones stay, hidden, for the record. */
@Entity({ name: 'recognitions' })
@Index('ix_recognitions_created', ['tenantId', 'createdAt'])
@Check('ck_recognitions_visibility', `visibility IN ('public', 'private')`)
export class RecognitionEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The user who wrote it (null for an API key). */
  @Column({ name: 'author_user_id', type: 'uuid', nullable: true })
  authorUserId!: string | null;

  /** The employee the author is, when linked; with their unit then, for counts of recognitions given. */
  @Column({ name: 'author_employee_id', type: 'uuid', nullable: true })
  authorEmployeeId!: string | null;

  @Column({ name: 'author_unit_id', type: 'uuid', nullable: true })
  authorUnitId!: string | null;

  @Column({ type: 'text' })
  message!: string;

  /** One of the organisation's values, in its own words. */
  @Column({ name: 'company_value', type: 'text', nullable: true })
  companyValue!: string | null;

  @Column({ name: 'driver_key', type: 'text', nullable: true })
  driverKey!: string | null;

  @Column({ type: 'text' })
  visibility!: RecognitionVisibility;

  @Column({ name: 'edited_at', type: 'timestamptz', precision: 3, nullable: true })
  editedAt!: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', precision: 3, nullable: true })
  deletedAt!: Date | null;

  @Column({ name: 'deleted_by_user_id', type: 'uuid', nullable: true })
  deletedByUserId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_recognitions_tenant' })
  tenant?: TenantEntity;

  @ManyToOne(() => EmployeeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_recognitions_author_employee' },
    { name: 'author_employee_id', referencedColumnName: 'id' },
  ])
  authorEmployee?: EmployeeEntity;

  @ManyToOne(() => SurveyDriverEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_recognitions_driver' },
    { name: 'driver_key', referencedColumnName: 'key' },
  ])
  driver?: SurveyDriverEntity;
}

/** A colleague a recognition names, with the unit they were in then (counts per unit read it). */
@Entity({ name: 'recognition_recipients' })
@Index('ix_recognition_recipients_employee', ['tenantId', 'employeeId'])
@Index('ix_recognition_recipients_unit', ['tenantId', 'unitId'])
export class RecognitionRecipientEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ name: 'recognition_id', type: 'uuid' })
  recognitionId!: string;

  @PrimaryColumn({ name: 'employee_id', type: 'uuid' })
  employeeId!: string;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @ManyToOne(() => RecognitionEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_recognition_recipients_recognition' },
    { name: 'recognition_id', referencedColumnName: 'id' },
  ])
  recognition?: RecognitionEntity;

  @ManyToOne(() => EmployeeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_recognition_recipients_employee' },
    { name: 'employee_id', referencedColumnName: 'id' },
  ])
  employee?: EmployeeEntity;
}
