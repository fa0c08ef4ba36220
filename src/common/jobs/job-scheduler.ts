import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { AppConfig } from '#src/config/app-config.js';
import { APP_CONFIG } from '#src/config/config.module.js';
import { BackgroundJob, type JobPass } from './background-job.js';
import { JobRunsRepository } from './job-runs.repository.js';

/**
 * The periodic jobs of this instance. Jobs register in their constructors
 * (`scheduler.every('survey-rounds', 60_000, () => this.tick())`); where `JOBS_ENABLED` is on,
 * each then ticks on its interval (`JOB_INTERVALS` overrides it), and every tick is claimed in
 * `job_runs` so that it runs on one instance only. Shutting down stops the timers and waits for
 * passes in progress, before the database pool closes.
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  /** This instance's name in `job_runs`: host, process and a random part (two apps in one process differ). */
  readonly instance = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly jobs = new Map<string, BackgroundJob>();
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runs: JobRunsRepository,
  ) {}

  /** Registers a job that runs `pass` every `defaultMs` (unless `JOB_INTERVALS` says otherwise). */
  every(name: string, defaultMs: number, pass: JobPass): BackgroundJob {
    if (this.jobs.has(name)) throw new Error(`The job ${name} is registered twice`);
    const job = new BackgroundJob(name, this.intervalOf(name) ?? this.intervalOf('*') ?? defaultMs, pass, this.runs, this.instance);
    this.jobs.set(name, job);
    return job;
  }

  private intervalOf(name: string): number | undefined {
    return Object.hasOwn(this.config.jobIntervalsMs, name) ? this.config.jobIntervalsMs[name] : undefined;
  }

  /** A registered job, to tick it by hand (tests). */
  job(name: string): BackgroundJob {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`No job is named ${name}`);
    return job;
  }

  onApplicationBootstrap(): void {
    const unknown = Object.keys(this.config.jobIntervalsMs).filter((name) => name !== '*' && !this.jobs.has(name));
    if (unknown.length > 0) {
      throw new Error(`JOB_INTERVALS names no such job: ${unknown.join(', ')} (the jobs are ${[...this.jobs.keys()].sort().join(', ')})`);
    }
    if (!this.config.jobsEnabled) return;
    for (const job of this.jobs.values()) this.timers.push(setInterval(() => void job.run(), job.everyMs));
  }

  async onModuleDestroy(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    await Promise.all([...this.jobs.values()].map((job) => job.idle()));
  }
}
