import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DatabaseDeadline } from '../common/database/database-deadline';
import { trusted, type Model } from 'mongoose';
import type { UserId } from '../common/auth/user-id';
import {
  HISTORY_READ_PREFERENCE,
  type HistoryReadPreference,
} from '../common/database/history-read';
import { withoutMongoFields } from '../common/database/lean';
import { ChatRoom, type LastMessage } from './room.schema';

export type RoomRecord = ChatRoom;

export const ROOM_SORT_FIELDS = ['last_activity', 'created_at', 'room_name'] as const;
export type RoomSortField = (typeof ROOM_SORT_FIELDS)[number];

export interface RoomListQuery {
  limit: number;
  offset: number;
  sortBy: RoomSortField;
  order: 'asc' | 'desc';
  tag?: string;
}

export interface RoomSummary {
  message_count: number;
  last_activity: Date;
  last_message: LastMessage | null;
}

/** Turns stored in one room since its last summary write: how many, and the newest. */
export interface SummaryDelta {
  owner: UserId;
  roomId: string;
  added: number;
  newest: LastMessage;
}

export interface RoomChanges {
  room_name?: string;
  metadata?: Record<string, unknown>;
}

const DUPLICATE_KEY = 11000;

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === DUPLICATE_KEY;
}

/**
 * The fields a soft delete sets, shared by the user's delete and retention: the room is
 * hidden, and its quota slot becomes its own id, which frees the user's slot.
 */
export function softDeletion(roomId: string, now: Date): Partial<ChatRoom> {
  return { is_deleted: true, deleted_at: now, updated_at: now, quota_slot: roomId };
}

/** The only code that touches `chat_rooms`. Every method is scoped to the owner. */
@Injectable()
export class RoomsRepository {
  constructor(
    @InjectModel(ChatRoom.name) private readonly model: Model<ChatRoom>,
    private readonly deadline: DatabaseDeadline,
    @Inject(HISTORY_READ_PREFERENCE) private readonly historyRead: HistoryReadPreference,
  ) {}

  /** Quota slots held by the owner's live rooms. */
  async liveQuotaSlots(owner: UserId): Promise<string[]> {
    const rows = await this.deadline.within(
      this.model
        .find({ user_id: owner, is_deleted: false }, { quota_slot: 1, _id: 0 })
        .lean<{ quota_slot: string }[]>()
        .exec(),
    );
    return rows.map((row) => row.quota_slot);
  }

