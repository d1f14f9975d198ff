import { Inject, Injectable } from '@nestjs/common';
import { HealthCheckService } from '@nestjs/terminus';
import type Redis from 'ioredis';
import { REDIS_CLIENT } from '../redis/redis.module';
import { APP_VERSION } from '../version';
import { DomainError } from '../common/errors/domain-error';
import { SessionService } from '../session/session.service';
import { StreamLifecycle } from '../streams/stream-lifecycle';
import { DatabasePingIndicator } from './database-ping.indicator';
import type {
  ComponentHealthDto,
  HealthReportDto,
  HealthState,
  SessionsHealthDto,
  StreamsHealthDto,
} from './health.dto';

/** A ping that takes longer than this counts as the database being down. */
const DATABASE_PING_TIMEOUT_MS = 1_500;

@Injectable()
export class HealthService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabasePingIndicator,
    private readonly sessions: SessionService,
    private readonly streams: StreamLifecycle,
    @Inject(REDIS_CLIENT) private readonly redis: Redis | null,
  ) {}

  /** Ready to take traffic: every backing service answers. Throws 503 otherwise. */
  async readiness(): Promise<{ status: 'ready'; checks: Record<string, string> }> {
    if (this.streams.isDraining()) {
      throw new DomainError('SERVICE_UNAVAILABLE', 'Not ready: shutting down');
    }
    const checks: Record<string, string> = {};
    try {
      await this.health.check([() => this.database.ping('mongodb', DATABASE_PING_TIMEOUT_MS)]);
      checks.mongodb = 'up';
    } catch {
      throw new DomainError('SERVICE_UNAVAILABLE', 'Not ready: mongodb is unreachable');
    }
    if (this.redis) {
      if (!(await this.pingRedis(this.redis))) {
        throw new DomainError('SERVICE_UNAVAILABLE', 'Not ready: redis is unreachable');
      }
      checks.redis = 'up';
    }
    return { status: 'ready', checks };
  }

  private async pingRedis(redis: Redis): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>(
      (done) => (timer = setTimeout(() => done(false), DATABASE_PING_TIMEOUT_MS)),
    );
    const ping = redis.ping().then(
      (reply) => reply === 'PONG',
      () => false,
    );
    const up = await Promise.race([ping, timeout]);
    clearTimeout(timer);
    return up;
  }

  /** The detailed report of the reference design; answers 200 even when a part is down. */
  async report(): Promise<HealthReportDto> {
    const mongodb = await this.pingDatabase();
    const sessions = await this.sessionsHealth();
    const streams = this.streamsHealth();
    const status: HealthState =
      mongodb.status === 'unhealthy' || sessions.status === 'unhealthy'
        ? 'unhealthy'
        : streams.status === 'degraded'
          ? 'degraded'
          : 'healthy';
    return {
      status,
      timestamp: new Date().toISOString(),
      version: APP_VERSION,
      checks: { mongodb, sessions, streams },
    };
  }

  private async sessionsHealth(): Promise<SessionsHealthDto> {
    try {
      return { status: 'healthy', active_count: await this.sessions.activeCount() };
    } catch {
      return { status: 'unhealthy', active_count: 0 };
    }
  }

  private streamsHealth(): StreamsHealthDto {
    const active = this.streams.count();
    const capacity = this.streams.capacity();
    return { status: active >= capacity ? 'degraded' : 'healthy', active_count: active, capacity };
  }

  private async pingDatabase(): Promise<ComponentHealthDto> {
    const result = (await this.database.ping('mongodb', DATABASE_PING_TIMEOUT_MS)).mongodb;
    if (result?.status !== 'up') return { status: 'unhealthy', error: 'ping failed or timed out' };
    return { status: 'healthy', latency_ms: result.latency_ms as number };
  }
}
