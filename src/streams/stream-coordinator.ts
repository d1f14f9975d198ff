import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import type { StopReason, StreamLease, StreamOutcome } from './stream-lease';

/**
 * What another instance did with a stop request: the outcome of the stream it stopped;
 * null when it has no such stream or did not answer in time; 'gone' when nobody listens
 * for it any more (its process died).
 */
export type RemoteStop = StopOutcome | null | 'gone';

function remoteStopOf(replies: Reply[] | undefined): RemoteStop {
  if (replies === undefined) return 'gone';
  const reply = replies[0];
  return reply?.kind === 'stop' ? reply.outcome : null;
}

/** What Stop reports of a stream it ended. */
export type StopOutcome = StreamOutcome & {
  stream_id: string;
  room_id: string;
  session_id: string;
  user_id: string;
};

/** Who holds a session's stream slot across instances. */
export interface ClaimHolder {
  instanceId: string;
  streamId: string;
}

/** What this instance does when another one asks. */
export interface LocalStops {
  stopSession(
    owner: string,
    sessionId: string,
    reason: StopReason,
  ): Promise<StopOutcome | undefined>;
  stopStream(streamId: string, reason: StopReason): Promise<StopOutcome | undefined>;
  /** Stops the owner's streams here (in one room, or all of them); answers how many. */
  stopOwned(owner: string, roomId: string | undefined, reason: StopReason): Promise<number>;
}

type Request =
  | {
      kind: 'stop';
      request_id: string;
      target: string;
      owner: string;
      session_id: string;
      reason: StopReason;
    }
  | {
      kind: 'stop-stream';
      request_id: string;
      target: string;
      stream_id: string;
      reason: StopReason;
    }
  | {
      kind: 'stop-owned';
      request_id: string;
      /** The asking instance, which answers for itself without a request. */
      origin: string;
      owner: string;
      room_id?: string;
      reason: StopReason;
    };

type Reply =
  | { kind: 'stop'; instance_id: string; outcome: StopOutcome | null }
  | { kind: 'stop-owned'; instance_id: string; stopped: number };

/** The longest time between two pulses of a live instance. */
const MAX_PULSE_MS = 1_000;

/** ioredis's longest wait between reconnection attempts (its default retry strategy). */
const RECONNECT_ALLOWANCE_MS = 2_000;

/** How long the start waits for the subscription to stream requests (Redis may be down). */
const SUBSCRIBE_WAIT_MS = 2_000;

/** SET NX the claim and, when won, add the stream to its instance's set; else return the holder. */
const CLAIM_SCRIPT = `
if redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then
  redis.call('sadd', KEYS[2], ARGV[3])
  return false
end
return redis.call('get', KEYS[1])`;

/** Replaces a claim only if it still holds the old value (taking over a released or dead holder). */
const REPLACE_SCRIPT = `
if redis.call('get', KEYS[1]) == ARGV[1] then
  redis.call('set', KEYS[1], ARGV[2], 'PX', ARGV[3])
  redis.call('sadd', KEYS[2], ARGV[4])
  return 1
end
return 0`;

/** Deletes a claim only if it still holds this value, and the stream from its instance's set. */
const RELEASE_SCRIPT = `
redis.call('srem', KEYS[2], ARGV[2])
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0`;

/**
 * Streams across instances, when REDIS_URL is set (without Redis there is one instance,
 * and every method answers for it alone):
 * - a claim key per session keeps one stream per session on all instances, naming the
 *   instance and stream that hold it;
 * - each instance beats in a sorted set of instances and lists its streams in a set, so
 *   survivors find the streams of an instance that died;
 * - Stop and room deletion reach the instance that runs a stream through pub/sub.
 */
export class StreamCoordinator {
  private readonly logger = new Logger('StreamCoordinator');
  private subscriber?: Redis;
  private readonly replies = new Map<string, (reply: Reply) => void>();
  /** Requests for every instance (stop the owner's streams). */
  private readonly broadcastChannel: string;
  /** Requests for this instance alone; its subscribers count tells whether it lives. */
  private readonly ownChannel: string;

  /** How often this instance says it lives (a ZADD): every heartbeat, at least every second. */
  readonly pulseMs: number;
  /**
   * How long after its last pulse an instance that nobody hears on its channel is still
   * given the benefit of the doubt (its subscription may be reconnecting): two pulses.
   */
  readonly silenceGraceMs: number;
  /** Until then, this instance judges nobody dead: it has just come back to Redis. */
  private judgesFrom = 0;

