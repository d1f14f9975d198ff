import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import type { UserId } from '../common/auth/user-id';
import { withoutMongoFields } from '../common/database/lean';
import { Conversation } from '../conversations/conversation.schema';
import { ChatRoom } from '../rooms/room.schema';
import type { RoomRecord } from '../rooms/rooms.repository';
import type { RoomState } from './dto/admin.dto';

export interface ServiceCounts {
  users: number;
  activeUsers: number;
  liveRooms: number;
  deletedRooms: number;
  turnsSince: number;
}

interface UserCount {
  users: number;
}

/** Distinct users counted by the server ($group), so no list of user ids comes back. */
function countUsers(match: Record<string, unknown>) {
  return [{ $match: match }, { $group: { _id: '$user_id' } }, { $count: 'users' }];
}

function usersIn(rows: UserCount[]): number {
  return rows[0]?.users ?? 0;
}

const STATE_FILTER: Record<RoomState, { is_deleted?: boolean }> = {
  live: { is_deleted: false },
  deleted: { is_deleted: true },
  all: {},
};

/**
 * The admin API's reads and erasures on `chat_rooms` and `conversation_history`: one
 * named user's data (taken as an owner, like every repository), and counts across
 * all users for the statistics.
 */
@Injectable()
export class AdminRepository {
  constructor(
    @InjectModel(ChatRoom.name) private readonly rooms: Model<ChatRoom>,
    @InjectModel(Conversation.name) private readonly conversations: Model<Conversation>,
  ) {}

  /** The owner's rooms in any state, most recently active first. */
  async roomsOf(
    owner: UserId,
    query: { limit: number; offset: number; state: RoomState },
  ): Promise<{ items: RoomRecord[]; total: number }> {
    const filter = { user_id: owner, ...STATE_FILTER[query.state] };
    const [items, total] = await Promise.all([
      this.rooms
        .find(filter)
        .sort({ last_activity: -1, room_id: 1 })
        .skip(query.offset)
        .limit(query.limit)
        .lean<RoomRecord[]>()
        .exec(),
      this.rooms.countDocuments(filter).exec(),
    ]);
    return { items: items.map(withoutMongoFields), total };
  }

  async eraseConversationsOf(owner: UserId): Promise<number> {
    return (await this.conversations.deleteMany({ user_id: owner }).exec()).deletedCount;
  }

  async eraseRoomsOf(owner: UserId): Promise<number> {
    return (await this.rooms.deleteMany({ user_id: owner }).exec()).deletedCount;
  }

  async counts(since: Date): Promise<ServiceCounts> {
    const [users, activeUsers, liveRooms, deletedRooms, turnsSince] = await Promise.all([
      this.rooms.aggregate<UserCount>(countUsers({})).exec().then(usersIn),
      this.conversations
        .aggregate<UserCount>(countUsers({ timestamp: { $gte: since } }))
        .exec()
        .then(usersIn),
      this.rooms.countDocuments({ is_deleted: false }).exec(),
      this.rooms.countDocuments({ is_deleted: true }).exec(),
      this.conversations.countDocuments({ timestamp: trusted({ $gte: since }) }).exec(),
    ]);
    return { users, activeUsers, liveRooms, deletedRooms, turnsSince };
  }
}
