import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { EmployeeEntity } from '#src/modules/employees/employee.entity.js';
import { SurveyRoundEntity } from './survey-round.entity.js';

/**
 * Who was asked in a round and whether they answered — never what. Answered is a date, not a time,
 * so it cannot be lined up with anything else written at that moment.
 */
@Entity({ name: 'survey_invitations' })
@Index('uq_survey_invitations_token', ['tenantId', 'tokenHash'], { unique: true })
@Index('uq_survey_invitations_round_employee', ['tenantId', 'roundId', 'employeeId'], { unique: true })
export class SurveyInvitationEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId!: string;

  @Column({ name: 'employee_id', type: 'uuid' })
  employeeId!: string;

  /** The invitee's unit when invited: participation is counted per unit. */
  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @Column({ type: 'text' })
  locale!: string;

  /** SHA-256 (hex) of the link token; the token itself is never stored. */
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ name: 'responded_on', type: 'date', nullable: true })
  respondedOn!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @ManyToOne(() => SurveyRoundEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_survey_invitations_round' },
    { name: 'round_id', referencedColumnName: 'id' },
  ])
  round?: SurveyRoundEntity;

  @ManyToOne(() => EmployeeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_survey_invitations_employee' },
    { name: 'employee_id', referencedColumnName: 'id' },
  ])
  employee?: EmployeeEntity;
}
