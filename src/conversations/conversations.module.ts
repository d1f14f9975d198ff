import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MongooseModule } from '@nestjs/mongoose';
import type Redis from 'ioredis';
import type { Env } from '../config/env.schema';
import { REDIS_CLIENT } from '../redis/redis.module';
import { RoomsModule } from '../rooms/rooms.module';
import { ConversationRepository } from './conversation.repository';
import { Conversation, ConversationSchema } from './conversation.schema';
import { ConversationsService } from './conversations.service';
import { HistoryController } from './history.controller';
import { RoomSummaries } from './room-summaries';
import { MemoryTurnOutbox, RedisTurnOutbox, type TurnOutbox } from './turn-outbox';
import { TURN_OUTBOX, TurnRecorder } from './turn-recorder';

/**
 * Stored turns (`conversation_history`): written by TurnRecorder (with the outbox for
 * outages), read as history, erased with a session or a room; and the room summary
 * fields that follow them.
 */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: Conversation.name, schema: ConversationSchema }]),
    RoomsModule,
  ],
  controllers: [HistoryController],
  providers: [
    ConversationRepository,
    ConversationsService,
    RoomSummaries,
    TurnRecorder,
    {
      provide: TURN_OUTBOX,
      inject: [REDIS_CLIENT, ConfigService],
      useFactory: (redis: Redis | null, config: ConfigService<Env, true>): TurnOutbox =>
        redis
          ? new RedisTurnOutbox(redis, config.get('REDIS_KEY_PREFIX', { infer: true }))
          : new MemoryTurnOutbox(config.get('OUTBOX_MAX_TURNS', { infer: true })),
    },
  ],
  exports: [ConversationRepository, ConversationsService, TurnRecorder, RoomSummaries],
})
export class ConversationsModule {}
