import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DatabaseDeadline } from '../common/database/database-deadline';
import { trusted, type Model, type mongo } from 'mongoose';
import type { UserId } from '../common/auth/user-id';
import { withoutMongoFields } from '../common/database/lean';
import { ActiveStream, type StreamStatus } from './active-stream.schema';

export type ActiveStreamRecord = ActiveStream;

/**
 * One change of the ledger's batch. A close or a heartbeat may name the `last_heartbeat`
 * its records were last written with (`written`): the filter then carries that equality,
 * which FerretDB hands to its backend, so it reads only the records of that write instead
 * of every running one (it cannot hand over `$in`). A record that no longer has that value
 * is still reached: see `write`.
 */
export type LedgerWrite =
  | { kind: 'insert'; records: ActiveStreamRecord[]; retried?: boolean }
  | { kind: 'close'; streamIds: string[]; status: StreamStatus; at: Date; written?: Date }
  | { kind: 'beat'; streamIds: string[]; at: Date; written?: Date };

const DUPLICATE_KEY = 11000;

/** The running records among `streamIds`, narrowed to those last written at `written`. */
function runningAmong(streamIds: string[], written?: Date): mongo.Filter<mongo.Document> {
  return written
    ? { stream_id: { $in: streamIds }, status: 'streaming', last_heartbeat: written }
    : { stream_id: { $in: streamIds }, status: 'streaming' };
}

/** The only code that touches `active_streams`. */
@Injectable()
export class ActiveStreamsRepository {
  constructor(
    @InjectModel(ActiveStream.name) private readonly model: Model<ActiveStream>,
    private readonly deadline: DatabaseDeadline,
  ) {}

  /**
   * Applies a batch: the inserts in one command, the updates (a handful of statements:
   * one per final status, one heartbeat) in another. A close or a heartbeat only ever
   * changes a record that is still `streaming`, so a late write never reopens a finished
   * one. An insert that finds its record already written (a retried batch) counts as done.
   * Updates are never one statement per record: FerretDB holds a connection per
   * statement of a command, and many of them at once exhaust its pool. When the updates
   * narrowed by `written` match fewer records than they name (a write counted as failed
   * that landed after all, a record another instance closed), they are sent once more
   * without it, which reaches every record still running.
   */
  async write(changes: LedgerWrite[]): Promise<void> {
    const batch = await this.withoutLanded(changes);
    if (batch.length === 0) return;
    const named = batch.reduce(
      (sum, change) => sum + (change.kind === 'insert' ? 0 : change.streamIds.length),
      0,
    );
    const narrowed = batch.some((change) => change.kind !== 'insert' && change.written);
    const matched = await this.bulkWrite(batch);
    if (!narrowed || matched >= named) return;
    await this.bulkWrite(
      batch.flatMap((change) =>
        change.kind !== 'insert' && change.written ? [{ ...change, written: undefined }] : [],
      ),
    );
  }

  /**
   * Inserts sent again after a write that counted as failed (`retried`) may have landed
   * after all: those records are looked up first. One that is there is not inserted again
   * (a duplicate would leave it as it was, and drivers match each insert against every
   * write error, quadratic in the batch): if it has ended since, it is closed instead, else
   * beaten, so its heartbeat is the one the ledger now narrows its statements by.
   */
  private async withoutLanded(batch: LedgerWrite[]): Promise<LedgerWrite[]> {
    const retried = batch.flatMap((change) =>
      change.kind === 'insert' && change.retried ? change.records : [],
    );
    if (retried.length === 0) return batch;
    const landed = await this.deadline.within(
      this.model.collection
        .find(
          { stream_id: { $in: retried.map((record) => record.stream_id) } },
          { projection: { stream_id: 1, _id: 0 } },
        )
        .toArray(),
    );
    const there = new Set(landed.map((record) => record.stream_id as string));
    if (there.size === 0) return batch;
    const byStatus = Map.groupBy(
      retried.filter((record) => there.has(record.stream_id)),
      (record) => record.status,
    );
    const updates = [...byStatus].map(([status, records]): LedgerWrite => {
      const streamIds = records.map((record) => record.stream_id);
      const at = records[0].last_heartbeat;
      return status === 'streaming'
        ? { kind: 'beat', streamIds, at }
        : { kind: 'close', streamIds, status, at };
    });
    const kept = batch.flatMap((change): LedgerWrite[] => {
      if (change.kind !== 'insert' || !change.retried) return [change];
      const records = change.records.filter((record) => !there.has(record.stream_id));
      return records.length > 0 ? [{ kind: 'insert', records }] : [];
    });
    return [...kept, ...updates];
  }

  /** Sends a batch as one bulk write; returns how many records its updates matched. */
  private async bulkWrite(batch: LedgerWrite[]): Promise<number> {
    const operations: mongo.AnyBulkWriteOperation[] = batch.flatMap(
      (change): mongo.AnyBulkWriteOperation[] => {
        switch (change.kind) {
          case 'insert':
            return change.records.map((record) => ({ insertOne: { document: record } }));
          case 'close':
            return [
              {
                updateMany: {
                  filter: runningAmong(change.streamIds, change.written),
                  update: {
                    $set: {
                      status: change.status,
                      // Stop, a client leaving and shutdown all asked for the stream to end.
                      cancel_requested:
                        change.status === 'cancelled' || change.status === 'interrupted',
                      ended_at: change.at,
                      last_heartbeat: change.at,
                    },
                  },
                },
              },
            ];
          case 'beat':
            return [
              {
                updateMany: {
                  filter: runningAmong(change.streamIds, change.written),
                  update: { $set: { last_heartbeat: change.at } },
                },
              },
            ];
        }
      },
    );
    try {
      // The driver's own bulkWrite: the records are built whole by the ledger, and
      // Mongoose's casting and validation of thousands of them per flush cost more CPU
      // than the rest of the streams' work (profiled at 5,000 streams).
      const result = await this.deadline.within(
        this.model.collection.bulkWrite(operations, { ordered: false }),
      );
      return result.matchedCount;
    } catch (error) {
      const { writeErrors: failures, result } = error as {
        writeErrors?: { code?: number }[];
        result?: { matchedCount: number };
      };
      if (!failures?.length || failures.some((failure) => failure.code !== DUPLICATE_KEY))
        throw error;
      return result?.matchedCount ?? 0;
    }
  }

