import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Env } from '../../config/env.schema';
import { AccessDenied, Unauthorized, ValidationFailed } from '../errors/domain-error';
import { hasRole } from './admin-role';
import { PUBLIC_ROUTE_KEY } from './public.decorator';
import { QUERY_TOKEN_KEY } from './query-token.decorator';
import { TokenVerifier } from './token-verifier';
import { asUserId, USER_ID_PATTERN, USER_ID_RULE, type UserId } from './user-id';

/**
 * Establishes who is calling, for every non-public route:
 * - `Authorization: Bearer <jwt>`: the verified token's `sub` is the user; a `user_id`
 *   in the query or body that differs from it is refused with 403.
 *   The token makes its caller an admin when it carries ADMIN_ROLE_VALUE in ADMIN_ROLE_CLAIM.
 * - no token and AUTH_MODE=dev: the `user_id` of the query or body is the user (never an admin).
 * - otherwise 401.
 */
@Injectable()
export class IdentityGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenVerifier,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;

    const req = context.switchToHttp().getRequest<Request>();
    const claimed = claimedUserId(req);
    const allowQueryToken = this.reflector.get<boolean | undefined>(
      QUERY_TOKEN_KEY,
      context.getHandler(),
    );
    const token = bearerToken(req) ?? (allowQueryToken ? queryToken(req) : undefined);

    if (token !== undefined) {
      const { userId, claims } = await this.tokens.verify(token);
      if (claimed !== undefined && claimed !== userId) {
        throw new AccessDenied('user_id does not match the authenticated user');
      }
      const admin = hasRole(
        claims,
        this.config.get('ADMIN_ROLE_CLAIM', { infer: true }),
        this.config.get('ADMIN_ROLE_VALUE', { infer: true }),
      );
      req.identity = { userId, via: 'token', admin };
      return true;
    }
    if (this.config.get('AUTH_MODE', { infer: true }) === 'dev' && claimed !== undefined) {
      req.identity = { userId: claimed, via: 'dev', admin: false };
      return true;
    }
    throw new Unauthorized(
      this.config.get('AUTH_MODE', { infer: true }) === 'dev'
        ? 'Authentication required: send a Bearer token, or user_id in dev mode'
        : 'Authentication required: send a Bearer token',
    );
  }
}

function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header === undefined) return undefined;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header.trim());
  if (!match) throw new Unauthorized('Authorization header must be "Bearer <token>"');
  return match[1];
}

/** `access_token` from the query, on routes that allow it (EventSource cannot send headers). */
function queryToken(req: Request): string | undefined {
  const value: unknown = (req.query as Record<string, unknown> | undefined)?.access_token;
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[A-Za-z0-9._~+/=-]+$/.test(value)) {
    throw new Unauthorized('access_token is not a token');
  }
  return value;
}

/** `user_id` from the query and the JSON body; both must be well-formed and agree. */
function claimedUserId(req: Request): UserId | undefined {
  const fromQuery: unknown = (req.query as Record<string, unknown> | undefined)?.user_id;
  const body: unknown = req.body;
  const fromBody: unknown =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>).user_id
      : undefined;

  // null means "not given", as in every optional request field
  const values = [fromQuery, fromBody].filter((value) => value !== undefined && value !== null);
  for (const value of values) {
    if (typeof value !== 'string' || !USER_ID_PATTERN.test(value)) {
      throw new ValidationFailed([{ field: 'user_id', reason: USER_ID_RULE }]);
    }
  }
  if (values.length === 2 && values[0] !== values[1]) {
    throw new ValidationFailed([{ field: 'user_id', reason: 'query and body disagree' }]);
  }
  return values.length ? asUserId(values[0] as string) : undefined;
}
