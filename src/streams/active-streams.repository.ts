import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type AnyBulkWriteOperation, type Model } from 'mongoose';
import { withoutMongoFields } from '../common/database/lean';
import { ActiveStream, type StreamStatus } from './active-stream.schema';

export type ActiveStreamRecord = ActiveStream;

/** One change of the ledger's batch. */
export type LedgerWrite =
  | { kind: 'insert'; record: ActiveStreamRecord }
  | { kind: 'close'; streamId: string; status: StreamStatus; at: Date }
  | { kind: 'beat'; streamIds: string[]; at: Date }
  | { kind: 'checkpoint'; streamId: string; partial: string; at: Date };

const DUPLICATE_KEY = 11000;

/** The only code that touches `active_streams`. */
@Injectable()
export class ActiveStreamsRepository {
  constructor(@InjectModel(ActiveStream.name) private readonly model: Model<ActiveStream>) {}

  /**
   * Applies a batch in one round trip. A close or beat only ever changes a record that is
   * still `streaming`, so a late write never reopens a finished one. An insert that finds
   * its record already written (a retried batch) counts as done.
   */
  async write(batch: LedgerWrite[]): Promise<void> {
    if (batch.length === 0) return;
    const operations: AnyBulkWriteOperation<ActiveStream>[] = batch.map((change) => {
      switch (change.kind) {
        case 'insert':
          return { insertOne: { document: change.record } };
        case 'close':
          return {
            updateOne: {
              filter: { stream_id: change.streamId, status: 'streaming' },
              update: {
                $set: {
                  status: change.status,
                  // Stop, a client leaving and shutdown all ask for the stream to be cancelled.
                  cancel_requested:
                    change.status === 'cancelled' || change.status === 'interrupted',
                  ended_at: change.at,
                  last_heartbeat: change.at,
                },
              },
            },
          };
        case 'beat':
          return {
            updateMany: {
              filter: { stream_id: trusted({ $in: change.streamIds }), status: 'streaming' },
              update: { $set: { last_heartbeat: change.at } },
            },
          };
        case 'checkpoint':
          return {
            updateOne: {
              filter: { stream_id: change.streamId, status: 'streaming' },
              update: { $set: { last_heartbeat: change.at, partial_response: change.partial } },
            },
          };
      }
    });
    try {
      await this.model.bulkWrite(operations, { ordered: false });
    } catch (error) {
      const failures = (error as { writeErrors?: { code?: number }[] }).writeErrors;
      if (!failures?.length || failures.some((failure) => failure.code !== DUPLICATE_KEY))
        throw error;
    }
  }

  /**
   * Running streams whose heartbeat stopped before `cutoff`, of other instances than
   * `instanceId` (this instance's own records are closed by its ledger).
   */
  async stale(cutoff: Date, instanceId: string, limit: number): Promise<ActiveStreamRecord[]> {
    const records = await this.model
      .find({
        status: 'streaming',
        last_heartbeat: trusted({ $lt: cutoff }),
        instance_id: trusted({ $ne: instanceId }),
      })
      .limit(limit)
      .lean<ActiveStreamRecord[]>()
      .exec();
    return records.map(withoutMongoFields);
  }

  /** The running record of a session on another instance than `instanceId`, if any. */
  async runningElsewhere(
    owner: string,
    sessionId: string,
    instanceId: string,
  ): Promise<ActiveStreamRecord | null> {
    const record = await this.model
      .findOne({
        user_id: owner,
        session_id: sessionId,
        status: 'streaming',
        instance_id: trusted({ $ne: instanceId }),
      })
      .lean<ActiveStreamRecord>()
      .exec();
    return record && withoutMongoFields(record);
  }

  /** Marks a record interrupted if it still says streaming; false when it did not. */
  async markInterrupted(streamId: string, at: Date): Promise<boolean> {
    const result = await this.model
      .updateOne(
        { stream_id: streamId, status: 'streaming' },
        { $set: { status: 'interrupted', cancel_requested: true, ended_at: at } },
      )
      .exec();
    return result.modifiedCount === 1;
  }

  /** Removes finished records older than `cutoff` (the TTL index's job where it exists). */
  async deleteFinishedBefore(cutoff: Date): Promise<number> {
    const result = await this.model
      .deleteMany({
        status: trusted({ $ne: 'streaming' }),
        last_heartbeat: trusted({ $lt: cutoff }),
      })
      .exec();
    return result.deletedCount;
  }
}
