import { Logger } from '@nestjs/common';
import { afterAbandonedCall } from '../common/database/database-deadline';
import { CoalescedTask } from '../common/scheduling';
import type { StreamStatus } from './active-stream.schema';
import type { ActiveStreamsRepository, LedgerWrite } from './active-streams.repository';
import type { StreamLease } from './stream-lease';

interface LedgerEntry {
  lease: StreamLease;
  inserted: boolean;
  /** Its insert was in a write that counted as failed: it may be in the database already. */
  retried?: boolean;
  /** When this record's heartbeat (or checkpoint) was last written. */
  beatAt: number;
  closed?: StreamStatus;
}

export interface LedgerOptions {
  /** A running record's heartbeat is refreshed once it is this old. */
  heartbeatMs: number;
  /** Without a shared journal, the partial answer rides along with each heartbeat. */
  checkpointPartials: boolean;
}

/** Checkpoints written at once: each is a command of its own (they differ per record). */
const CHECKPOINTS_IN_FLIGHT = 4;
/**
 * Closes and heartbeats are grouped by the heartbeat their records were last written
 * with, so FerretDB reads only those records; beyond this many groups (statements), they
 * are grouped by status alone, as FerretDB holds a connection per statement.
 */
const NARROWED_STATEMENTS_MAX = 8;

/**
 * Writes this instance's `active_streams` records behind the streams, once per flush:
 * new records in one insert (a stream that started and ended since the last flush is
 * inserted with its final status), closes in one update statement per final status, and
 * a heartbeat for records older than STREAM_HEARTBEAT_MS in one statement (short answers
 * never need one); each statement is split by the heartbeat its records were last written
 * with, a filter FerretDB can narrow its read by. Without Redis each such heartbeat also
 * checkpoints the partial answer. Flushes never overlap, so this instance's writes to a
 * record are never reordered (FerretDB applies updates as read-then-write); a failed
 * flush is redone by the next one.
 */
export class StreamLedger {
  private readonly logger = new Logger('StreamLedger');
  private readonly entries = new Map<string, LedgerEntry>();
  /** One write at a time; asks meanwhile share the next one. */
  private readonly writes = new CoalescedTask(() => this.write(new Date()));

  constructor(
    private readonly repository: ActiveStreamsRepository,
    private readonly options: LedgerOptions,
  ) {}

  opened(lease: StreamLease): void {
    this.entries.set(lease.streamId, { lease, inserted: false, beatAt: Date.now() });
  }

  closed(lease: StreamLease, status: StreamStatus): void {
    const entry = this.entries.get(lease.streamId);
    if (entry) entry.closed = status;
  }

  /** Records not yet settled in the database (running or waiting for their close). */
  pending(): number {
    return this.entries.size;
  }

  /**
   * Writes what changed since the last write. While a write is under way, asks join one
   * write queued behind it, so a database slower than the flush interval never piles up
   * writes.
   */
  flush(): Promise<void> {
    return this.writes.run();
  }

  private async write(now: Date): Promise<void> {
    const inserts: LedgerEntry[] = [];
    const closes: LedgerEntry[] = [];
    const beats: LedgerEntry[] = [];
    for (const entry of this.entries.values()) {
      if (!entry.inserted) inserts.push(entry);
      else if (entry.closed) closes.push(entry);
      else if (now.getTime() - entry.beatAt >= this.options.heartbeatMs) beats.push(entry);
    }
    const batch: LedgerWrite[] = [];
    // Records of a write that counted as failed go apart: they may be there already.
    for (const [retried, entries] of Map.groupBy(inserts, (entry) => entry.retried === true))
      batch.push({
        kind: 'insert',
        records: entries.map((entry) => this.recordOf(entry, now)),
        retried,
      });
    batch.push(...this.updatesOf(closes, this.options.checkpointPartials ? [] : beats, now));
    // What each entry looked like when written: a close that comes during the write waits.
    const written = [...inserts, ...closes].map((entry) => ({
      entry,
      wasClosed: entry.closed !== undefined,
    }));
    try {
      await this.repository.write(batch);
      if (this.options.checkpointPartials) await this.checkpoint(beats, now);
    } catch (error) {
      // A write the deadline gave up on still runs in the database: the next flush, which
      // sends the same records, waits for it.
      await afterAbandonedCall(error);
      for (const entry of inserts) entry.retried = true;
      this.logger.warn(
        `active_streams not written (redone next flush): ${(error as Error).message}`,
      );
      return;
    }
    for (const entry of beats) entry.beatAt = now.getTime();
    for (const { entry, wasClosed } of written) {
      entry.inserted = true;
      entry.beatAt = now.getTime();
      if (wasClosed) this.entries.delete(entry.lease.streamId);
    }
  }

  /**
   * The closes (one statement per final status) and the heartbeat, each split by the
   * heartbeat its records were last written with while that keeps the statements few.
   */
  private updatesOf(closes: LedgerEntry[], beats: LedgerEntry[], now: Date): LedgerWrite[] {
    const entries = [...closes, ...beats];
    const byWrite = Map.groupBy(entries, (entry) => `${entry.closed ?? ''}@${entry.beatAt}`);
    const narrowed = byWrite.size <= NARROWED_STATEMENTS_MAX;
    const groups = narrowed ? byWrite : Map.groupBy(entries, (entry) => entry.closed ?? '');
    return [...groups.values()].map((group): LedgerWrite => {
      const { closed: status, beatAt } = group[0];
      const streamIds = group.map((entry) => entry.lease.streamId);
      const written = narrowed ? new Date(beatAt) : undefined;
      return status
        ? { kind: 'close', streamIds, status, at: now, written }
        : { kind: 'beat', streamIds, at: now, written };
    });
  }

  /**
   * The heartbeat of records that carry their partial answer: one small update each. The
   * first failure stops the rest; it is thrown once every update under way is over.
   */
  private async checkpoint(entries: LedgerEntry[], now: Date): Promise<void> {
    let next = 0;
    let failure: Error | undefined;
    await Promise.all(
      Array.from({ length: Math.min(CHECKPOINTS_IN_FLIGHT, entries.length) }, async () => {
        while (next < entries.length && failure === undefined) {
          const { lease } = entries[next];
          next += 1;
          try {
            await this.repository.checkpoint(lease.streamId, lease.journal.text(), now);
          } catch (error) {
            failure ??= error as Error;
            await afterAbandonedCall(error);
          }
        }
      }),
    );
    if (failure !== undefined) throw failure;
  }

  private recordOf(entry: LedgerEntry, now: Date) {
    const { lease } = entry;
    return {
      stream_id: lease.streamId,
      message_id: lease.messageId,
      session_id: lease.sessionId,
      room_id: lease.roomId,
      user_id: lease.owner,
      agent_type: lease.agentType,
      instance_id: lease.journal.meta.instance_id,
      user_input: lease.journal.meta.user_input,
      // A checkpoint matters only while the stream runs: the turn itself holds the answer.
      partial_response:
        this.options.checkpointPartials && !entry.closed ? lease.journal.text() : null,
      started_at: new Date(lease.startedAt),
      ended_at: entry.closed ? now : null,
      status: entry.closed ?? 'streaming',
      cancel_requested: entry.closed === 'cancelled' || entry.closed === 'interrupted',
      last_heartbeat: now,
    };
  }
}
