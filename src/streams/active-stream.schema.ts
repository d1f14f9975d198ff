import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const STREAM_STATUSES = [
  'streaming',
  'completed',
  'cancelled',
  'error',
  'interrupted',
] as const;
export type StreamStatus = (typeof STREAM_STATUSES)[number];

/** Finished stream records are kept this long for operators, then removed. */
export const FINISHED_STREAM_RETENTION_MS = 5 * 60_000;
/**
 * How often an instance removes finished records. The filter cannot narrow the read on
 * FerretDB (it reads every record), so this runs once a minute, not with each heartbeat.
 */
export const FINISHED_STREAM_CLEANUP_MS = 60_000;

/**
 * One stream, while it runs and after: who, where, and whether its instance still beats.
 * Written behind the stream (StreamLedger), never on its critical path.
 */
@Schema({ collection: 'active_streams', versionKey: false })
export class ActiveStream {
  @Prop({ type: String, required: true })
  stream_id!: string;

  @Prop({ type: String, required: true })
  session_id!: string;

  @Prop({ type: String, required: true })
  room_id!: string;

  @Prop({ type: String, required: true })
  user_id!: string;

  @Prop({ type: String, required: true })
  agent_type!: string;

  /** Id the stored turn has or will have. Null only on records from before it existed. */
  @Prop({ type: String, default: null })
  message_id!: string | null;

  /** The instance that runs (or ran) the stream. */
  @Prop({ type: String, default: null })
  instance_id!: string | null;

  /** The user's message, so a survivor can store it with the partial if the instance dies. */
  @Prop({ type: String, default: null })
  user_input!: string | null;

  /**
   * The answer so far, written with each heartbeat when there is no Redis journal: what a
   * restarted instance stores for a stream it was running when it died.
   */
  @Prop({ type: String, default: null })
  partial_response!: string | null;

  @Prop({ type: Date, required: true })
  started_at!: Date;

  @Prop({ type: Date, default: null })
  ended_at!: Date | null;

  @Prop({ type: String, required: true, enum: STREAM_STATUSES })
  status!: StreamStatus;

  @Prop({ type: Boolean, required: true, default: false })
  cancel_requested!: boolean;

  @Prop({ type: Date, required: true })
  last_heartbeat!: Date;
}

export const ActiveStreamSchema = SchemaFactory.createForClass(ActiveStream);
ActiveStreamSchema.index({ stream_id: 1 }, { name: 'stream_id_unique_idx', unique: true });
ActiveStreamSchema.index({ session_id: 1 }, { name: 'session_idx' });
ActiveStreamSchema.index({ room_id: 1 }, { name: 'room_idx' });
ActiveStreamSchema.index({ status: 1, last_heartbeat: 1 }, { name: 'status_heartbeat_idx' });
ActiveStreamSchema.index({ instance_id: 1, status: 1 }, { name: 'instance_status_idx' });
// MongoDB removes finished records after 5 minutes; where TTL indexes are refused
// (FerretDB) the stale-stream sweeper deletes them instead.
ActiveStreamSchema.index(
  { last_heartbeat: 1 },
  { name: 'ttl_heartbeat_idx', expireAfterSeconds: 300 },
);
