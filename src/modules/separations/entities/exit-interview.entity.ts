import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { EmployeeEntity } from '#src/modules/employees/employee.entity.js';
import type { AskedQuestion } from '#src/modules/surveys/domain/questions.js';
import type { ExitInterviewMode, ExitInterviewStatus } from '../domain/exit-interviews.js';
import { SeparationEntity } from './separation.entity.js';

/**
 * A leaver's exit interview: confidential, not anonymous. Linked to the leaver and read by HR
 * only; the questions are frozen when it is opened, like a survey round's.
 */
@Entity({ name: 'exit_interviews' })
@Index('uq_exit_interviews_separation', ['tenantId', 'separationId'], { unique: true })
@Index('uq_exit_interviews_token', ['tenantId', 'tokenHash'], { unique: true })
@Check('ck_exit_interviews_status', `status IN ('invited', 'completed', 'cancelled')`)
@Check('ck_exit_interviews_mode', `mode IS NULL OR mode IN ('link', 'hr')`)
@Check('ck_exit_interviews_completed', `(status = 'completed') = (completed_at IS NOT NULL AND mode IS NOT NULL)`)
export class ExitInterviewEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'separation_id', type: 'uuid' })
  separationId!: string;

  @Column({ name: 'employee_id', type: 'uuid' })
  employeeId!: string;

  @Column({ type: 'text' })
  status!: ExitInterviewStatus;

  /** SHA-256 of the leaver's link token. */
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ type: 'text' })
  locale!: string;

  @Column({ type: 'jsonb' })
  questions!: AskedQuestion[];

  /** The last day the link can be used. */
  @Column({ name: 'link_expires_on', type: 'date' })
  linkExpiresOn!: string;

  /** How the answers came: from the leaver's link, or entered by HR after a conversation. */
  @Column({ type: 'text', nullable: true })
  mode!: ExitInterviewMode | null;

  @Column({ name: 'completed_at', type: 'timestamptz', precision: 3, nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'entered_by_user_id', type: 'uuid', nullable: true })
  enteredByUserId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @ManyToOne(() => SeparationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_exit_interviews_separation' },
    { name: 'separation_id', referencedColumnName: 'id' },
  ])
  separation?: SeparationEntity;

  @ManyToOne(() => EmployeeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_exit_interviews_employee' },
    { name: 'employee_id', referencedColumnName: 'id' },
  ])
  employee?: EmployeeEntity;
}
