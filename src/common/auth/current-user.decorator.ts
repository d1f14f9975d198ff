import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { Unauthorized } from '../errors/domain-error';
import type { UserId } from './user-id';

export interface Identity {
  userId: UserId;
  /** `token`: verified Bearer JWT; `dev`: AUTH_MODE=dev took `user_id` from the request. */
  via: 'token' | 'dev';
  /** The token carries the admin role (ADMIN_ROLE_CLAIM); never true in dev mode. */
  admin: boolean;
}

declare module 'express' {
  interface Request {
    identity?: Identity;
  }
}

/** The caller's user id, as established by the IdentityGuard. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const identity = context.switchToHttp().getRequest<Request>().identity;
  if (!identity) throw new Unauthorized();
  return identity.userId;
});
