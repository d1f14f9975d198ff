import type { ConversationRecord } from '../conversations/conversation.repository';
import type { TurnMetadata, TurnStatus } from '../conversations/conversation.schema';
import type { LastMessage } from './room.schema';
import type { RoomRecord } from './rooms.repository';

/** A room as the API shows it: no soft-delete flags, quota slot or revision. */
export interface RoomView {
  room_id: string;
  user_id: string;
  room_name: string;
  created_at: Date;
  updated_at: Date;
  last_activity: Date;
  message_count: number;
  metadata: Record<string, unknown>;
  last_message: LastMessage | null;
}

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

export function toRoomView(room: RoomRecord): RoomView {
  return {
    room_id: room.room_id,
    user_id: room.user_id,
    room_name: room.room_name,
    created_at: room.created_at,
    updated_at: room.updated_at,
    last_activity: room.last_activity,
    message_count: room.message_count,
    metadata: room.metadata,
    last_message: room.last_message,
  };
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
