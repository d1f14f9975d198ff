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

/** Notices Redis refused, kept to be sent again; beyond this many, peers are told to forget everything instead. */
const UNSENT_MAX = 1_000;
/** How often notices Redis refused are offered again. */
const RESEND_INTERVAL_MS = 1_000;
/** The notice that stands for every notice an instance could not send. */
const MISSED_NOTICES = 'cluster-missed-notices';

/**
 * Fire-and-forget notices to every instance: handlers here run at once, other instances
 * get the notice through Redis pub/sub (REDIS_URL). Without Redis there is one instance
 * and the local handlers are all there is.
 *
 * Notices are for cache invalidation, so the bus says when one may have been missed:
 * `complete` is true only while this instance is subscribed (always without Redis), and
 * `onMissed` handlers run whenever that stops or starts again (a reconnect, a peer that
 * could not send). A notice Redis refuses is sent again every second until it goes
 * through; a peer that died with notices unsent is the one loss left, which is why
 * caches still bound how long they trust an entry.
 */
@Injectable()
export class ClusterBus implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ClusterBus.name);
  private readonly origin = randomUUID();
  private readonly handlers = new Map<string, Handler[]>();
  private readonly missedHandlers: (() => void)[] = [];
  private readonly channel: string;
  private subscriber?: Redis;
  private subscribed: boolean;
  private unsent: Envelope[] = [];
  /** More notices were refused than are kept: peers get one MISSED_NOTICES instead. */
  private overflowed = false;
  private resendTimer?: NodeJS.Timeout;
  /** Redis refuses notices (said once, until one goes through). */
  private refusing = false;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis | null,
    config: ConfigService<Env, true>,
  ) {
    this.channel = `${config.get('REDIS_KEY_PREFIX', { infer: true })}cluster-notices`;
    this.subscribed = redis === null;
  }

  onModuleInit(): void {
    if (!this.redis) return;
    const subscriber = this.redis.duplicate({
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
    });
    this.subscriber = subscriber;
    subscriber.on('error', () => undefined);
    subscriber.on('message', (_channel: string, raw: string) => {
      const notice = JSON.parse(raw) as Envelope;
      if (notice.origin === this.origin) return;
      if (notice.topic === MISSED_NOTICES) this.missed();
      else this.deliver(notice.topic, notice.payload);
    });
    subscriber.on('close', () => {
      if (!this.subscribed) return;
      this.subscribed = false;
      this.missed();
    });
    // Subscribed again (ioredis resubscribes too; a second SUBSCRIBE is harmless): the
    // reply proves every later notice reaches this instance; earlier ones may be lost.
    subscriber.on('ready', () => {
      subscriber.subscribe(this.channel).then(
        () => {
          this.subscribed = true;
          this.missed();
        },
        (error: Error) => this.logger.warn(`cannot subscribe to cluster notices: ${error.message}`),
      );
    });
  }

  onApplicationShutdown(): void {
    clearTimeout(this.resendTimer);
    if (this.unsent.length > 0 || this.overflowed)
      this.logger.warn('cluster notices not sent before shutdown: peers rely on their cache bound');
    this.subscriber?.disconnect();
  }

  /** Whether every notice of other instances reaches this one now. */
  get complete(): boolean {
    return this.subscribed;
  }

  on(topic: string, handler: Handler): void {
    this.handlers.set(topic, [...(this.handlers.get(topic) ?? []), handler]);
  }

  /** Runs when notices may have been missed: whatever they would have invalidated is suspect. */
  onMissed(handler: () => void): void {
    this.missedHandlers.push(handler);
  }

  publish(topic: string, payload: Record<string, string>): void {
    this.deliver(topic, payload);
    if (!this.redis) return;
    this.send({ origin: this.origin, topic, payload });
  }

  private send(notice: Envelope): void {
    this.redis?.publish(this.channel, JSON.stringify(notice)).then(
      () => {
        if (!this.refusing) return;
        this.refusing = false;
        this.logger.log('cluster notices sent again');
      },
      (error: Error) => this.keep(notice, error),
    );
  }

  /** Keeps a refused notice for the next try; says so once per run of refusals. */
  private keep(notice: Envelope, error: Error): void {
    if (!this.refusing)
      this.logger.warn(`cluster notices not sent, sent again every second: ${error.message}`);
    this.refusing = true;
    if (this.overflowed) return;
    if (this.unsent.length >= UNSENT_MAX) {
      this.overflowed = true;
      this.unsent = [];
    } else this.unsent.push(notice);
    this.resendTimer ??= setTimeout(() => this.resend(), RESEND_INTERVAL_MS).unref();
  }

  private resend(): void {
    this.resendTimer = undefined;
    const notices = this.overflowed
      ? [{ origin: this.origin, topic: MISSED_NOTICES, payload: {} }]
      : this.unsent;
    this.unsent = [];
    this.overflowed = false;
    for (const notice of notices) this.send(notice);
  }

  private missed(): void {
    for (const handler of this.missedHandlers) handler();
  }

  private deliver(topic: string, payload: Record<string, string>): void {
    for (const handler of this.handlers.get(topic) ?? []) handler(payload);
  }
}
