import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import type { ConversationRecord } from './conversation.repository';

/**
 * Finished turns that the database could not take yet (an outage), held until it can.
 * In Redis when REDIS_URL is set (shared; survives this instance), else in this
 * instance's memory, bounded by OUTBOX_MAX_TURNS.
 */
export interface TurnOutbox {
  /** False when the turn could not be held (memory full, or Redis unreachable). */
  add(turn: ConversationRecord): Promise<boolean>;
  size(): Promise<number>;
  /**
   * Hands the oldest turns (at most `max`) to `write`; they leave the outbox only once it
   * resolves. Undefined when another instance is draining right now.
   */
  drain(
    max: number,
    write: (turns: ConversationRecord[]) => Promise<void>,
  ): Promise<number | undefined>;
}

type StoredTurn = Omit<ConversationRecord, 'timestamp'> & { timestamp: string };

function revive(raw: string): ConversationRecord {
  const turn = JSON.parse(raw) as StoredTurn;
  return { ...turn, timestamp: new Date(turn.timestamp) };
}

export class MemoryTurnOutbox implements TurnOutbox {
  private readonly turns: ConversationRecord[] = [];

  constructor(private readonly maxTurns: number) {}

  add(turn: ConversationRecord): Promise<boolean> {
    if (this.turns.length >= this.maxTurns) return Promise.resolve(false);
    this.turns.push(turn);
    return Promise.resolve(true);
  }

  size(): Promise<number> {
    return Promise.resolve(this.turns.length);
  }

  async drain(max: number, write: (turns: ConversationRecord[]) => Promise<void>): Promise<number> {
    const batch = this.turns.slice(0, max);
    if (batch.length === 0) return 0;
    await write(batch);
    this.turns.splice(0, batch.length);
    return batch.length;
  }
}

/** How long one instance may hold the right to drain before another may take over. */
const DRAIN_LOCK_MS = 30_000;
/** Deletes the lock only if this drainer still holds it. */
const RELEASE_LOCK =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";

export class RedisTurnOutbox implements TurnOutbox {
  private readonly listKey: string;
  private readonly lockKey: string;

  private readonly holder = randomUUID();

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.listKey = `${prefix}turn-outbox`;
    this.lockKey = `${prefix}lock:turn-outbox`;
  }

  async add(turn: ConversationRecord): Promise<boolean> {
    try {
      await this.redis.rpush(this.listKey, JSON.stringify(turn));
      return true;
    } catch {
      return false;
    }
  }

  size(): Promise<number> {
    return this.redis.llen(this.listKey);
  }

  async drain(
    max: number,
    write: (turns: ConversationRecord[]) => Promise<void>,
  ): Promise<number | undefined> {
    // One drainer at a time, so a batch is never trimmed by an instance that did not write it.
    if ((await this.redis.set(this.lockKey, this.holder, 'PX', DRAIN_LOCK_MS, 'NX')) !== 'OK')
      return undefined;
    try {
      const raw = await this.redis.lrange(this.listKey, 0, max - 1);
      if (raw.length === 0) return 0;
      await write(raw.map(revive));
      await this.redis.ltrim(this.listKey, raw.length, -1);
      return raw.length;
    } finally {
      await this.redis.eval(RELEASE_LOCK, 1, this.lockKey, this.holder).catch(() => undefined);
    }
  }
}
