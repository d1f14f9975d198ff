import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { AccessDenied, Unauthorized } from '../common/errors/domain-error';

/**
 * Opens a route to admins only: callers whose verified token carries the admin role
 * (ADMIN_ROLE_CLAIM / ADMIN_ROLE_VALUE). Runs after the IdentityGuard, so a caller
 * without identity already got 401; every other caller gets 403 ACCESS_DENIED,
 * dev-mode `user_id` callers included. Refusals are logged with the caller's id.
 */
@Injectable()
export class AdminGuard implements CanActivate {
  private readonly logger = new Logger('AdminAudit');

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const identity = req.identity;
    if (!identity) throw new Unauthorized();
    if (identity.admin) return true;
    this.logger.warn(
      { caller_id: identity.userId, method: req.method, url: req.originalUrl.split('?')[0] },
      'admin route refused: caller is not an admin',
    );
    throw new AccessDenied('This route needs the admin role');
  }
}
