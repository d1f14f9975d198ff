import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { UserId } from '../common/auth/user-id';
import { withoutMongoFields } from '../common/database/lean';
import { Conversation } from './conversation.schema';

export type ConversationRecord = Conversation;

export interface PageRequest {
  limit: number;
  offset: number;
  order: 'asc' | 'desc';
}

/** The only code that touches `conversation_history`. Every read is scoped to its owner. */
@Injectable()
export class ConversationRepository {
  constructor(@InjectModel(Conversation.name) private readonly model: Model<Conversation>) {}

  async insert(record: ConversationRecord): Promise<void> {
    await this.model.create(record);
  }

  async pageForRoom(
    owner: UserId,
    roomId: string,
    page: PageRequest,
  ): Promise<{ items: ConversationRecord[]; total: number }> {
    const filter = { user_id: owner, room_id: roomId };
    const direction = page.order === 'asc' ? 1 : -1;
    const [items, total] = await Promise.all([
      this.model
        .find(filter)
        .sort({ timestamp: direction, message_id: direction })
        .skip(page.offset)
        .limit(page.limit)
        .lean<ConversationRecord[]>()
        .exec(),
      this.model.countDocuments(filter).exec(),
    ]);
    return { items: items.map(withoutMongoFields), total };
  }

  /** Right to erasure: removes every turn of one of the owner's rooms. */
  async eraseRoom(owner: UserId, roomId: string): Promise<number> {
    const result = await this.model.deleteMany({ user_id: owner, room_id: roomId }).exec();
    return result.deletedCount;
  }
}
