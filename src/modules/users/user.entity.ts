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
import type { Role } from '#src/common/auth/principal.js';
import { EmployeeEntity } from '#src/modules/employees/employee.entity.js';
import { TenantEntity } from '#src/modules/tenancy/tenant.entity.js';

/** Someone who signs in to Tandem (HR, a manager, an employee). Keyed by tenant first, like every tenant-owned row. */
@Entity({ name: 'users' })
@Index('uq_users_tenant_email', ['tenantId', 'email'], { unique: true })
@Index('ix_users_email', ['email'])
@Index('uq_users_employee', ['tenantId', 'employeeId'], { unique: true, where: 'employee_id IS NOT NULL' })
@Check('ck_users_role', `role IN ('hr_admin', 'manager', 'employee', 'integration')`)
@Check('ck_users_email_lower', 'email = lower(email)')
export class UserEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_users_tenant' })
  tenant?: TenantEntity;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Lower-cased work e-mail; unique within the tenant. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ name: 'display_name', type: 'text', nullable: true })
  displayName!: string | null;

  /**
   * The employee this user is, if any. A manager's reporting line (the units they manage, with
   * sub-units) is read through it, and so is what they may see of survey results.
   */
  @Column({ name: 'employee_id', type: 'uuid', nullable: true })
  employeeId!: string | null;

  @ManyToOne(() => EmployeeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_users_employee' },
    { name: 'employee_id', referencedColumnName: 'id' },
  ])
  employee?: EmployeeEntity;

  @Column({ type: 'text' })
  role!: Role;

  /** argon2id hash; null for a user who cannot sign in with a password. */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ name: 'deactivated_at', type: 'timestamptz', precision: 3, nullable: true })
  deactivatedAt!: Date | null;

  @Column({ name: 'last_login_at', type: 'timestamptz', precision: 3, nullable: true })
  lastLoginAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
