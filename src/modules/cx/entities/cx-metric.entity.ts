import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { TenantEntity } from '#src/modules/tenancy/tenant.entity.js';
import type { CxKind } from '../domain/metrics.js';

/** A customer metric the tenant tracks (`csat`, `nps` …), keyed by a stable key, with the range its values must lie in. */
@Entity({ name: 'cx_metrics' })
@Check('ck_cx_metrics_kind', `kind IN ('csat', 'nps', 'ces', 'custom')`)
@Check('ck_cx_metrics_range', 'min_value < max_value')
export class CxMetricEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: CxKind;

  @Column({ name: 'min_value', type: 'double precision' })
  minValue!: number;

  @Column({ name: 'max_value', type: 'double precision' })
  maxValue!: number;

  @Column({ name: 'higher_is_better', type: 'boolean' })
  higherIsBetter!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_cx_metrics_tenant' })
  tenant?: TenantEntity;
}
