import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ObservationWeights } from '#src/analytics/observation-index.js';
import { TenantEntity } from '#src/modules/tenancy/tenant.entity.js';

/** A tenant's weights for the observation index; without a row, the defaults apply. */
@Entity({ name: 'observation_settings' })
export class ObservationSettingsEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'jsonb' })
  weights!: ObservationWeights;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @OneToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_observation_settings_tenant' })
  tenant?: TenantEntity;
}
