import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type Redis from 'ioredis';
import type { UserId } from '../common/auth/user-id';
import { DomainError } from '../common/errors/domain-error';
import type { Env } from '../config/env.schema';
import { REDIS_CLIENT } from '../redis/redis.module';
import { StreamRegistry, type StopReason, type StreamOutcome } from './stream-registry';

const STOP_CHANNEL = 'careguide:stream-stop';
const REPLY_CHANNEL_PREFIX = 'careguide:stream-stopped:';
const CLAIM_KEY_PREFIX = 'careguide:stream:';
/** How long a stop waits for the instance running the stream to store the partial and answer. */
const REMOTE_STOP_TIMEOUT_MS = 5_000;
/** Deletes a claim only if it still belongs to the stream that made it. */
const RELEASE_SCRIPT =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";

export type RemoteStopOutcome = StreamOutcome & { stream_id: string; room_id: string };

interface StopRequest {
  request_id: string;
  owner: string;
  session_id: string;
  reason: StopReason;
}

/**
 * Streams across instances, when REDIS_URL is set (without Redis every method is a
 * no-op and one instance is the whole world):
 * - a claim key per session keeps one stream per session across all instances;
 * - a stop that lands on an instance without the stream is published on a channel;
 *   the instance that runs it stops it, stores the partial, and replies.
 */
@Injectable()
export class StreamCoordinator implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(StreamCoordinator.name);
  private subscriber?: Redis;
  private readonly replies = new Map<string, (outcome: RemoteStopOutcome) => void>();

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis | null,
    private readonly registry: StreamRegistry,
    private readonly config: ConfigService<Env, true>,
  ) {}

  onModuleInit(): void {
    if (!this.redis) return;
    // A subscribed connection can do nothing else, hence a second one. It queues its
    // SUBSCRIBE until connected, and resubscribes by itself after a reconnect.
    this.subscriber = this.redis.duplicate({
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
    });
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === STOP_CHANNEL) void this.onStopRequest(message);
      else this.replies.get(channel)?.(JSON.parse(message) as RemoteStopOutcome);
    });
    // Not awaited: with Redis down the start must not wait for it.
    this.subscriber.subscribe(STOP_CHANNEL).catch((error: Error) => {
      this.logger.warn(`cannot subscribe to stop requests: ${error.message}`);
    });
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
  }

  /** Takes the session's one stream slot across instances; false when another stream holds it. */
  async claim(sessionId: string, streamId: string): Promise<boolean> {
    if (!this.redis) return true;
    const ttl = this.config.get('STREAM_STALE_MS', { infer: true });
    try {
      return (
        (await this.redis.set(CLAIM_KEY_PREFIX + sessionId, streamId, 'PX', ttl, 'NX')) === 'OK'
      );
    } catch (error) {
      // Redis down: this instance's own one-per-session rule still holds; chat stays up.
      this.logger.warn(`stream claim skipped, redis unavailable: ${(error as Error).message}`);
      return true;
    }
  }

  /** Whether any instance streams in this session (this one only, without Redis). */
  async isStreaming(sessionId: string): Promise<boolean> {
    if (this.registry.isStreaming(sessionId)) return true;
    if (!this.redis) return false;
    return (await this.redis.exists(CLAIM_KEY_PREFIX + sessionId).catch(() => 0)) === 1;
  }

  async release(sessionId: string, streamId: string): Promise<void> {
    // A claim left behind (Redis down now) expires after STREAM_STALE_MS by itself.
    await this.redis
      ?.eval(RELEASE_SCRIPT, 1, CLAIM_KEY_PREFIX + sessionId, streamId)
      .catch(() => undefined);
  }

  /** Keeps this instance's claims alive; called with the heartbeat. */
  async refresh(sessionIds: string[]): Promise<void> {
    if (!this.redis || sessionIds.length === 0) return;
    const ttl = this.config.get('STREAM_STALE_MS', { infer: true });
    const pipeline = this.redis.pipeline();
    for (const sessionId of sessionIds) pipeline.pexpire(CLAIM_KEY_PREFIX + sessionId, ttl);
    await pipeline.exec();
  }

  /**
   * Stops a stream that runs on another instance and returns its stored partial;
   * undefined when no instance streams in this session for this owner.
   */
  async stopElsewhere(
    owner: UserId,
    sessionId: string,
    reason: StopReason,
  ): Promise<RemoteStopOutcome | undefined> {
    if (!this.redis || !this.subscriber) return undefined;
    let claimed: number;
    try {
      claimed = await this.redis.exists(CLAIM_KEY_PREFIX + sessionId);
    } catch {
      throw new DomainError(
        'SERVICE_UNAVAILABLE',
        'Cannot reach the other instances right now; please retry',
      );
    }
    if (claimed === 0) return undefined;
    const request: StopRequest = { request_id: randomUUID(), owner, session_id: sessionId, reason };
    const replyChannel = REPLY_CHANNEL_PREFIX + request.request_id;
    let timer: NodeJS.Timeout | undefined;
    const reply = new Promise<RemoteStopOutcome | undefined>((resolve) => {
      this.replies.set(replyChannel, resolve);
      timer = setTimeout(() => resolve(undefined), REMOTE_STOP_TIMEOUT_MS);
    });
    try {
      await this.subscriber.subscribe(replyChannel);
      await this.redis.publish(STOP_CHANNEL, JSON.stringify(request));
      return await reply;
    } finally {
      clearTimeout(timer);
      this.replies.delete(replyChannel);
      await this.subscriber.unsubscribe(replyChannel).catch(() => undefined);
    }
  }

  private async onStopRequest(message: string): Promise<void> {
    const request = JSON.parse(message) as StopRequest;
    const owner = request.owner as UserId;
    if (!this.registry.find(owner, request.session_id)) return;
    const outcome = await this.registry.stop(owner, request.session_id, request.reason);
    await this.redis?.publish(REPLY_CHANNEL_PREFIX + request.request_id, JSON.stringify(outcome));
  }
}
