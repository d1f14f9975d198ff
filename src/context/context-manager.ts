import { Injectable } from '@nestjs/common';
import type { UserId } from '../common/auth/user-id';
import { ConversationRepository } from '../conversations/conversation.repository';
import type { Turn } from './session-manager';

/** The context's view of stored turns: what a prompt may reload from conversation_history. */
@Injectable()
export class ContextManager {
  constructor(private readonly conversations: ConversationRepository) {}

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
}
