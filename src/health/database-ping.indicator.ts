import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { Connection } from 'mongoose';

/**
 * MongoDB as readiness sees it: a real `ping` command that must answer within the
 * timeout. The driver's connection flag is not enough: it stays "connected" for a
 * while after the server stopped answering.
 */
@Injectable()
export class DatabasePingIndicator {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async ping(key: string, timeoutMs: number): Promise<HealthIndicatorResult> {
    const check = this.indicators.check(key);
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>(
      (done) => (timer = setTimeout(() => done(false), timeoutMs)),
    );
    const answered = this.connection.db
      ? this.connection.db.command({ ping: 1 }, { timeoutMS: timeoutMs }).then(
          () => true,
          () => false,
        )
      : Promise.resolve(false);
    const up = await Promise.race([answered, timeout]);
    clearTimeout(timer);
    return up
      ? check.up({ latency_ms: Math.round(performance.now() - started) })
      : check.down({ message: 'ping failed or timed out' });
  }
}
