import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { UnitEntity } from './unit.entity.js';

/** One period in which a unit's name and parent were constant; renames and moves close it and open the next. */
@Entity({ name: 'unit_versions' })
@Index('ix_unit_versions_unit', ['tenantId', 'unitId', 'validFrom'])
export class UnitVersionEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @Column({ name: 'valid_from', type: 'timestamptz', precision: 3 })
  validFrom!: Date;

  /** Null while this version is current. */
  @Column({ name: 'valid_to', type: 'timestamptz', precision: 3, nullable: true })
  validTo!: Date | null;

  @ManyToOne(() => UnitEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_unit_versions_unit' },
    { name: 'unit_id', referencedColumnName: 'id' },
  ])
  unit?: UnitEntity;
}
