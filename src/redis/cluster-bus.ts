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
import type { Env } from '../config/env.schema';
import { REDIS_CLIENT } from './redis-client';

type Handler = (payload: Record<string, string>) => void;

interface Envelope {
  origin: string;
  topic: string;
  payload: Record<string, string>;
}

/**
 * Fire-and-forget notices to every instance: handlers here run at once, other instances
 * get the notice through Redis pub/sub (REDIS_URL). Without Redis there is one instance
 * and the local handlers are all there is. A notice lost while Redis is down is lost:
 * use it only where a bounded staleness is acceptable (cache invalidation).
 */
@Injectable()
export class ClusterBus implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ClusterBus.name);
  private readonly origin = randomUUID();
  private readonly handlers = new Map<string, Handler[]>();
  private readonly channel: string;
  private subscriber?: Redis;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis | null,
    config: ConfigService<Env, true>,
  ) {
    this.channel = `${config.get('REDIS_KEY_PREFIX', { infer: true })}cluster-notices`;
  }

  onModuleInit(): void {
    if (!this.redis) return;
    this.subscriber = this.redis.duplicate({
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
    });
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (_channel: string, raw: string) => {
      const notice = JSON.parse(raw) as Envelope;
      if (notice.origin !== this.origin) this.deliver(notice.topic, notice.payload);
    });
    this.subscriber.subscribe(this.channel).catch((error: Error) => {
      this.logger.warn(`cannot subscribe to cluster notices: ${error.message}`);
    });
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
  }

  on(topic: string, handler: Handler): void {
    this.handlers.set(topic, [...(this.handlers.get(topic) ?? []), handler]);
  }

  publish(topic: string, payload: Record<string, string>): void {
    this.deliver(topic, payload);
    if (!this.redis) return;
    const notice: Envelope = { origin: this.origin, topic, payload };
    this.redis.publish(this.channel, JSON.stringify(notice)).catch((error: Error) => {
      this.logger.warn(`cluster notice ${topic} not sent: ${error.message}`);
    });
  }

  private deliver(topic: string, payload: Record<string, string>): void {
    for (const handler of this.handlers.get(topic) ?? []) handler(payload);
  }
}
