import { SetMetadata } from '@nestjs/common';

export const RATE_LIMIT_KEY = 'careguide:rate-limit';
export type RateLimitName = 'room-create' | 'chat-message';

/**
 * Counts every call of the route against the caller's named budget (RATE_LIMIT_* in the
 * configuration), before validation. Budgets are per user, not per route: every route
 * marked with the same name draws on the one budget.
 */
export const RateLimited = (name: RateLimitName) => SetMetadata(RATE_LIMIT_KEY, name);