  /** Inserts the room; false when its quota slot was taken by a concurrent create. */
  async insertIfSlotFree(room: RoomRecord): Promise<boolean> {
    try {
      await this.deadline.within(this.model.create(room));
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async findLive(owner: UserId, roomId: string): Promise<RoomRecord | null> {
    const room = await this.deadline.within(
      this.model
        .findOne({ room_id: roomId, user_id: owner, is_deleted: false })
        .lean<RoomRecord>()
        .exec(),
    );
    return room && withoutMongoFields(room);
  }

  /** Which of these rooms still exist, live or soft-deleted, whoever owns them. */
  async existing(roomIds: string[]): Promise<Set<string>> {
    const rows = await this.deadline.within(
      this.model
        .find({ room_id: trusted({ $in: roomIds }) }, { room_id: 1, _id: 0 })
        .lean<{ room_id: string }[]>()
        .exec(),
    );
    return new Set(rows.map((row) => row.room_id));
  }

  /** The owner's room, live or soft-deleted. */
  async findAnyState(owner: UserId, roomId: string): Promise<RoomRecord | null> {
    const room = await this.deadline.within(
      this.model.findOne({ room_id: roomId, user_id: owner }).lean<RoomRecord>().exec(),
    );
    return room && withoutMongoFields(room);
  }

  /** The room list may come from a secondary (MONGODB_HISTORY_READ_PREFERENCE). */
  async listLive(
    owner: UserId,
    query: RoomListQuery,
  ): Promise<{ items: RoomRecord[]; total: number }> {
    const filter = {
      user_id: owner,
      is_deleted: false,
      ...(query.tag !== undefined ? { 'metadata.tags': query.tag } : {}),
    };
    const direction = query.order === 'asc' ? 1 : -1;
    const [items, total] = await Promise.all([
      this.deadline.within(
        this.model
          .find(filter)
          .sort({ [query.sortBy]: direction, room_id: 1 })
          .skip(query.offset)
          .limit(query.limit)
          .read(this.historyRead)
          .lean<RoomRecord[]>()
          .exec(),
      ),
      this.deadline.within(this.model.countDocuments(filter).read(this.historyRead).exec()),
    ]);
    return { items: items.map(withoutMongoFields), total };
  }

  /**
   * Applies a rename or metadata change only if nobody changed the room since it was
   * read at `revision` (optimistic concurrency). Null when the revision moved or the
   * room is gone.
   */
  async updateAtRevision(
    owner: UserId,
    roomId: string,
    revision: number,
    changes: RoomChanges,
    now: Date,
  ): Promise<RoomRecord | null> {
    const room = await this.deadline.within(
      this.model
        .findOneAndUpdate(
          { room_id: roomId, user_id: owner, is_deleted: false, revision },
          { $set: { ...changes, updated_at: now }, $inc: { revision: 1 } },
          { returnDocument: 'after' },
        )
        .lean<RoomRecord>()
        .exec(),
    );
    return room && withoutMongoFields(room);
  }

  /** Writes the summary fields derived from the room's stored turns (live or soft-deleted room). */
  async setSummary(owner: UserId, roomId: string, summary: RoomSummary): Promise<void> {
    await this.deadline.within(
      this.model.updateOne({ room_id: roomId, user_id: owner }, { $set: summary }).exec(),
    );
  }

  /**
   * Adds new turns to a room's summary: the count grows and, unless the room already
   * shows a newer turn (written by another instance), last_activity and last_message
   * become the newest of these turns. One statement; a second only in that race. Sent
   * with the driver itself: the statements are built here whole (`last_message` is a plain
   * object), and Mongoose's building and casting of each query stood out in the profile
   * at 10,000 streams (one summary update each).
   */
  async addToSummary(delta: SummaryDelta): Promise<void> {
    const at = delta.newest.timestamp;
    const result = await this.deadline.within(
      this.model.collection.updateOne(
        { room_id: delta.roomId, user_id: delta.owner, last_activity: { $lte: at } },
        {
          $inc: { message_count: delta.added },
          $set: { last_activity: at, last_message: delta.newest },
        },
      ),
    );
    if (result.matchedCount === 1) return;
    await this.deadline.within(
      this.model.collection.updateOne(
        { room_id: delta.roomId, user_id: delta.owner },
        { $inc: { message_count: delta.added } },
      ),
    );
  }

  /** Marks a live room deleted and frees its quota slot. False when no live room matched. */
  async softDelete(owner: UserId, roomId: string, now: Date): Promise<boolean> {
    const result = await this.deadline.within(
      this.model
        .updateOne(
          { room_id: roomId, user_id: owner, is_deleted: false },
          { $set: softDeletion(roomId, now) },
        )
        .exec(),
    );
    return result.modifiedCount === 1;
  }

  /** Whether the owner has this room, live or soft-deleted (permanent delete accepts both). */
  async existsAnyState(owner: UserId, roomId: string): Promise<boolean> {
    return (
      (await this.deadline.within(
        this.model.exists({ room_id: roomId, user_id: owner }).exec(),
      )) !== null
    );
  }

  /** Erases the room document for good. False when the owner has no such room. */
  async erase(owner: UserId, roomId: string): Promise<boolean> {
    const result = await this.deadline.within(
      this.model.deleteOne({ room_id: roomId, user_id: owner }).exec(),
    );
    return result.deletedCount === 1;
  }
}
