import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const TURN_STATUSES = ['completed', 'cancelled', 'error', 'interrupted'] as const;
export type TurnStatus = (typeof TURN_STATUSES)[number];

export interface TurnMetadata {
  tokens_used: number | null;
  response_time_ms: number | null;
  model: string | null;
}

/** One question and its answer (or the part of it that was streamed before it ended). */
@Schema({ collection: 'conversation_history', versionKey: false, minimize: false })
export class Conversation {
  @Prop({ type: String, required: true })
  message_id!: string;

  @Prop({ type: String, required: true })
  user_id!: string;

  @Prop({ type: String, required: true })
  session_id!: string;

  @Prop({ type: String, required: true })
  room_id!: string;

  @Prop({ type: String, required: true })
  agent_type!: string;

  @Prop({ type: String, required: true })
  user_input!: string;

  @Prop({ type: String, required: true })
  agent_response!: string;

  @Prop({ type: String, required: true, enum: TURN_STATUSES })
  status!: TurnStatus;

  @Prop({ type: Date, required: true })
  timestamp!: Date;

  @Prop({ type: Object, required: true })
  metadata!: TurnMetadata;
}

export const ConversationSchema = SchemaFactory.createForClass(Conversation);
ConversationSchema.index({ message_id: 1 }, { name: 'message_id_unique_idx', unique: true });
ConversationSchema.index({ user_id: 1, timestamp: -1 }, { name: 'user_timestamp_idx' });
ConversationSchema.index({ session_id: 1, agent_type: 1 }, { name: 'session_agent_idx' });
ConversationSchema.index({ room_id: 1, timestamp: -1 }, { name: 'room_timestamp_idx' });
// Operator statistics count the turns of the last day across users.
ConversationSchema.index({ timestamp: -1 }, { name: 'timestamp_idx' });
ConversationSchema.index(
  { user_id: 1, agent_type: 1, timestamp: -1 },
  { name: 'user_agent_timestamp_idx' },
);
