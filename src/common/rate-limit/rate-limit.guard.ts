import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import type { AppConfig } from '#src/config/app-config.js';
import { APP_CONFIG } from '#src/config/config.module.js';
import { CommonProblems } from '../errors/common-problems.js';
import { DomainError } from '../errors/domain-error.js';
import { RATE_LIMIT, type RateLimitBucket } from './rate-limit.js';

/** Length of a window, in seconds. */
export const RATE_LIMIT_WINDOW_SECONDS = 60;

/**
 * Fixed-window rate limits kept in PostgreSQL (`rate_limits`), so every instance behind a load
 * balancer counts against the same window. One upsert per guarded request: it opens a new window
 * when the old one has passed, or adds one to it, and says how many calls the window holds. Over
 * the limit: `429 common.rate_limited` with `Retry-After` (seconds to the window's end).
 * Routes without `@RateLimit` cost nothing.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const bucket = this.reflector.getAllAndOverride<RateLimitBucket | undefined>(RATE_LIMIT, [context.getHandler(), context.getClass()]);
    if (!bucket) return true;
    const limit = bucket === 'login' ? this.config.rateLimitLoginPerMinute : this.config.rateLimitPublicPerMinute;
    if (limit === 0) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const rows: { hits: number; retry_after: number }[] = await this.dataSource.query(
      `INSERT INTO rate_limits AS r (key, window_started_at, hits) VALUES ($1, now(), 1)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN r.window_started_at <= now() - make_interval(secs => $2) THEN 1 ELSE r.hits + 1 END,
         window_started_at = CASE WHEN r.window_started_at <= now() - make_interval(secs => $2) THEN now() ELSE r.window_started_at END
       RETURNING hits, greatest(1, ceil(extract(epoch FROM r.window_started_at + make_interval(secs => $2) - now())))::int AS retry_after`,
      [`${bucket}:${request.ip}`, RATE_LIMIT_WINDOW_SECONDS],
    );
    const { hits, retry_after: retryAfter } = rows[0]!;
    if (hits > limit) {
      throw new DomainError(CommonProblems.rateLimited, `Too many requests from this address; retry in ${retryAfter} s.`, { retryAfter });
    }
    return true;
  }
}
