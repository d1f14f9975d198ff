import {
  Injectable,
  Logger,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request } from 'express';
import { tap, type Observable } from 'rxjs';
import { DomainError } from '../common/errors/domain-error';

/**
 * Logs every admin call once it is answered: who (the admin's id), what (the
 * operation and the ids in its path) and how it ended. Request bodies and query
 * strings are not logged, as for every request.
 */
@Injectable()
export class AdminAuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('AdminAudit');

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    const entry = {
      admin_id: req.identity?.userId,
      action: context.getHandler().name,
      method: req.method,
      target: { ...(req.params as Record<string, string>) },
    };
    return next.handle().pipe(
      tap({
        next: () => this.logger.log({ ...entry, outcome: 'ok' }, `admin ${entry.action}`),
        error: (error: unknown) =>
          this.logger.warn(
            {
              ...entry,
              outcome: error instanceof DomainError ? error.code : 'INTERNAL_ERROR',
            },
            `admin ${entry.action} failed`,
          ),
      }),
    );
  }
}
