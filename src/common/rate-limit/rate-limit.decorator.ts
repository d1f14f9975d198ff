import { SetMetadata } from '@nestjs/common';

export const RATE_LIMIT_KEY = 'careguide:rate-limit';
export type RateLimitName = 'room-create' | 'chat-message';

/** Puts a route under one of the named limits (RATE_LIMIT_* in the configuration). */
export const RateLimited = (name: RateLimitName) => SetMetadata(RATE_LIMIT_KEY, name);
