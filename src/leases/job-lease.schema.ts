import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One lease per job name. The unique index on `name` decides who holds it: taking a
 * lease is an insert, and an expired lease is removed (by its token) before the next
 * insert. So no step depends on an atomic conditional update or a TTL index, which
 * FerretDB does not have.
 */
@Schema({ collection: 'job_leases', versionKey: false })
export class JobLeaseDocument {
  @Prop({ type: String, required: true })
  name!: string;

  @Prop({ type: String, required: true })
  holder!: string;

  /** New for every acquisition: removing or extending names this token, never just the name. */
  @Prop({ type: String, required: true })
  token!: string;

  @Prop({ type: Date, required: true })
  acquired_at!: Date;

  @Prop({ type: Date, required: true })
  expires_at!: Date;
}

export const JobLeaseSchema = SchemaFactory.createForClass(JobLeaseDocument);
JobLeaseSchema.index({ name: 1 }, { name: 'name_unique_idx', unique: true });
