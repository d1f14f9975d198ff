import type { ConversationRecord } from './conversation.repository';
import type { TurnMetadata, TurnStatus } from './conversation.schema';

/** A stored turn as the API shows it: no owner, no database fields. */
export interface ConversationView {
  message_id: string;
  session_id: string;
  room_id: string;
  agent_type: string;
  user_input: string;
  agent_response: string;
  status: TurnStatus;
  timestamp: Date;
  metadata: TurnMetadata;
}

export function toConversationView(turn: ConversationRecord): ConversationView {
  return {
    message_id: turn.message_id,
    session_id: turn.session_id,
    room_id: turn.room_id,
    agent_type: turn.agent_type,
    user_input: turn.user_input,
    agent_response: turn.agent_response,
    status: turn.status,
    timestamp: turn.timestamp,
    metadata: turn.metadata,
  };
}
