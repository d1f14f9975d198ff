import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';
import type { Env } from '../config/env.schema';
import { ClusterBus } from './cluster-bus';
import { REDIS_CLIENT } from './redis-client';

export { REDIS_CLIENT };

/** A Redis command waits at most this long for a connection before failing. */
const REDIS_CONNECT_TIMEOUT_MS = 2_000;
const logger = new Logger('Redis');

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    if (!this.redis) return;
    // QUIT needs a live connection; otherwise stop reconnecting at once.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => undefined);
    this.redis.disconnect();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>): Redis | null => {
        const url = config.get('REDIS_URL', { infer: true });
        if (!url) return null;
        // Commands fail fast while disconnected instead of queueing: callers decide what to do.
        const redis = new Redis(url, {
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
          // A stalled (connected but silent) Redis fails the command instead of holding it.
          commandTimeout: config.get('REDIS_COMMAND_TIMEOUT_MS', { infer: true }),
        });
        // ioredis reconnects by itself; say so once per outage rather than on every retry.
        let healthy = true;
        redis.on('ready', () => (healthy = true));
        redis.on('error', (error: Error) => {
          if (healthy) logger.warn(`redis unavailable (${error.message}); reconnecting`);
          healthy = false;
        });
        return redis;
      },
    },
    RedisCloser,
    ClusterBus,
  ],
  exports: [REDIS_CLIENT, ClusterBus],
})
export class RedisModule {}
