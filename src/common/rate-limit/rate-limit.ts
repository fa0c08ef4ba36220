import { SetMetadata } from '@nestjs/common';

/** Which limit a route counts against: sign-in attempts, or the public survey and exit-interview routes. */
export type RateLimitBucket = 'login' | 'public';

export const RATE_LIMIT = 'tandem:rate-limit';

/** Counts each call of the route (per client address) against the bucket's limit per minute (docs/scaling.md). */
export const RateLimit = (bucket: RateLimitBucket): MethodDecorator & ClassDecorator => SetMetadata(RATE_LIMIT, bucket);
