import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import { Conversation } from '../conversations/conversation.schema';
import { ChatRoom } from '../rooms/room.schema';
import { softDeletion } from '../rooms/rooms.repository';

/** A room as retention sees it: which one, and whose. */
export interface RetentionCandidate {
  room_id: string;
  user_id: string;
}

/**
 * Retention's queries on `chat_rooms` and `conversation_history`. Unlike the user-facing
 * repositories these run across all users: retention owns no request and no owner.
 */
@Injectable()
export class RetentionRepository {
  constructor(
    @InjectModel(ChatRoom.name) private readonly rooms: Model<ChatRoom>,
    @InjectModel(Conversation.name) private readonly conversations: Model<Conversation>,
  ) {}

  /** Live rooms with no activity since `cutoff`, least recently active first. */
  async inactiveRooms(
    cutoff: Date,
    limit: number,
    excluded: string[],
  ): Promise<RetentionCandidate[]> {
    return this.rooms
      .find(
        {
          is_deleted: false,
          last_activity: trusted({ $lt: cutoff }),
          ...(excluded.length > 0 ? { room_id: trusted({ $nin: excluded }) } : {}),
        },
        { room_id: 1, user_id: 1, _id: 0 },
      )
      .sort({ last_activity: 1, room_id: 1 })
      .limit(limit)
      .lean<RetentionCandidate[]>()
      .exec();
  }

  /**
   * Soft-deletes the room exactly as its user's delete does (its quota slot is freed),
   * if it is still live and still inactive since `cutoff`.
   */
  async retire(roomId: string, cutoff: Date, now: Date): Promise<boolean> {
    const result = await this.rooms
      .updateOne(
        { room_id: roomId, is_deleted: false, last_activity: trusted({ $lt: cutoff }) },
        { $set: softDeletion(roomId, now) },
      )
      .exec();
    return result.modifiedCount === 1;
  }

  /** Rooms soft-deleted before `cutoff`, longest deleted first. */
  async purgeableRooms(
    cutoff: Date,
    limit: number,
    excluded: string[],
  ): Promise<RetentionCandidate[]> {
    return this.rooms
      .find(
        {
          is_deleted: true,
          deleted_at: trusted({ $lt: cutoff }),
          ...(excluded.length > 0 ? { room_id: trusted({ $nin: excluded }) } : {}),
        },
        { room_id: 1, user_id: 1, _id: 0 },
      )
      .sort({ deleted_at: 1, room_id: 1 })
      .limit(limit)
      .lean<RetentionCandidate[]>()
      .exec();
  }

  /**
   * Erases a soft-deleted room and every stored turn of it for good. Turns first: if the
   * process dies in between, the room is still there to be purged on the next run.
   */
  async purge(room: RetentionCandidate): Promise<{ purged: boolean; conversations: number }> {
    const turns = await this.conversations
      .deleteMany({ room_id: room.room_id, user_id: room.user_id })
      .exec();
    const erased = await this.rooms.deleteOne({ room_id: room.room_id, is_deleted: true }).exec();
    return { purged: erased.deletedCount === 1, conversations: turns.deletedCount };
  }
}
