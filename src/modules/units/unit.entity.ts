import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { TenantEntity } from '#src/modules/tenancy/tenant.entity.js';

export const UNIT_KINDS = ['company', 'division', 'department', 'team', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** A node of the org tree (company → department → team). */
@Entity({ name: 'units' })
@Index('uq_units_tenant_external_id', ['tenantId', 'externalId'], { unique: true, where: 'external_id IS NOT NULL' })
@Index('ix_units_tenant_parent', ['tenantId', 'parentId'])
@Check('ck_units_kind', `kind IN ('company', 'division', 'department', 'team', 'other')`)
@Check('ck_units_not_own_parent', 'parent_id IS NULL OR parent_id <> id')
export class UnitEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', default: 'team' })
  kind!: UnitKind;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  /** The employee who manages the unit. */
  @Column({ name: 'manager_id', type: 'uuid', nullable: true })
  managerId!: string | null;

  @Column({ name: 'archived_at', type: 'timestamptz', precision: 3, nullable: true })
  archivedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_units_tenant' })
  tenant?: TenantEntity;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_units_parent' },
    { name: 'parent_id', referencedColumnName: 'id' },
  ])
  parent?: UnitEntity;

  // By entity name: employees reference units too, and ESM import cycles leave one side undefined.
  @ManyToOne('EmployeeEntity', { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_units_manager' },
    { name: 'manager_id', referencedColumnName: 'id' },
  ])
  manager?: unknown;
}
