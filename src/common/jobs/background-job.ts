import { Logger } from '@nestjs/common';

/** One pass of a job; what it returns (counts of the work done) is recorded with the run. */
export type JobPass = () => Promise<unknown>;

/** Where ticks are claimed and runs recorded (`job_runs`, see JobRunsRepository). */
export interface JobRunStore {
  /** Claims the job's current tick; `claimed` is false when another instance already has it. */
  claim(job: string, everyMs: number, instance: string): Promise<{ tick: Date; claimed: boolean }>;
  finish(job: string, tick: Date, outcome: 'done' | 'failed', work: unknown, error: string | null): Promise<void>;
}

/**
 * What one timer tick came to: `done` or `failed` (this instance ran the pass), `taken` (the tick
 * is claimed already: by another instance, or by this one when its timer fired twice within one
 * tick), `busy` (this instance's previous pass is still running) or
 * `unclaimed` (the claim itself failed, e.g. the database is down).
 */
export type TickOutcome = 'done' | 'failed' | 'taken' | 'busy' | 'unclaimed';

/**
 * The guard every periodic job shares. Each tick is claimed in PostgreSQL first, so it runs on
 * exactly one instance however many tick at once; a pass never overlaps itself in one process (a
 * slow pass makes this instance's next tick a no-op); a failing pass is recorded and logged, and
 * left to the next tick. Jobs still claim their own work (SKIP LOCKED, unique rows), so two passes
 * of consecutive ticks on two instances (a pass longer than its interval) stay safe.
 */
export class BackgroundJob {
  private current: Promise<TickOutcome> | undefined;
  private readonly logger: Logger;

  constructor(
    readonly name: string,
    readonly everyMs: number,
    private readonly pass: JobPass,
    private readonly runs: JobRunStore,
    private readonly instance: string,
  ) {
    this.logger = new Logger(`Job ${name}`);
  }

  run(): Promise<TickOutcome> {
    if (this.current) return Promise.resolve('busy');
    const current = this.tick().finally(() => (this.current = undefined));
    this.current = current;
    return current;
  }

  /** Resolves once no pass of this job is running in this process. */
  async idle(): Promise<void> {
    await this.current;
  }

  private async tick(): Promise<TickOutcome> {
    let tick: Date;
    try {
      const claim = await this.runs.claim(this.name, this.everyMs, this.instance);
      tick = claim.tick;
      if (!claim.claimed) {
        this.logger.debug({ job: this.name, tick: tick.toISOString(), instance: this.instance }, 'tick already claimed');
        return 'taken';
      }
    } catch (error) {
      this.logger.warn(`could not claim a tick, will retry: ${messageOf(error)}`);
      return 'unclaimed';
    }
    let outcome: 'done' | 'failed' = 'done';
    let work: unknown = null;
    let failure: string | null = null;
    try {
      work = await this.pass();
    } catch (error) {
      outcome = 'failed';
      failure = messageOf(error).slice(0, 1000);
      this.logger.warn(`pass failed, will retry: ${failure}`);
    }
    try {
      await this.runs.finish(this.name, tick, outcome, work, failure);
    } catch (error) {
      // The run stays `running` in job_runs; the work itself is done (or failed) either way.
      this.logger.warn(`could not record the run: ${messageOf(error)}`);
    }
    return outcome;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
