import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** How a run ended; `running` until it does (a run left `running` died with its instance). */
export const JOB_RUN_OUTCOMES = ['running', 'done', 'failed'] as const;
export type JobRunOutcome = (typeof JOB_RUN_OUTCOMES)[number];

/**
 * One tick of a periodic job, claimed by exactly one instance: the primary key (job, tick) is
 * inserted once, so every other instance's attempt at the same tick does nothing. It also records
 * who ran it, when, how it ended and what it did. Not tenant-owned: a tick covers every tenant.
 */
@Entity({ name: 'job_runs' })
@Check('ck_job_runs_outcome', `outcome IN ('running', 'done', 'failed')`)
export class JobRunEntity {
  @PrimaryColumn({ type: 'text' })
  job!: string;

  /** Start of the tick: the database clock rounded down to a multiple of the job's interval. */
  @PrimaryColumn({ name: 'tick_started_at', type: 'timestamptz', precision: 3 })
  tickStartedAt!: Date;

  /** The instance that ran it (`host:pid:random`). */
  @Column({ type: 'text' })
  instance!: string;

  @Column({ name: 'started_at', type: 'timestamptz', precision: 3 })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', precision: 3, nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'text' })
  outcome!: JobRunOutcome;

  /** What the pass returned (counts of the work it did). */
  @Column({ type: 'jsonb', nullable: true })
  work!: unknown;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
