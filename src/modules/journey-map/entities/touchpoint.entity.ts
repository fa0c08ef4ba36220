import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Stage } from '#src/modules/employees/domain/journey.js';
import { TenantEntity } from '#src/modules/tenancy/tenant.entity.js';
import { UnitEntity } from '#src/modules/units/unit.entity.js';
import type { Channel } from '../domain/touchpoints.js';

/** A moment of truth of a journey stage. Retired touchpoints leave the map but keep their pain points. */
@Entity({ name: 'journey_touchpoints' })
@Index('ix_journey_touchpoints_stage', ['tenantId', 'stage', 'position'])
@Check('ck_journey_touchpoints_stage', `stage IN ('attract', 'hire', 'onboard', 'engage', 'perform', 'develop', 'depart')`)
export class TouchpointEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  stage!: Stage;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** The unit that owns it (e.g. IT), or null when a role does. */
  @Column({ name: 'owner_unit_id', type: 'uuid', nullable: true })
  ownerUnitId!: string | null;

  /** The role that owns it (e.g. manager, hr), when no unit does. */
  @Column({ name: 'owner_role', type: 'text', nullable: true })
  ownerRole!: string | null;

  @Column({ type: 'text' })
  channel!: Channel;

  /** Expected day within the stage. */
  @Column({ name: 'day_offset', type: 'integer' })
  dayOffset!: number;

  /** Order within the stage, from 1. */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ name: 'retired_at', type: 'timestamptz', precision: 3, nullable: true })
  retiredAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_journey_touchpoints_tenant' })
  tenant?: TenantEntity;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_journey_touchpoints_owner_unit' },
    { name: 'owner_unit_id', referencedColumnName: 'id' },
  ])
  ownerUnit?: UnitEntity;
}
