import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import type { UserId } from '../common/auth/user-id';
import { withoutMongoFields } from '../common/database/lean';
import { ActiveStream, type StreamStatus } from './active-stream.schema';

export type ActiveStreamRecord = ActiveStream;

/** The only code that touches `active_streams`. */
@Injectable()
export class ActiveStreamsRepository {
  constructor(@InjectModel(ActiveStream.name) private readonly model: Model<ActiveStream>) {}

  async open(
    record: Omit<ActiveStream, 'ended_at' | 'status' | 'cancel_requested' | 'last_heartbeat'>,
  ): Promise<void> {
    const now = new Date();
    await this.model.create({
      ...record,
      ended_at: null,
      status: 'streaming',
      cancel_requested: false,
      last_heartbeat: now,
    });
  }

  async close(streamId: string, status: StreamStatus): Promise<void> {
    const now = new Date();
    await this.model
      .updateOne(
        { stream_id: streamId, status: 'streaming' },
        {
          $set: {
            status,
            // Stop, a client leaving and shutdown all ask for the stream to be cancelled.
            cancel_requested: status === 'cancelled' || status === 'interrupted',
            ended_at: now,
            last_heartbeat: now,
          },
        },
      )
      .exec();
  }

  /** One write for all of this instance's running streams. */
  async heartbeat(streamIds: string[]): Promise<void> {
    if (streamIds.length === 0) return;
    await this.model
      .updateMany(
        { stream_id: trusted({ $in: streamIds }), status: 'streaming' },
        { $set: { last_heartbeat: new Date() } },
      )
      .exec();
  }

  /** Streams whose instance stopped beating before `cutoff` are marked interrupted. */
  async interruptStale(cutoff: Date): Promise<number> {
    const result = await this.model
      .updateMany(
        { status: 'streaming', last_heartbeat: trusted({ $lt: cutoff }) },
        { $set: { status: 'interrupted', ended_at: new Date() } },
      )
      .exec();
    return result.modifiedCount;
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

  /** Running streams of every instance (the collection is shared), oldest first. */
  async listStreaming(page: {
    limit: number;
    offset: number;
  }): Promise<{ items: ActiveStreamRecord[]; total: number }> {
    const filter = { status: 'streaming' as const };
    const [items, total] = await Promise.all([
      this.model
        .find(filter)
        .sort({ started_at: 1, stream_id: 1 })
        .skip(page.offset)
        .limit(page.limit)
        .lean<ActiveStreamRecord[]>()
        .exec(),
      this.model.countDocuments(filter).exec(),
    ]);
    return { items: items.map(withoutMongoFields), total };
  }

  async countStreaming(): Promise<number> {
    return this.model.countDocuments({ status: 'streaming' }).exec();
  }

  async findStreaming(streamId: string): Promise<ActiveStreamRecord | null> {
    const record = await this.model
      .findOne({ stream_id: streamId, status: 'streaming' })
      .lean<ActiveStreamRecord>()
      .exec();
    return record && withoutMongoFields(record);
  }

  async streamingOf(owner: UserId): Promise<ActiveStreamRecord[]> {
    const records = await this.model
      .find({ user_id: owner, status: 'streaming' })
      .lean<ActiveStreamRecord[]>()
      .exec();
    return records.map(withoutMongoFields);
  }

  /** Which of these rooms have a running stream, on any instance. */
  async roomsStreaming(roomIds: string[]): Promise<string[]> {
    if (roomIds.length === 0) return [];
    const records = await this.model
      .find({ room_id: trusted({ $in: roomIds }), status: 'streaming' }, { room_id: 1, _id: 0 })
      .lean<{ room_id: string }[]>()
      .exec();
    return records.map((record) => record.room_id);
  }
}
