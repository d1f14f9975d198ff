import { Injectable } from '@nestjs/common';
import { HealthCheckService, MongooseHealthIndicator } from '@nestjs/terminus';
import { APP_VERSION } from '../version';
import { DomainError } from '../common/errors/domain-error';
import type { ComponentHealthDto, HealthReportDto } from './health.dto';

/** A ping that takes longer than this counts as the database being down. */
const DATABASE_PING_TIMEOUT_MS = 1_500;

@Injectable()
export class HealthService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly mongoose: MongooseHealthIndicator,
  ) {}

  /** Ready to take traffic: every backing service answers. Throws 503 otherwise. */
  async readiness(): Promise<{ status: 'ready'; checks: Record<string, string> }> {
    try {
      await this.health.check([
        () => this.mongoose.pingCheck('mongodb', { timeout: DATABASE_PING_TIMEOUT_MS }),
      ]);
    } catch {
      throw new DomainError('SERVICE_UNAVAILABLE', 'Not ready: mongodb is unreachable');
    }
    return { status: 'ready', checks: { mongodb: 'up' } };
  }

  /** The detailed report of the reference design; answers 200 even when a part is down. */
  async report(): Promise<HealthReportDto> {
    const mongodb = await this.pingDatabase();
    return {
      status: mongodb.status,
      timestamp: new Date().toISOString(),
      version: APP_VERSION,
      checks: { mongodb },
    };
  }

  private async pingDatabase(): Promise<ComponentHealthDto> {
    const started = performance.now();
    const result = await this.mongoose
      .pingCheck('mongodb', { timeout: DATABASE_PING_TIMEOUT_MS })
      .catch(() => undefined);
    if (result?.mongodb?.status !== 'up')
      return { status: 'unhealthy', error: 'ping failed or timed out' };
    return { status: 'healthy', latency_ms: Math.round(performance.now() - started) };
  }
}
