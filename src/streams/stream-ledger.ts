import { Logger } from '@nestjs/common';
import type { StreamStatus } from './active-stream.schema';
import type { ActiveStreamsRepository, LedgerWrite } from './active-streams.repository';
import type { StreamLease } from './stream-lease';

interface LedgerEntry {
  lease: StreamLease;
  inserted: boolean;
  closed?: { status: StreamStatus; at: Date };
}

export interface LedgerOptions {
  /** A heartbeat (or checkpoint) is written for running streams at most this often. */
  heartbeatMs: number;
  /** Without a shared journal, the partial answer rides along with each heartbeat. */
  checkpointPartials: boolean;
}

/**
 * Writes this instance's `active_streams` records behind the streams, in one batch per
 * flush: new records, closes, heartbeats and (without Redis) checkpoints of the partial
 * answer. A stream that starts and ends between two flushes costs one insert with its
 * final status. Flushes never overlap, so this instance's writes to a record are never
 * reordered (FerretDB applies updates as read-then-write). A failed flush is retried by
 * the next one.
 */
export class StreamLedger {
  private readonly logger = new Logger('StreamLedger');
  private readonly entries = new Map<string, LedgerEntry>();
  private lastBeatAt = Date.now();
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly repository: ActiveStreamsRepository,
    private readonly options: LedgerOptions,
  ) {}

  opened(lease: StreamLease): void {
    this.entries.set(lease.streamId, { lease, inserted: false });
  }

  closed(lease: StreamLease, status: StreamStatus): void {
    const entry = this.entries.get(lease.streamId);
    if (entry) entry.closed = { status, at: new Date() };
  }

  /** Records not yet settled in the database (running or waiting for their close). */
  pending(): number {
    return this.entries.size;
  }

  flush(now = new Date()): Promise<void> {
    this.flushing = this.flushing.then(() => this.write(now));
    return this.flushing;
  }

  private async write(now: Date): Promise<void> {
    const batch: LedgerWrite[] = [];
    const beating: string[] = [];
    const beatDue = now.getTime() - this.lastBeatAt >= this.options.heartbeatMs;
    for (const entry of this.entries.values()) {
      const { lease } = entry;
      if (!entry.inserted) {
        batch.push({ kind: 'insert', record: this.recordOf(entry, now) });
      } else if (entry.closed) {
        batch.push({ kind: 'close', streamId: lease.streamId, ...entry.closed });
      } else if (beatDue && this.options.checkpointPartials) {
        batch.push({
          kind: 'checkpoint',
          streamId: lease.streamId,
          partial: lease.journal.text(),
          at: now,
        });
      } else if (beatDue) {
        beating.push(lease.streamId);
      }
    }
    if (beating.length > 0) batch.push({ kind: 'beat', streamIds: beating, at: now });
    if (batch.length === 0) {
      if (beatDue) this.lastBeatAt = now.getTime();
      return;
    }
    const written = [...this.entries.values()].map((entry) => ({
      entry,
      wasClosed: entry.closed !== undefined,
    }));
    try {
      await this.repository.write(batch);
    } catch (error) {
      this.logger.warn(
        `active_streams not written (retried next flush): ${(error as Error).message}`,
      );
      return;
    }
    if (beatDue) this.lastBeatAt = now.getTime();
    for (const { entry, wasClosed } of written) {
      entry.inserted = true;
      if (wasClosed) this.entries.delete(entry.lease.streamId);
    }
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
      ended_at: entry.closed?.at ?? null,
      status: entry.closed?.status ?? 'streaming',
      cancel_requested:
        entry.closed?.status === 'cancelled' || entry.closed?.status === 'interrupted',
      last_heartbeat: entry.closed?.at ?? now,
    };
  }
}
