import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { UnitEntity } from '#src/modules/units/unit.entity.js';
import type { Granularity } from '../domain/periods.js';
import { CxMetricEntity } from './cx-metric.entity.js';

/** One customer figure: a metric's value for a unit in a period, from `n` customers. Nothing about any customer. */
@Entity({ name: 'cx_observations' })
@Index('uq_cx_observations_unit_metric_period', ['tenantId', 'unitId', 'metricKey', 'period'], { unique: true })
@Index('ix_cx_observations_metric_period', ['tenantId', 'metricKey', 'granularity', 'period'])
@Check('ck_cx_observations_granularity', `granularity IN ('month', 'week', 'quarter')`)
@Check('ck_cx_observations_n', 'n >= 1')
export class CxObservationEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Column({ name: 'metric_key', type: 'text' })
  metricKey!: string;

  /** `YYYY-MM`, `YYYY-Www` (ISO week) or `YYYY-Qn`. */
  @Column({ type: 'text' })
  period!: string;

  @Column({ type: 'text' })
  granularity!: Granularity;

  @Column({ type: 'double precision' })
  value!: number;

  /** How many customers the figure stands for. */
  @Column({ type: 'integer' })
  n!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_cx_observations_unit' },
    { name: 'unit_id', referencedColumnName: 'id' },
  ])
  unit?: UnitEntity;

  @ManyToOne(() => CxMetricEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_cx_observations_metric' },
    { name: 'metric_key', referencedColumnName: 'key' },
  ])
  metric?: CxMetricEntity;
}
