import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RateLimitSweepJob } from './rate-limit-sweep.job.js';
import { RateLimitGuard } from './rate-limit.guard.js';

/** The PostgreSQL-backed rate limits of the sign-in and public routes (`@RateLimit`). */
@Module({
  providers: [RateLimitSweepJob, { provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class RateLimitModule {}
