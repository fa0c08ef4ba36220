import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { EmployeeEntity } from '#src/modules/employees/employee.entity.js';

/** One kind of data kept through an erasure, and why (docs/privacy.md). */
export interface RetainedData {
  readonly data: string;
  readonly reason: string;
}

/**
 * The record of an erasure: when, by whom, the reason HR gave, what was changed (rows per table)
 * and what was kept and why. Kept itself, and shown in the person's data export.
 */
@Entity({ name: 'employee_erasures' })
@Index('uq_employee_erasures_employee', ['tenantId', 'employeeId'], { unique: true })
export class EmployeeErasureEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'employee_id', type: 'uuid' })
  employeeId!: string;

  /** HR's reason (the request and how it was verified), not the person's words. */
  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'erased_by_user_id', type: 'uuid', nullable: true })
  erasedByUserId!: string | null;

  @Column({ name: 'erased_by_api_key_id', type: 'uuid', nullable: true })
  erasedByApiKeyId!: string | null;

  /** Rows anonymised, revoked or deleted, by table. */
  @Column({ type: 'jsonb' })
  changed!: Record<string, number>;

  @Column({ type: 'jsonb' })
  retained!: RetainedData[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @ManyToOne(() => EmployeeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_employee_erasures_employee' },
    { name: 'employee_id', referencedColumnName: 'id' },
  ])
  employee?: EmployeeEntity;
}
