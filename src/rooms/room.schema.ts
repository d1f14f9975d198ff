import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** The newest turn of a room, kept on the room so listing needs no join. */
export interface LastMessage {
  user_input: string;
  agent_response: string;
  agent_type: string;
  timestamp: Date;
}

@Schema({ collection: 'chat_rooms', versionKey: false, minimize: false })
export class ChatRoom {
  @Prop({ type: String, required: true })
  room_id!: string;

  @Prop({ type: String, required: true })
  user_id!: string;

  @Prop({ type: String, required: true })
  room_name!: string;

  @Prop({ type: Date, required: true })
  created_at!: Date;

  @Prop({ type: Date, required: true })
  updated_at!: Date;

  @Prop({ type: Date, required: true })
  last_activity!: Date;

  @Prop({ type: Number, required: true, default: 0 })
  message_count!: number;

  @Prop({ type: Object, required: true, default: {} })
  metadata!: Record<string, unknown>;

  @Prop({ type: Object, default: null })
  last_message!: LastMessage | null;

  @Prop({ type: Boolean, required: true, default: false })
  is_deleted!: boolean;

  @Prop({ type: Date, default: null })
  deleted_at!: Date | null;

  /**
   * `<user_id>#<n>` while the room is live, with n below the room limit; the room id
   * once deleted. A unique index on it is what holds the per-user room limit under
   * concurrent creates, without transactions.
   */
  @Prop({ type: String, required: true })
  quota_slot!: string;

  /** Bumped by every rename or metadata change; updates are conditional on it. */
  @Prop({ type: Number, required: true, default: 0 })
  revision!: number;
}

export const ChatRoomSchema = SchemaFactory.createForClass(ChatRoom);
ChatRoomSchema.index({ user_id: 1, last_activity: -1 }, { name: 'user_last_activity_idx' });
ChatRoomSchema.index({ user_id: 1, is_deleted: 1 }, { name: 'user_deleted_idx' });
ChatRoomSchema.index({ room_id: 1 }, { name: 'room_id_unique_idx', unique: true });
ChatRoomSchema.index({ quota_slot: 1 }, { name: 'quota_slot_unique_idx', unique: true });
// Retention finds live rooms by last activity, and soft-deleted rooms by deletion time.
ChatRoomSchema.index({ is_deleted: 1, last_activity: 1 }, { name: 'deleted_last_activity_idx' });
ChatRoomSchema.index({ is_deleted: 1, deleted_at: 1 }, { name: 'deleted_at_idx' });
