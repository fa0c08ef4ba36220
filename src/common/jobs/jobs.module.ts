import { Global, Module } from '@nestjs/common';
import { JobRunsRepository } from './job-runs.repository.js';
import { JobScheduler } from './job-scheduler.js';

/** The periodic-job scheduler, available to every capability that has a job. */
@Global()
@Module({
  providers: [JobRunsRepository, JobScheduler],
  exports: [JobScheduler],
})
export class JobsModule {}
