import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { RATE_LIMIT_KEY, type RateLimitName } from './rate-limit.decorator';
import { RateLimiter, trackerOf } from './rate-limiter';

/**
 * Spends the budget named by `@RateLimited(name)` on the route. Runs after the
 * IdentityGuard, so the budget is the user's (the client IP's only without identity).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const name = this.reflector.get<RateLimitName | undefined>(
      RATE_LIMIT_KEY,
      context.getHandler(),
    );
    if (name === undefined) return true;
    const req = context.switchToHttp().getRequest<Request>();
    // A reconnect (Last-Event-ID) resumes a stream and never starts a turn: it spends nothing.
    if (name === 'chat-message' && req.get('last-event-id') !== undefined) return true;
    await this.limiter.consume(name, trackerOf(req));
    return true;
  }
}
