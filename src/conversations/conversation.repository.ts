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
import { Conversation, type TurnStatus } from './conversation.schema';

/** Turns a later prompt may build on: what the user saw in full or stopped. */
const USABLE_FOR_CONTEXT: TurnStatus[] = ['completed', 'cancelled'];

export type ConversationRecord = Conversation;

const DUPLICATE_KEY = 11000;

export interface PageRequest {
  limit: number;
  offset: number;
  order: 'asc' | 'desc';
}

/** The only code that touches `conversation_history`. Every read is scoped to its owner. */
@Injectable()
export class ConversationRepository {
  constructor(
    @InjectModel(Conversation.name) private readonly model: Model<Conversation>,
    private readonly deadline: DatabaseDeadline,
    @Inject(HISTORY_READ_PREFERENCE) private readonly historyRead: HistoryReadPreference,
  ) {}

  /**
   * Inserts turns in one round trip, unordered. Returns, per turn, whether it is stored
   * (a turn already there, by its unique message_id, counts as stored) or the error that
   * kept it out. A failure of the whole call (the database unreachable) throws.
   */
  async insertMany(records: ConversationRecord[]): Promise<(Error | null)[]> {
    const outcome: (Error | null)[] = records.map(() => null);
    try {
      await this.deadline.within(this.model.insertMany(records, { ordered: false, lean: true }));
    } catch (error) {
      const failures = (
        error as { writeErrors?: { index: number; code?: number; errmsg?: string }[] }
      ).writeErrors;
      if (!failures?.length) throw error;
      for (const failure of failures) {
        if (failure.code !== DUPLICATE_KEY)
          outcome[failure.index] = new Error(failure.errmsg ?? `write error ${failure.code}`);
      }
    }
    return outcome;
  }

  /**
   * The owner's turns, optionally of one session and/or room, newest first by default.
   * A history page may come from a secondary (MONGODB_HISTORY_READ_PREFERENCE).
   */
  async pageForOwner(
    owner: UserId,
    scope: { sessionId?: string; roomId?: string },
    page: PageRequest,
  ): Promise<{ items: ConversationRecord[]; total: number }> {
    const filter = {
      user_id: owner,
      ...(scope.sessionId !== undefined ? { session_id: scope.sessionId } : {}),
      ...(scope.roomId !== undefined ? { room_id: scope.roomId } : {}),
    };
    const direction = page.order === 'asc' ? 1 : -1;
    const [items, total] = await Promise.all([
      this.deadline.within(
        this.model
          .find(filter)
          .sort({ timestamp: direction, message_id: direction })
          .skip(page.offset)
          .limit(page.limit)
          .read(this.historyRead)
          .lean<ConversationRecord[]>()
          .exec(),
      ),
      this.deadline.within(this.model.countDocuments(filter).read(this.historyRead).exec()),
    ]);
    return { items: items.map(withoutMongoFields), total };
  }

  /** The newest usable turns (completed or cancelled) of one session and agent, newest first. */
  async recentForContext(
    owner: UserId,
    sessionId: string,
    agentType: string,
    since: Date | undefined,
    limit: number,
  ): Promise<ConversationRecord[]> {
    const filter = {
      user_id: owner,
      session_id: sessionId,
      agent_type: agentType,
      status: trusted({ $in: USABLE_FOR_CONTEXT }),
      ...(since ? { timestamp: trusted({ $gt: since }) } : {}),
    };
    const items = await this.deadline.within(
      this.model
        .find(filter)
        .sort({ timestamp: -1, message_id: -1 })
        .limit(limit)
        .lean<ConversationRecord[]>()
        .exec(),
    );
    return items.map(withoutMongoFields);
  }

  /** How many turns a room has and its newest one: the source of the room's summary fields. */
  async roomSummary(
    owner: UserId,
    roomId: string,
  ): Promise<{ count: number; newest: ConversationRecord | null }> {
    const filter = { user_id: owner, room_id: roomId };
    const [count, newest] = await Promise.all([
      this.deadline.within(this.model.countDocuments(filter).exec()),
      this.deadline.within(
        this.model
          .findOne(filter)
          .sort({ timestamp: -1, message_id: -1 })
          .lean<ConversationRecord>()
          .exec(),
      ),
    ]);
    return { count, newest: newest && withoutMongoFields(newest) };
  }

  /** Removes the stored turns of one session in one room. */
  async eraseSession(owner: UserId, sessionId: string, roomId: string): Promise<number> {
    const result = await this.deadline.within(
      this.model.deleteMany({ user_id: owner, session_id: sessionId, room_id: roomId }).exec(),
    );
    return result.deletedCount;
  }

  /** Right to erasure: removes every turn of one of the owner's rooms. */
  async eraseRoom(owner: UserId, roomId: string): Promise<number> {
    const result = await this.deadline.within(
      this.model.deleteMany({ user_id: owner, room_id: roomId }).exec(),
    );
    return result.deletedCount;
  }
}
