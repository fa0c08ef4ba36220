import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { TenantEntity } from '#src/modules/tenancy/tenant.entity.js';
import type { SegmentFilters } from './domain/segment-filters.js';

/**
 * A saved segment: HR's named filters over people (units with their sub-units, stages, tenure
 * phases, locations, employment types, referral hire), used by reports through `segmentId`. Names
 * are unique per tenant among segments not archived, compared by `name_key` (NFC, lower case).
 */
@Entity({ name: 'segments' })
@Index('uq_segments_tenant_name', ['tenantId', 'nameKey'], { unique: true, where: 'archived_at IS NULL' })
export class SegmentEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** The name as compared for uniqueness and sorted by: NFC, lower case. */
  @Column({ name: 'name_key', type: 'text' })
  nameKey!: string;

  /** Validated on write (see dto/segment.dto.ts); unit ids are the tenant's when written. */
  @Column({ type: 'jsonb' })
  filters!: SegmentFilters;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @Column({ name: 'created_by_api_key_id', type: 'uuid', nullable: true })
  createdByApiKeyId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @Column({ name: 'archived_at', type: 'timestamptz', precision: 3, nullable: true })
  archivedAt!: Date | null;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_segments_tenant' })
  tenant?: TenantEntity;
}
