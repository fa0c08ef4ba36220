import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { EmployeeEntity } from './employee.entity.js';

/** Who belonged where when: one period with constant unit, manager and job title. */
@Entity({ name: 'employee_assignments' })
@Index('ix_employee_assignments_employee', ['tenantId', 'employeeId', 'validFrom'])
@Index('ix_employee_assignments_unit', ['tenantId', 'unitId', 'validFrom'])
export class EmployeeAssignmentEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'employee_id', type: 'uuid' })
  employeeId!: string;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @Column({ name: 'manager_id', type: 'uuid', nullable: true })
  managerId!: string | null;

  @Column({ name: 'job_title', type: 'text', nullable: true })
  jobTitle!: string | null;

  @Column({ name: 'valid_from', type: 'timestamptz', precision: 3 })
  validFrom!: Date;

  /** Null while current. */
  @Column({ name: 'valid_to', type: 'timestamptz', precision: 3, nullable: true })
  validTo!: Date | null;

  @ManyToOne(() => EmployeeEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_employee_assignments_employee' },
    { name: 'employee_id', referencedColumnName: 'id' },
  ])
  employee?: EmployeeEntity;
}
