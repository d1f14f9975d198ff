import {
  createParamDecorator,
  Injectable,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Unauthorized, ValidationFailed } from '../common/errors/domain-error';
import { SESSION_ID_PATTERN } from '../common/http/ids';
import { SessionService } from './session.service';
import type { SessionRecord } from './session.types';

declare module 'express' {
  interface Request {
    /** The session named by the request, loaded for its owner by SessionOwnerGuard. */
    ownedSession?: SessionRecord;
  }
}

const EVEN_EXPIRED_KEY = 'careguide:session-even-expired';

/** The route also acts on an expired session of the caller (deleting it). */
export const EvenExpiredSession = () => SetMetadata(EVEN_EXPIRED_KEY, true);

/** `session_id` from the path, else the JSON body, else the query (the chat routes). */
function sessionIdOf(req: Request): unknown {
  const fromParams: unknown = req.params?.session_id;
  if (fromParams !== undefined) return fromParams;
  const body: unknown = req.body;
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && 'session_id' in body)
    return (body as Record<string, unknown>).session_id;
  return (req.query as Record<string, unknown> | undefined)?.session_id;
}

/**
 * Loads the request's session once, for the caller, and hands it to the handler
 * (`@OwnedSession()`): live (its expiry slid forward), or even expired where marked.
 * Another user's session and a missing one are both 404 SESSION_NOT_FOUND; an expired
 * one is 410; a missing or malformed id is 400. Runs after the identity guard.
 */
@Injectable()
export class SessionOwnerGuard implements CanActivate {
  constructor(
    private readonly sessions: SessionService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    if (!req.identity) throw new Unauthorized();
    const sessionId = sessionIdOf(req);
    if (typeof sessionId !== 'string' || !SESSION_ID_PATTERN.test(sessionId)) {
      throw new ValidationFailed([
        {
          field: 'session_id',
          reason: sessionId === undefined ? 'is required' : 'is not a well-formed id',
        },
      ]);
    }
    const evenExpired = this.reflector.get<boolean | undefined>(
      EVEN_EXPIRED_KEY,
      context.getHandler(),
    );
    req.ownedSession = evenExpired
      ? await this.sessions.find(req.identity.userId, sessionId)
      : await this.sessions.use(req.identity.userId, sessionId);
    return true;
  }
}

/** The session SessionOwnerGuard loaded for this request. */
export const OwnedSession = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const session = context.switchToHttp().getRequest<Request>().ownedSession;
  if (!session) throw new Error('OwnedSession needs SessionOwnerGuard on the route');
  return session;
});
