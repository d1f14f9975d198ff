import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { Observable } from 'rxjs';
import { CoalescedTask } from '../common/scheduling';
import { JournalStore, type StallCheck, type StoredJournal } from './journal-store';
import type { LiveJournal, StreamMeta } from './live-journal';
import { isTerminal, type StreamEvent } from './stream-events';

/** How often a follower of another instance's stream reads the journal for new events. */
const FOLLOW_POLL_MS = 100;

interface Flushing {
  journal: LiveJournal;
  /** Id of the last event written to Redis. */
  flushedId: number;
  metaWritten: boolean;
}

export interface RedisJournalKeys {
  events(streamId: string): string;
  meta(streamId: string): string;
  session(sessionId: string): string;
}

export function redisJournalKeys(prefix: string): RedisJournalKeys {
  return {
    events: (streamId) => `${prefix}journal:${streamId}`,
    meta: (streamId) => `${prefix}journal-meta:${streamId}`,
    session: (sessionId) => `${prefix}session-stream:${sessionId}`,
  };
}

/** XRANGE entries: `[entryId, [field, value, ...]]`, each holding a batch of events under `e`. */
type StreamEntries = [string, string[]][];

function parseEntries(entries: StreamEntries, afterId: number): StreamEvent[] {
  const events: StreamEvent[] = [];
  let lastId = afterId;
  for (const [, fields] of entries) {
    const batch = JSON.parse(fields[1]) as StreamEvent[];
    // A flush retried after a lost reply may have written a batch twice: ids tell.
    for (const event of batch) {
      if (event.id > lastId) {
        events.push(event);
        lastId = event.id;
      }
    }
  }
  return events;
}

function parseMeta(raw: Record<string, string>): StreamMeta | undefined {
  if (!raw.stream_id) return undefined;
  return {
    stream_id: raw.stream_id,
    message_id: raw.message_id,
    user_id: raw.user_id,
    session_id: raw.session_id,
    room_id: raw.room_id,
    agent_type: raw.agent_type,
    user_input: raw.user_input,
    instance_id: raw.instance_id,
    started_at: Number(raw.started_at),
  };
}

/**
 * Journals in Redis, readable by every instance: each stream is a Redis Stream whose
 * entries are batches of events, plus a hash with its meta. Running streams are written
 * every STREAM_CHECKPOINT_MS in one pipeline for all of this instance's streams (so a
 * crash loses at most that much text); the terminal event is written at once. Finished
 * journals expire STREAM_REPLAY_TTL_MS after the end.
 */
