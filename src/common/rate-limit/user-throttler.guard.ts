import { ExecutionContext, Injectable } from '@nestjs/common';
import {
  ThrottlerException,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerRequest,
} from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { DomainError } from '../errors/domain-error';

/**
 * The limits of @nestjs/throttler, answered in our envelope: 429 RATE_LIMITED with a
 * plain `Retry-After` (seconds). Runs after the IdentityGuard, so the tracker is the
 * user id (the client IP only for requests without identity). When the limit store
 * (Redis) is unreachable the request goes through and a warning is logged: the
 * readiness probe reports the outage, and chat stays up.
 */
@Injectable()
export class UserThrottlerGuard extends ThrottlerGuard {
  protected override async handleRequest(requestProps: ThrottlerRequest): Promise<boolean> {
    try {
      return await super.handleRequest(requestProps);
    } catch (error) {
      if (error instanceof ThrottlerException || error instanceof DomainError) throw error;
      this.logger.warn(
        `rate limit store unavailable, request let through: ${(error as Error).message}`,
      );
      return true;
    }
  }

  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    const request = req as unknown as Request;
    return Promise.resolve(
      request.identity ? `user:${request.identity.userId}` : `ip:${request.ip ?? 'unknown'}`,
    );
  }

  protected override throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    context
      .switchToHttp()
      .getResponse<Response>()
      .setHeader('Retry-After', String(Math.max(1, detail.timeToBlockExpire)));
    throw new DomainError(
      'RATE_LIMITED',
      `Too many requests; retry in ${Math.max(1, detail.timeToBlockExpire)} s`,
    );
  }
}
