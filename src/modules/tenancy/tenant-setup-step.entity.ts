import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TenantEntity } from './tenant.entity.js';

/** A setup step a tenant has had (see TenantSetup): tenants made before a step existed get it at the next start. */
@Entity({ name: 'tenant_setup_steps' })
export class TenantSetupStepEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ type: 'text' })
  step!: string;

  @Column({ name: 'done_at', type: 'timestamptz', precision: 3 })
  doneAt!: Date;

  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_tenant_setup_steps_tenant' })
  tenant?: TenantEntity;
}
