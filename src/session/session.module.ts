import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type Redis from 'ioredis';
import type { Env } from '../config/env.schema';
import { REDIS_CLIENT } from '../redis/redis.module';
import { ContextModule } from '../context/context.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { RoomsModule } from '../rooms/rooms.module';
import { StreamsModule } from '../streams/streams.module';
import { InMemorySessionStore } from './in-memory-session.store';
import { SessionSweeper } from './session-sweeper';
import { SessionController } from './session.controller';
import { SessionService } from './session.service';
import { SessionOwnerGuard } from './session-owner.guard';
import { RedisSessionStore } from './redis-session.store';
import { SESSION_STORE, type SessionStore } from './session.types';

@Module({
  imports: [RoomsModule, ContextModule, ConversationsModule, StreamsModule],
  controllers: [SessionController],
  providers: [
    SessionService,
    SessionSweeper,
    SessionOwnerGuard,
    {
      // Shared through Redis when REDIS_URL is set, so any instance can serve a session.
      provide: SESSION_STORE,
      inject: [REDIS_CLIENT, ConfigService],
      useFactory: (redis: Redis | null, config: ConfigService<Env, true>): SessionStore =>
        redis
          ? new RedisSessionStore(redis, config.get('SESSION_SWEEP_INTERVAL_MS', { infer: true }))
          : new InMemorySessionStore(),
    },
  ],
  exports: [SessionService, SessionOwnerGuard, SESSION_STORE],
})
export class SessionModule {}
