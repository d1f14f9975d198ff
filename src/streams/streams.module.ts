import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MongooseModule } from '@nestjs/mongoose';
import type Redis from 'ioredis';
import type { Env } from '../config/env.schema';
import { ConversationsModule } from '../conversations/conversations.module';
import { REDIS_CLIENT } from '../redis/redis.module';
import { ActiveStream, ActiveStreamSchema } from './active-stream.schema';
import { ActiveStreamsRepository } from './active-streams.repository';
import { JournalStore } from './journal-store';
import { MemoryJournalStore } from './memory-journal-store';
import { RedisJournalStore, redisJournalKeys } from './redis-journal-store';
import { StreamCoordinator } from './stream-coordinator';
import { StreamLedger } from './stream-ledger';
import { StreamLifecycle } from './stream-lifecycle';
import { StreamRecovery } from './stream-recovery';
import { StreamOperations } from './stream-operations';
import { StreamRegistry } from './stream-registry';
import { STREAM_SETTINGS, streamSettingsFrom, type StreamSettings } from './stream-settings';

/** How long a Stop waits for the instance running the stream to answer. */
const REMOTE_STOP_TIMEOUT_MS = 5_000;

/**
 * Running streams: their one owner (StreamLifecycle) and what it holds for each of them.
 * Only StreamLifecycle leaves the module; the rest are its parts.
 */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: ActiveStream.name, schema: ActiveStreamSchema }]),
    ConversationsModule,
  ],
  providers: [
    {
      provide: STREAM_SETTINGS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => streamSettingsFrom(config),
    },
    {
      provide: StreamRegistry,
      inject: [STREAM_SETTINGS],
      useFactory: (settings: StreamSettings) =>
        new StreamRegistry({ perUser: settings.perUser, capacity: settings.capacity }),
    },
    {
      provide: StreamCoordinator,
      inject: [REDIS_CLIENT, STREAM_SETTINGS],
      useFactory: (redis: Redis | null, settings: StreamSettings) =>
        new StreamCoordinator(
          redis,
          settings.redisKeyPrefix,
          settings.instanceId,
          settings.staleMs,
          settings.heartbeatMs,
          REMOTE_STOP_TIMEOUT_MS,
        ),
    },
    {
      provide: JournalStore,
      inject: [REDIS_CLIENT, STREAM_SETTINGS],
      useFactory: (redis: Redis | null, settings: StreamSettings): JournalStore =>
        redis
          ? new RedisJournalStore(
              redis,
              redisJournalKeys(settings.redisKeyPrefix),
              settings.checkpointMs,
              settings.replayTtlMs,
            )
          : new MemoryJournalStore(settings.replayTtlMs, settings.replayMaxBytes),
    },
    {
      provide: StreamLedger,
      inject: [ActiveStreamsRepository, STREAM_SETTINGS, REDIS_CLIENT],
      useFactory: (
        repository: ActiveStreamsRepository,
        settings: StreamSettings,
        redis: Redis | null,
      ) =>
        new StreamLedger(repository, {
          heartbeatMs: settings.heartbeatMs,
          // Without a Redis journal, the record is the only checkpoint that outlives a crash.
          checkpointPartials: redis === null,
        }),
    },
    ActiveStreamsRepository,
    StreamRecovery,
    StreamLifecycle,
    StreamOperations,
  ],
  exports: [StreamLifecycle, StreamOperations],
})
export class StreamsModule {}