  constructor(
    private readonly redis: Redis | null,
    private readonly prefix: string,
    readonly instanceId: string,
    private readonly staleMs: number,
    heartbeatMs: number,
    private readonly remoteStopTimeoutMs: number,
  ) {
    this.broadcastChannel = `${prefix}stream-requests`;
    this.ownChannel = this.channelOf(instanceId);
    this.pulseMs = Math.min(heartbeatMs, MAX_PULSE_MS);
    this.silenceGraceMs = Math.min(staleMs, 2 * this.pulseMs);
    // After a Redis outage every instance reconnects, resubscribes and pulses again; until
    // the others had time to (their reconnect backoff, two pulses), silence proves nothing.
    let lost = false;
    redis?.on('close', () => (lost = true));
    redis?.on('ready', () => {
      if (lost) this.judgesFrom = Date.now() + 2 * this.pulseMs + RECONNECT_ALLOWANCE_MS;
      lost = false;
    });
  }

  get enabled(): boolean {
    return this.redis !== null;
  }

  /**
   * Starts answering other instances' requests, on a connection of its own. Resolves once
   * subscribed (or after a short wait, so a start with Redis down is not held).
   */
  async listen(local: LocalStops): Promise<void> {
    if (!this.redis) return;
    // A subscribed connection can do nothing else. It queues its SUBSCRIBE until
    // connected and resubscribes by itself after a reconnect.
    this.subscriber = this.redis.duplicate({
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
    });
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.broadcastChannel || channel === this.ownChannel)
        void this.answer(local, JSON.parse(message) as Request);
      else this.replies.get(channel)?.(JSON.parse(message) as Reply);
    });
    const subscribed = this.subscriber
      .subscribe(this.broadcastChannel, this.ownChannel)
      .catch((error: Error) => {
        this.logger.warn(`cannot subscribe to stream requests: ${error.message}`);
      });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      subscribed,
      new Promise<void>((resolve) => (timer = setTimeout(resolve, SUBSCRIBE_WAIT_MS))),
    ]);
    clearTimeout(timer);
  }

  close(): void {
    this.subscriber?.disconnect();
  }

  /** Takes the session's slot across instances; the current holder when another stream has it. */
  async claim(lease: StreamLease): Promise<ClaimHolder | undefined> {
    if (!this.redis) return undefined;
    const held = (await this.redis.eval(
      CLAIM_SCRIPT,
      2,
      this.claimKey(lease.sessionId),
      this.instanceStreamsKey(this.instanceId),
      this.claimValue(this.instanceId, lease.streamId),
      String(this.staleMs),
      lease.streamId,
    )) as string | null;
    return held === null ? undefined : this.parseClaim(held);
  }

  /** Takes the slot from a holder that is known to be gone; false when the claim moved meanwhile. */
  async takeOver(lease: StreamLease, from: ClaimHolder): Promise<boolean> {
    if (!this.redis) return true;
    const replaced = await this.redis.eval(
      REPLACE_SCRIPT,
      2,
      this.claimKey(lease.sessionId),
      this.instanceStreamsKey(this.instanceId),
      this.claimValue(from.instanceId, from.streamId),
      this.claimValue(this.instanceId, lease.streamId),
      String(this.staleMs),
      lease.streamId,
    );
    return replaced === 1;
  }

  async release(lease: StreamLease): Promise<void> {
    await this.releaseClaim(lease.sessionId, this.instanceId, lease.streamId);
  }

  /** Frees a claim held by `instanceId`'s stream (its own, or a dead instance's). */
  async releaseClaim(sessionId: string, instanceId: string, streamId: string): Promise<void> {
    await this.redis?.eval(
      RELEASE_SCRIPT,
      2,
      this.claimKey(sessionId),
      this.instanceStreamsKey(instanceId),
      this.claimValue(instanceId, streamId),
      streamId,
    );
  }

  async holderOf(sessionId: string): Promise<ClaimHolder | undefined> {
    if (!this.redis) return undefined;
    const held = await this.redis.get(this.claimKey(sessionId));
    return held === null ? undefined : this.parseClaim(held);
  }

  /** This instance is alive (between heartbeats, so that its death is seen sooner). */
  async pulse(): Promise<void> {
    await this.redis?.zadd(this.instancesKey(), Date.now(), this.instanceId);
  }

  /** This instance is alive; its claims are kept for another STREAM_STALE_MS. One round trip. */
  async beat(leases: StreamLease[]): Promise<void> {
    if (!this.redis) return;
    const pipeline = this.redis.pipeline().zadd(this.instancesKey(), Date.now(), this.instanceId);
    for (const lease of leases) pipeline.pexpire(this.claimKey(lease.sessionId), this.staleMs);
    await pipeline.exec();
  }

  /**
   * Whether an instance lives. It is dead when its pulse is older than STREAM_STALE_MS,
   * or when nobody listens on its request channel and it missed two pulses: a killed
   * process loses its Redis connections, and with them its subscription, at once, so its
   * death is known within two pulses (2 s at most) instead of STREAM_STALE_MS. A live
   * instance whose subscription is reconnecting still pulses, and for a moment after this
   * instance itself reconnected to Redis nobody is judged: a false death would store a
   * live stream's partial as interrupted under it.
   */
  async isAlive(instanceId: string): Promise<boolean> {
    if (instanceId === this.instanceId) return true;
    if (!this.redis) return false;
    const [beat, listening] = await Promise.all([
      this.redis.zscore(this.instancesKey(), instanceId),
      this.subscribers([instanceId]),
    ]);
    return this.alive(beat === null ? null : Number(beat), listening[0], Date.now());
  }

  /** Instances that are dead by isAlive's rule (this one never is). */
  async deadInstances(): Promise<string[]> {
    if (!this.redis) return [];
    const members = await this.redis.zrange(this.instancesKey(), 0, -1, 'WITHSCORES');
    const instances: { id: string; beat: number }[] = [];
    for (let i = 0; i < members.length; i += 2) {
      if (members[i] !== this.instanceId)
        instances.push({ id: members[i], beat: Number(members[i + 1]) });
    }
    if (instances.length === 0) return [];
    const listening = await this.subscribers(instances.map((instance) => instance.id));
    const now = Date.now();
    return instances
      .filter((instance, index) => !this.alive(instance.beat, listening[index], now))
      .map((instance) => instance.id);
  }

  private alive(beat: number | null, listening: number, now: number): boolean {
    if (now < this.judgesFrom) return true;
    if (beat === null) return false;
    const age = now - beat;
    if (age >= this.staleMs) return false;
    return listening > 0 || age < this.silenceGraceMs;
  }

  /** How many subscribers each instance's request channel has (0: its process is gone). */
  private async subscribers(instanceIds: string[]): Promise<number[]> {
    const reply = (await this.redis?.pubsub(
      'NUMSUB',
      ...instanceIds.map((id) => this.channelOf(id)),
    )) as (string | number)[] | undefined;
    return instanceIds.map((_id, index) => Number(reply?.[index * 2 + 1] ?? 0));
  }

  async streamsOf(instanceId: string): Promise<string[]> {
    return this.redis ? this.redis.smembers(this.instanceStreamsKey(instanceId)) : [];
  }

  /** Forgets a dead instance once its streams are taken care of. */
  async forget(instanceId: string): Promise<void> {
    await this.redis
      ?.multi()
      .del(this.instanceStreamsKey(instanceId))
      .zrem(this.instancesKey(), instanceId)
      .exec();
  }

  /** A follower on another instance is reading this stream (see isWatched). */
  async watch(streamId: string, ttlMs: number): Promise<void> {
    await this.redis?.set(`${this.prefix}stream-watch:${streamId}`, this.instanceId, 'PX', ttlMs);
  }

  /** Whether a follower elsewhere read this stream lately: a detached stream is not idle then. */
  async isWatched(streamId: string): Promise<boolean> {
    if (!this.redis) return false;
    return (await this.redis.exists(`${this.prefix}stream-watch:${streamId}`)) === 1;
  }

  /** A short exclusive hold (recovering a stream, reaping an instance). */
  async lock(name: string, ttlMs: number): Promise<boolean> {
    if (!this.redis) return true;
    return (
      (await this.redis.set(`${this.prefix}lock:${name}`, this.instanceId, 'PX', ttlMs, 'NX')) ===
      'OK'
    );
  }

  /**
   * Asks `instanceId` to stop the owner's stream in a session. Undefined when it has no
   * such stream or did not answer in time (it may have died).
   */
  async stopOn(
    instanceId: string,
    owner: string,
    sessionId: string,
    reason: StopReason,
  ): Promise<RemoteStop> {
    const replies = await this.ask(
      {
        kind: 'stop',
        request_id: randomUUID(),
        target: instanceId,
        owner,
        session_id: sessionId,
        reason,
      },
      1,
      this.channelOf(instanceId),
    );
    return remoteStopOf(replies);
  }

  /** Asks `instanceId` to stop a stream by id (operators). Undefined when it has no such stream. */
  async stopStreamOn(
    instanceId: string,
    streamId: string,
    reason: StopReason,
  ): Promise<RemoteStop> {
    const replies = await this.ask(
      {
        kind: 'stop-stream',
        request_id: randomUUID(),
        target: instanceId,
        stream_id: streamId,
        reason,
      },
      1,
      this.channelOf(instanceId),
    );
    return remoteStopOf(replies);
  }

  /**
   * Asks every other live instance to stop the owner's streams (in one room, or all of
   * them); waits for their answers (their partials stored) and sums them.
   */
  async stopOwnedElsewhere(
    owner: string,
    roomId: string | undefined,
    reason: StopReason,
  ): Promise<number> {
    if (!this.redis) return 0;
    const live = (
      await this.redis.zrangebyscore(this.instancesKey(), Date.now() - this.staleMs, '+inf')
    ).filter((id) => id !== this.instanceId);
    if (live.length === 0) return 0;
    const replies = await this.ask(
      {
        kind: 'stop-owned',
        request_id: randomUUID(),
        origin: this.instanceId,
        owner,
        room_id: roomId,
        reason,
      },
      live.length,
      this.broadcastChannel,
    );
    return (replies ?? []).reduce(
      (sum, reply) => sum + (reply.kind === 'stop-owned' ? reply.stopped : 0),
      0,
    );
  }

  /**
   * Publishes a request on `channel` and collects up to `expected` replies within the
   * timeout; undefined when nobody listens on the channel (the instance is gone).
   */
  private async ask(
    request: Request,
    expected: number,
    channelOut: string,
  ): Promise<Reply[] | undefined> {
    if (!this.redis || !this.subscriber) return [];
    const channel = `${this.prefix}stream-reply:${request.request_id}`;
    const received: Reply[] = [];
    let timer: NodeJS.Timeout | undefined;
    const done = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.remoteStopTimeoutMs);
      this.replies.set(channel, (reply) => {
        received.push(reply);
        if (received.length >= expected) resolve();
      });
    });
    try {
      await this.subscriber.subscribe(channel);
      if ((await this.redis.publish(channelOut, JSON.stringify(request))) === 0) return undefined;
      await done;
      return received;
    } finally {
      clearTimeout(timer);
      this.replies.delete(channel);
      await this.subscriber.unsubscribe(channel).catch(() => undefined);
    }
  }

  private async answer(local: LocalStops, request: Request): Promise<void> {
    let reply: Reply;
    if (request.kind === 'stop' || request.kind === 'stop-stream') {
      if (request.target !== this.instanceId) return;
      const outcome =
        request.kind === 'stop'
          ? await local.stopSession(request.owner, request.session_id, request.reason)
          : await local.stopStream(request.stream_id, request.reason);
      reply = { kind: 'stop', instance_id: this.instanceId, outcome: outcome ?? null };
    } else {
      if (request.origin === this.instanceId) return;
      reply = {
        kind: 'stop-owned',
        instance_id: this.instanceId,
        stopped: await local.stopOwned(request.owner, request.room_id, request.reason),
      };
    }
    await this.redis
      ?.publish(`${this.prefix}stream-reply:${request.request_id}`, JSON.stringify(reply))
      .catch((error: Error) =>
        this.logger.warn(`cannot answer a stream request: ${error.message}`),
      );
  }

  private channelOf(instanceId: string): string {
    return `${this.prefix}stream-requests:${instanceId}`;
  }

  private claimKey(sessionId: string): string {
    return `${this.prefix}stream:${sessionId}`;
  }

  private instanceStreamsKey(instanceId: string): string {
    return `${this.prefix}instance-streams:${instanceId}`;
  }

  private instancesKey(): string {
    return `${this.prefix}instances`;
  }

  private claimValue(instanceId: string, streamId: string): string {
    return `${instanceId} ${streamId}`;
  }

  private parseClaim(value: string): ClaimHolder {
    const [instanceId, streamId] = value.split(' ');
    return { instanceId, streamId: streamId ?? instanceId };
  }
}
