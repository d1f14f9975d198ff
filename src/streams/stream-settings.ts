import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env.schema';

/** The streams module's view of the configuration, read once, plus this instance's id. */
export interface StreamSettings {
  /** Names this process in claims, records and journals; new at every start. */
  instanceId: string;
  redisKeyPrefix: string;
  heartbeatMs: number;
  staleMs: number;
  recordFlushMs: number;
  checkpointMs: number;
  replayTtlMs: number;
  replayMaxBytes: number;
  onDisconnect: 'cancel' | 'detach';
  detachGraceMs: number;
  writeTimeoutMs: number;
  maxBufferedBytes: number;
  perUser: number;
  capacity: number;
  shutdownGraceMs: number;
}

export const STREAM_SETTINGS = Symbol('STREAM_SETTINGS');

export function streamSettingsFrom(config: ConfigService<Env, true>): StreamSettings {
  const get = <K extends keyof Env>(key: K): Env[K] => config.get(key, { infer: true });
  return {
    instanceId: `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
    redisKeyPrefix: get('REDIS_KEY_PREFIX'),
    heartbeatMs: get('STREAM_HEARTBEAT_MS'),
    staleMs: get('STREAM_STALE_MS'),
    recordFlushMs: get('STREAM_RECORD_FLUSH_MS'),
    checkpointMs: get('STREAM_CHECKPOINT_MS'),
    replayTtlMs: get('STREAM_REPLAY_TTL_MS'),
    replayMaxBytes: get('STREAM_REPLAY_MAX_BYTES'),
    onDisconnect: get('STREAM_ON_DISCONNECT'),
    detachGraceMs: get('STREAM_DETACH_GRACE_MS'),
    writeTimeoutMs: get('SSE_WRITE_TIMEOUT_MS'),
    maxBufferedBytes: get('SSE_MAX_BUFFERED_BYTES'),
    perUser: get('MAX_STREAMS_PER_USER'),
    capacity: get('STREAM_CAPACITY'),
    shutdownGraceMs: get('SHUTDOWN_GRACE_MS'),
  };
}
