import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MongooseModule } from '@nestjs/mongoose';
import type { Env } from '../../config/env.schema';
import { DatabaseDeadline } from './database-deadline';
import { historyReadPreferenceProvider, HISTORY_READ_PREFERENCE } from './history-read';
import { IndexSynchronizer } from './index-synchronizer';

/** Heartbeats notice a database that came back; 1 s keeps recovery quick without chatter. */
const DRIVER_HEARTBEAT_MS = 1_000;
/** A connection that has waited this long for a reply is given up (index builds take seconds). */
const STALLED_SOCKET_MS = 30_000;

@Global()
@Module({
  imports: [
    MongooseModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => ({
        uri: config.get('MONGODB_URI', { infer: true }),
        dbName: config.get('MONGODB_DB_NAME', { infer: true }),
        // Filters built from request values can never smuggle in query operators.
        sanitizeFilter: true,
        // Fail fast instead of queueing commands while disconnected: the client gets a
        // 503 within the server-selection timeout, never a hung request.
        bufferCommands: false,
        serverSelectionTimeoutMS: config.get('MONGODB_SERVER_SELECTION_TIMEOUT_MS', {
          infer: true,
        }),
        // Requests are bounded by DatabaseDeadline; these bound the driver itself: a free
        // pooled connection and a new connection are awaited at most DB_OPERATION_TIMEOUT_MS,
        // and a connection whose server went silent is closed after STALLED_SOCKET_MS.
        waitQueueTimeoutMS: config.get('DB_OPERATION_TIMEOUT_MS', { infer: true }),
        connectTimeoutMS: config.get('DB_OPERATION_TIMEOUT_MS', { infer: true }),
        socketTimeoutMS: STALLED_SOCKET_MS,
        heartbeatFrequencyMS: DRIVER_HEARTBEAT_MS,
        // Command events feed the db_query_seconds metric.
        monitorCommands: true,
        // Indexes are created by IndexSynchronizer, one by one, so a refused option is
        // a warning rather than a failed start.
        autoIndex: false,
        autoCreate: false,
        retryAttempts: 3,
        retryDelay: 1_000,
      }),
    }),
  ],
  providers: [IndexSynchronizer, DatabaseDeadline, historyReadPreferenceProvider],
  exports: [DatabaseDeadline, HISTORY_READ_PREFERENCE],
})
export class DatabaseModule {}
