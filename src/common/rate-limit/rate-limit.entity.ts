import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One rate-limit window: how many requests a client (`<bucket>:<address>`) made since the window
 * started. Kept in PostgreSQL so the limit holds across every instance. Not tenant-owned: the
 * public routes it guards run before anyone is known.
 */
@Entity({ name: 'rate_limits' })
export class RateLimitEntity {
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ name: 'window_started_at', type: 'timestamptz', precision: 3 })
  windowStartedAt!: Date;

  @Column({ type: 'integer' })
  hits!: number;
}
