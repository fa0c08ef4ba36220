import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '#src/modules/tenancy/tenant.entity.js';
import type { WatchCategory } from '../domain/watch-terms.js';

/** A word or phrase that flags a comment for HR, per category and locale; stored normalized. */
@Entity({ name: 'survey_watch_terms' })
@Index('uq_survey_watch_terms_term', ['tenantId', 'locale', 'category', 'term'], { unique: true })
@Check('ck_survey_watch_terms_category', `category IN ('harassment', 'safety', 'integrity', 'self_harm')`)
export class SurveyWatchTermEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  category!: WatchCategory;

  /** BCP 47 tag, lower-case (`en`, `fr-ca`). */
  @Column({ type: 'text' })
  locale!: string;

  /** Normalized: lower-case, single spaces (see `normalizeTerm`). */
  @Column({ type: 'text' })
  term!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_survey_watch_terms_tenant' })
  tenant?: TenantEntity;
}
