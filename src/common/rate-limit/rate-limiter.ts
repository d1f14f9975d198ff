import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectThrottlerStorage, ThrottlerStorage } from '@nestjs/throttler';
import type { Request } from 'express';
import type { UserId } from '../auth/user-id';
import { DomainError, RateLimitExceeded } from '../errors/domain-error';
import type { Env } from '../../config/env.schema';
import type { RateLimitName } from './rate-limit.decorator';

export interface RateLimitBudget {
  limit: number;
  windowMs: number;
}

function rateLimitBudgets(
  config: ConfigService<Env, true>,
): Record<RateLimitName, RateLimitBudget> {
  return {
    'room-create': {
      limit: config.get('RATE_LIMIT_ROOM_CREATES', { infer: true }),
      windowMs: config.get('RATE_LIMIT_ROOM_CREATES_WINDOW_MS', { infer: true }),
    },
    'chat-message': {
      limit: config.get('RATE_LIMIT_MESSAGES', { infer: true }),
      windowMs: config.get('RATE_LIMIT_MESSAGES_WINDOW_MS', { infer: true }),
    },
  };
}

/** Whom a budget belongs to: the user, or the client IP for a request without identity. */
export function trackerOf(req: Request): string {
  return req.identity ? userTracker(req.identity.userId) : `ip:${req.ip ?? 'unknown'}`;
}

export function userTracker(user: UserId): string {
  return `user:${user}`;
}

/**
 * The named budgets (RATE_LIMIT_* in the configuration), one per caller and name,
 * whichever route or service spends them. Counted in the throttler storage: Redis
 * when REDIS_URL is set, else memory. When Redis is unreachable the call goes through
 * and a warning is logged: the readiness probe reports the outage, and chat stays up.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly budgets: Record<RateLimitName, RateLimitBudget>;
  /** The memory storage shares its blocked flag per key, so the budget's name is in the key. */
  private readonly keyPrefix: string;

  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    config: ConfigService<Env, true>,
  ) {
    this.budgets = rateLimitBudgets(config);
    this.keyPrefix = `${config.get('REDIS_KEY_PREFIX', { infer: true })}rate-limit:`;
  }

  /** Spends one unit of `name` for `tracker`; throws RATE_LIMITED (with a retry delay) once spent. */
  async consume(name: RateLimitName, tracker: string): Promise<void> {
    const { limit, windowMs } = this.budgets[name];
    let blockedForSeconds: number | undefined;
    try {
      const record = await this.storage.increment(
        `${this.keyPrefix}${name}:${tracker}`,
        windowMs,
        limit,
        windowMs,
        name,
      );
      if (record.isBlocked) blockedForSeconds = Math.max(1, record.timeToBlockExpire);
    } catch (error) {
      if (error instanceof DomainError) throw error;
      this.logger.warn(
        `rate limit store unavailable, request let through: ${(error as Error).message}`,
      );
    }
    if (blockedForSeconds !== undefined) throw new RateLimitExceeded(blockedForSeconds);
  }
}
