import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { TenantEntity } from '#src/modules/tenancy/tenant.entity.js';
import { UserEntity } from '#src/modules/users/user.entity.js';

/**
 * A signed-in browser (docs/pages.md). Kept in PostgreSQL so every instance behind a load balancer
 * sees it and signing out ends it everywhere. Only the SHA-256 of the cookie's secret is stored.
 */
@Entity({ name: 'web_sessions' })
@Index('uq_web_sessions_tenant_hash', ['tenantId', 'secretHash'], { unique: true })
@Index('ix_web_sessions_user', ['tenantId', 'userId'])
export class WebSessionEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_web_sessions_tenant' })
  tenant?: TenantEntity;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_web_sessions_user' },
    { name: 'user_id', referencedColumnName: 'id' },
  ])
  user?: UserEntity;

  /** Hex SHA-256 of the cookie's secret part. */
  @Column({ name: 'secret_hash', type: 'text' })
  secretHash!: string;

  @Column({ name: 'expires_at', type: 'timestamptz', precision: 3 })
  expiresAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
