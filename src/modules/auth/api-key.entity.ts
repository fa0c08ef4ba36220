import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '#src/common/auth/principal.js';
import { TenantEntity } from '#src/modules/tenancy/tenant.entity.js';

/** A long-lived credential for scripts and the HRIS. Only a SHA-256 hash of the secret is kept. */
@Entity({ name: 'api_keys' })
@Index('uq_api_keys_tenant_hash', ['tenantId', 'keyHash'], { unique: true })
@Index('ix_api_keys_hash', ['keyHash'])
@Check('ck_api_keys_role', `role IN ('hr_admin', 'manager', 'employee', 'integration')`)
export class ApiKeyEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_api_keys_tenant' })
  tenant?: TenantEntity;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  label!: string;

  @Column({ type: 'text' })
  role!: Role;

  /** The first characters of the key, shown in lists so people can tell keys apart. */
  @Column({ type: 'text' })
  prefix!: string;

  /** Hex SHA-256 of the whole key. */
  @Column({ name: 'key_hash', type: 'text' })
  keyHash!: string;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @Column({ name: 'created_by_api_key_id', type: 'uuid', nullable: true })
  createdByApiKeyId!: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz', precision: 3, nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', precision: 3, nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', precision: 3, nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