export class RedisJournalStore extends JournalStore {
  readonly shared = true;
  private readonly logger = new Logger('StreamJournal');
  private readonly running = new Map<string, Flushing>();
  private readonly dirty = new Set<string>();
  /** One write at a time; asks meanwhile share the next one. */
  private readonly writes = new CoalescedTask(() => this.writeDirty());
  /** A flush asked for by streams that started in this turn of the event loop. */
  private startsPending = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisJournalKeys,
    checkpointMs: number,
    private readonly replayTtlMs: number,
  ) {
    super();
    this.timer = setInterval(() => void this.flush(), checkpointMs);
    this.timer.unref();
  }

  /**
   * A new stream is written at once (its meta, its session's pointer and its `start`),
   * not at the next checkpoint: another instance must find it as soon as a client that
   * dropped right after `start` asks there. Streams that start together share the write.
   */
  started(journal: LiveJournal): void {
    this.running.set(journal.meta.stream_id, { journal, flushedId: 0, metaWritten: false });
    this.dirty.add(journal.meta.stream_id);
    if (this.startsPending) return;
    this.startsPending = true;
    setImmediate(() => {
      this.startsPending = false;
      void this.flush();
    });
  }

  appended(journal: LiveJournal): void {
    this.dirty.add(journal.meta.stream_id);
  }

  async finished(journal: LiveJournal): Promise<void> {
    const entry = this.running.get(journal.meta.stream_id);
    if (!entry) return;
    // After the flushes in flight or queued, so the same events are not written twice.
    await this.writes.settled();
    this.dirty.delete(journal.meta.stream_id);
    this.running.delete(journal.meta.stream_id);
    const pipeline = this.redis.pipeline();
    this.write(pipeline, entry);
    pipeline.pexpire(this.keys.session(journal.meta.session_id), this.replayTtlMs);
    await execOrThrow(pipeline);
  }

  /**
   * Writes every running journal with unwritten events, in one pipeline. While a write
   * is under way, every ask joins one write queued behind it, so a slow Redis never
   * piles up writes.
   */
  flush(): Promise<void> {
    return this.writes.run();
  }

  private async writeDirty(): Promise<void> {
    if (this.dirty.size === 0) return;
    const batch = [...this.dirty].flatMap((id) => this.running.get(id) ?? []);
    this.dirty.clear();
    const pipeline = this.redis.pipeline();
    const progress = batch.map((entry) => ({ entry, written: this.write(pipeline, entry) }));
    try {
      await execOrThrow(pipeline);
    } catch (error) {
      // Written again by the next flush; readers skip the ids they already have.
      for (const { entry } of progress) this.dirty.add(entry.journal.meta.stream_id);
      this.logger.warn(`journal checkpoint failed: ${(error as Error).message}`);
      return;
    }
    for (const { entry, written } of progress) {
      entry.flushedId = Math.max(entry.flushedId, written);
      entry.metaWritten = true;
    }
  }

  async load(streamId: string): Promise<StoredJournal | undefined> {
    const [meta, entries] = await Promise.all([
      this.redis.hgetall(this.keys.meta(streamId)),
      this.redis.xrange(this.keys.events(streamId), '-', '+') as Promise<StreamEntries>,
    ]);
    const parsed = parseMeta(meta);
    return parsed && { meta: parsed, events: parseEntries(entries, 0) };
  }

  /** Polls the journal every FOLLOW_POLL_MS until the terminal event. */
  follow(streamId: string, afterId: number, stalled: StallCheck): Observable<StreamEvent> {
    return new Observable<StreamEvent>((subscriber) => {
      let lastId = afterId;
      let lastEntry = '-';
      let quietSince = Date.now();
      let timer: NodeJS.Timeout | undefined;
      let closed = false;
      const poll = async (): Promise<void> => {
        try {
          const start = lastEntry === '-' ? '-' : `(${lastEntry}`;
          const entries = (await this.redis.xrange(
            this.keys.events(streamId),
            start,
            '+',
          )) as StreamEntries;
          if (entries.length > 0) lastEntry = entries[entries.length - 1][0];
          const events = parseEntries(entries, lastId);
          if (events.length > 0) quietSince = Date.now();
          for (const event of events) {
            lastId = event.id;
            subscriber.next(event);
            if (isTerminal(event)) {
              subscriber.complete();
              return;
            }
          }
          if (Date.now() - quietSince >= stalled.everyMs) {
            quietSince = Date.now();
            await stalled.check();
          }
        } catch (error) {
          this.logger.warn(`following ${streamId} failed once: ${(error as Error).message}`);
        }
        if (!closed) timer = setTimeout(() => void poll(), FOLLOW_POLL_MS);
      };
      void poll();
      return () => {
        closed = true;
        clearTimeout(timer);
      };
    });
  }

  async latestStreamOf(sessionId: string): Promise<string | undefined> {
    return (await this.redis.get(this.keys.session(sessionId))) ?? undefined;
  }

  async close(journal: StoredJournal, terminal: StreamEvent): Promise<void> {
    const pipeline = this.redis
      .pipeline()
      .xadd(this.keys.events(journal.meta.stream_id), '*', 'e', JSON.stringify([terminal]));
    for (const key of [
      this.keys.events(journal.meta.stream_id),
      this.keys.meta(journal.meta.stream_id),
      this.keys.session(journal.meta.session_id),
    ])
      pipeline.pexpire(key, this.replayTtlMs);
    await execOrThrow(pipeline);
  }

  dispose(): void {
    clearInterval(this.timer);
  }

  /**
   * Adds one journal's unwritten events (and its meta, until written once) to a pipeline;
   * returns the id of the last event added. Progress is recorded by the caller on success.
   */
  private write(pipeline: ReturnType<Redis['pipeline']>, entry: Flushing): number {
    const { meta } = entry.journal;
    if (!entry.metaWritten) {
      pipeline.hset(this.keys.meta(meta.stream_id), {
        ...meta,
        started_at: String(meta.started_at),
      });
      pipeline.set(this.keys.session(meta.session_id), meta.stream_id, 'PX', this.replayTtlMs);
    }
    const events = entry.journal.eventsAfter(entry.flushedId);
    if (events.length > 0)
      pipeline.xadd(this.keys.events(meta.stream_id), '*', 'e', JSON.stringify(events));
    pipeline.pexpire(this.keys.events(meta.stream_id), this.replayTtlMs);
    pipeline.pexpire(this.keys.meta(meta.stream_id), this.replayTtlMs);
    return entry.journal.lastId;
  }
}

async function execOrThrow(pipeline: ReturnType<Redis['pipeline']>): Promise<void> {
  const results = await pipeline.exec();
  const failed = results?.find(([error]) => error !== null);
  if (failed?.[0]) throw failed[0];
}
