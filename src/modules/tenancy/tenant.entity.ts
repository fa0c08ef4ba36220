import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';

/** An organisation using Tandem. Not tenant-owned itself: the root every other row hangs from. */
@Entity({ name: 'tenants' })
@Unique('uq_tenants_slug', ['slug'])
@Check('ck_tenants_anonymity_threshold', 'anonymity_threshold >= 3')
@Check('ck_tenants_comment_threshold', 'comment_threshold >= 3')
@Check('ck_tenants_full_sync_guard', 'full_sync_departure_guard_percent BETWEEN 0 AND 100')
export class TenantEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Short, URL-safe name; used to pick the tenant at login when an e-mail exists in several. */
  @Column({ type: 'text' })
  slug!: string;

  /** Anonymity threshold `k`: no aggregate is shown for fewer respondents. Never below 3. */
  @Column({ name: 'anonymity_threshold', type: 'smallint', default: 5 })
  anonymityThreshold!: number;

  /** Survey comments are shown only for groups of at least this many respondents. Never below 3. */
  @Column({ name: 'comment_threshold', type: 'smallint', default: 5 })
  commentThreshold!: number;

  /** Checklist due dates count business days (Monday to Friday) instead of calendar days. */
  @Column({ name: 'checklist_business_days', type: 'boolean', default: false })
  checklistBusinessDays!: boolean;

  /** IANA time zone the tenant's days and schedules are counted in. */
  @Column({ type: 'text', default: 'UTC' })
  timezone!: string;

  /**
   * A full HRIS sync that would move more than this share of active employees to `depart` is
   * refused unless forced: a broken export must not wipe the company.
   */
  @Column({ name: 'full_sync_departure_guard_percent', type: 'smallint', default: 20 })
  fullSyncDepartureGuardPercent!: number;

  /** Default BCP 47 locale for texts shown to the tenant's people. */
  @Column({ type: 'text', default: 'en' })
  locale!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
