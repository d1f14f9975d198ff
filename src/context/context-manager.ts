import { Injectable } from '@nestjs/common';
import type { UserId } from '../common/auth/user-id';
import {
  ConversationRepository,
  type ConversationRecord,
} from '../conversations/conversation.repository';
import { RoomsService } from '../rooms/rooms.service';
import type { Turn } from './session-manager';

/** Persistence of turns: conversation_history plus the room's summary fields. */
@Injectable()
export class ContextManager {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly rooms: RoomsService,
  ) {}

  /** Stores one turn, then brings the room's message_count, last_activity and last_message up to date. */
  async saveTurn(record: ConversationRecord): Promise<void> {
    await this.conversations.insert(record);
    await this.rooms.refreshSummary(record.user_id as UserId, record.room_id);
  }

  /** The newest turns of this session and agent that a prompt may use, oldest first. */
  async recentTurns(
    owner: UserId,
    sessionId: string,
    agentType: string,
    since: Date | undefined,
    limit: number,
  ): Promise<Turn[]> {
    if (limit === 0) return [];
    const turns = await this.conversations.recentForContext(
      owner,
      sessionId,
      agentType,
      since,
      limit,
    );
    return turns
      .map((turn) => ({ user_input: turn.user_input, agent_response: turn.agent_response }))
      .reverse();
  }

  /** Erases the stored turns of one session in its room; returns how many. */
  async clearSession(owner: UserId, sessionId: string, roomId: string): Promise<number> {
    const deleted = await this.conversations.eraseSession(owner, sessionId, roomId);
    if (deleted > 0) await this.rooms.refreshSummary(owner, roomId);
    return deleted;
  }
}
