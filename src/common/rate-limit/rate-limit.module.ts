import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { ThrottlerModule, type ThrottlerOptions } from '@nestjs/throttler';
import type Redis from 'ioredis';
import type { Env } from '../../config/env.schema';
import { REDIS_CLIENT } from '../../redis/redis.module';
import { RATE_LIMIT_KEY, type RateLimitName } from './rate-limit.decorator';

/** A named limit applies only to the routes marked with `@RateLimited(name)`. */
function limitFor(name: RateLimitName, limit: number, ttl: number): ThrottlerOptions {
  return {
    name,
    limit,
    ttl,
    skipIf: (context) => Reflect.getMetadata(RATE_LIMIT_KEY, context.getHandler()) !== name,
    setHeaders: false,
  };
}

/** The reference design's limits; counted in Redis when REDIS_URL is set, else in memory. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [ConfigService, REDIS_CLIENT],
      useFactory: (config: ConfigService<Env, true>, redis: Redis | null) => ({
        throttlers: [
          limitFor(
            'room-create',
            config.get('RATE_LIMIT_ROOM_CREATES', { infer: true }),
            config.get('RATE_LIMIT_ROOM_CREATES_WINDOW_MS', { infer: true }),
          ),
          limitFor(
            'chat-message',
            config.get('RATE_LIMIT_MESSAGES', { infer: true }),
            config.get('RATE_LIMIT_MESSAGES_WINDOW_MS', { infer: true }),
          ),
        ],
        storage: redis ? new ThrottlerStorageRedisService(redis) : undefined,
      }),
    }),
  ],
})
export class RateLimitModule {}
