import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { TenantEntity } from '#src/modules/tenancy/tenant.entity.js';

/** "When an employee enters stage X (or on event E), in unit U or location L, run action A after N days." */
@Entity({ name: 'playbooks' })
@Index('ix_playbooks_tenant_trigger', ['tenantId', 'triggerEvent'])
@Check('ck_playbooks_delay', 'delay_days >= 0 AND delay_days <= 3650')
export class PlaybookEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** The domain event that starts it, e.g. `employee.stage_changed`. */
  @Column({ name: 'trigger_event', type: 'text' })
  triggerEvent!: string;

  /** With `employee.stage_changed`: only moves into this stage. */
  @Column({ name: 'trigger_stage', type: 'text', nullable: true })
  triggerStage!: string | null;

  /** Only employees of this unit or its sub-units. */
  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  /** Only employees at this location. */
  @Column({ type: 'text', nullable: true })
  location!: string | null;

  /** A registered action key, e.g. `notify`. */
  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'action_params', type: 'jsonb' })
  actionParams!: Record<string, unknown>;

  @Column({ name: 'delay_days', type: 'integer' })
  delayDays!: number;

  /**
   * The snapshot from which the playbook listens: taken when it is made and again when it is
   * resumed. Events already visible in it (before creation, or during a pause) do not start it.
   */
  @Column({ name: 'listening_snapshot', type: 'text' })
  listeningSnapshot!: string;

  @Column({ name: 'disabled_at', type: 'timestamptz', precision: 3, nullable: true })
  disabledAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_playbooks_tenant' })
  tenant?: TenantEntity;
}