  /** A running record's heartbeat with the answer so far (the checkpoint used without Redis). */
  async checkpoint(streamId: string, partial: string, at: Date): Promise<void> {
    await this.deadline.within(
      this.model.collection.updateOne(
        { stream_id: streamId, status: 'streaming' },
        { $set: { last_heartbeat: at, partial_response: partial } },
      ),
    );
  }

  /**
   * Running streams whose heartbeat stopped before `cutoff`, of other instances than
   * `instanceId` (this instance's own records are closed by its ledger).
   */
  async stale(cutoff: Date, instanceId: string, limit: number): Promise<ActiveStreamRecord[]> {
    const records = await this.deadline.within(
      this.model
        .find({
          status: 'streaming',
          last_heartbeat: trusted({ $lt: cutoff }),
          instance_id: trusted({ $ne: instanceId }),
        })
        .limit(limit)
        .lean<ActiveStreamRecord[]>()
        .exec(),
    );
    return records.map(withoutMongoFields);
  }

  /** The running record of a session on another instance than `instanceId`, if any. */
  async runningElsewhere(
    owner: string,
    sessionId: string,
    instanceId: string,
  ): Promise<ActiveStreamRecord | null> {
    const record = await this.deadline.within(
      this.model
        .findOne({
          user_id: owner,
          session_id: sessionId,
          status: 'streaming',
          instance_id: trusted({ $ne: instanceId }),
        })
        .lean<ActiveStreamRecord>()
        .exec(),
    );
    return record && withoutMongoFields(record);
  }

  /** Marks a record interrupted if it still says streaming; false when it did not. */
  async markInterrupted(streamId: string, at: Date): Promise<boolean> {
    const result = await this.deadline.within(
      this.model
        .updateOne(
          { stream_id: streamId, status: 'streaming' },
          { $set: { status: 'interrupted', cancel_requested: true, ended_at: at } },
        )
        .exec(),
    );
    return result.modifiedCount === 1;
  }

  /** Removes finished records older than `cutoff` (the TTL index's job where it exists). */
  async deleteFinishedBefore(cutoff: Date): Promise<number> {
    const result = await this.deadline.within(
      this.model
        .deleteMany({
          status: trusted({ $ne: 'streaming' }),
          last_heartbeat: trusted({ $lt: cutoff }),
        })
        .exec(),
    );
    return result.deletedCount;
  }

  /** Running streams of every instance (the collection is shared), oldest first. */
  async listStreaming(page: {
    limit: number;
    offset: number;
  }): Promise<{ items: ActiveStreamRecord[]; total: number }> {
    const filter = { status: 'streaming' as const };
    const [items, total] = await Promise.all([
      this.deadline.within(
        this.model
          .find(filter)
          .sort({ started_at: 1, stream_id: 1 })
          .skip(page.offset)
          .limit(page.limit)
          .lean<ActiveStreamRecord[]>()
          .exec(),
      ),
      this.deadline.within(this.model.countDocuments(filter).exec()),
    ]);
    return { items: items.map(withoutMongoFields), total };
  }

  /** Running streams of other instances than `instanceId`, oldest first. */
  async streamingElsewhere(instanceId: string, limit: number): Promise<ActiveStreamRecord[]> {
    const records = await this.deadline.within(
      this.model
        .find({ status: 'streaming', instance_id: trusted({ $ne: instanceId }) })
        .sort({ started_at: 1, stream_id: 1 })
        .limit(limit)
        .lean<ActiveStreamRecord[]>()
        .exec(),
    );
    return records.map(withoutMongoFields);
  }

  async countStreamingElsewhere(instanceId: string): Promise<number> {
    return this.deadline.within(
      this.model
        .countDocuments({ status: 'streaming', instance_id: trusted({ $ne: instanceId }) })
        .exec(),
    );
  }

  async countStreaming(): Promise<number> {
    return this.deadline.within(this.model.countDocuments({ status: 'streaming' }).exec());
  }

  async findStreaming(streamId: string): Promise<ActiveStreamRecord | null> {
    const record = await this.deadline.within(
      this.model
        .findOne({ stream_id: streamId, status: 'streaming' })
        .lean<ActiveStreamRecord>()
        .exec(),
    );
    return record && withoutMongoFields(record);
  }

  async streamingOf(owner: UserId): Promise<ActiveStreamRecord[]> {
    const records = await this.deadline.within(
      this.model.find({ user_id: owner, status: 'streaming' }).lean<ActiveStreamRecord[]>().exec(),
    );
    return records.map(withoutMongoFields);
  }

  /** Which of these rooms have a running stream, on any instance. */
  async roomsStreaming(roomIds: string[]): Promise<string[]> {
    if (roomIds.length === 0) return [];
    const records = await this.deadline.within(
      this.model
        .find({ room_id: trusted({ $in: roomIds }), status: 'streaming' }, { room_id: 1, _id: 0 })
        .lean<{ room_id: string }[]>()
        .exec(),
    );
    return records.map((record) => record.room_id);
  }
}
