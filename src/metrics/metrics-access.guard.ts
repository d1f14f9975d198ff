import {
  Injectable,
  NotFoundException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request } from 'express';
import { Unauthorized } from '../common/errors/domain-error';
import type { Env } from '../config/env.schema';
import { metricsAccessAllowed } from './metrics-access';

/**
 * `/metrics` on the API port: absent (404, like any unknown path) when METRICS_PORT
 * serves it on a port of its own, and behind the METRICS_TOKEN bearer when one is set.
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  constructor(private readonly config: ConfigService<Env, true>) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.config.get('METRICS_PORT', { infer: true }) !== undefined) {
      throw new NotFoundException();
    }
    const req = context.switchToHttp().getRequest<Request>();
    if (
      !metricsAccessAllowed(
        req.get('authorization'),
        this.config.get('METRICS_TOKEN', { infer: true }),
      )
    ) {
      throw new Unauthorized('Metrics need the METRICS_TOKEN bearer token');
    }
    return true;
  }
}
