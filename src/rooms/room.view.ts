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
