import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import { withoutMongoFields } from '../common/database/lean';
import { JobLeaseDocument } from './job-lease.schema';

export type JobLeaseRecord = JobLeaseDocument;

const DUPLICATE_KEY = 11000;

/** The only code that touches `job_leases`. */
@Injectable()
export class JobLeaseRepository {
  constructor(
    @InjectModel(JobLeaseDocument.name) private readonly model: Model<JobLeaseDocument>,
  ) {}

  async find(name: string): Promise<JobLeaseRecord | null> {
    const lease = await this.model.findOne({ name }).lean<JobLeaseRecord>().exec();
    return lease && withoutMongoFields(lease);
  }

  /** False when a lease of that name exists (the unique index refused the insert). */
  async insert(lease: JobLeaseRecord): Promise<boolean> {
    try {
      // A fresh _id each time, so a late delete of an older lease can never hit this one.
      await this.model.create(lease);
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  /** Moves the expiry of this very lease (same token) while it has not expired. */
  async extend(name: string, token: string, now: Date, expiresAt: Date): Promise<boolean> {
    const result = await this.model
      .updateOne(
        { name, token, expires_at: trusted({ $gt: now }) },
        { $set: { expires_at: expiresAt } },
      )
      .exec();
    return result.modifiedCount === 1;
  }

  /** Removes this very lease (same token), whoever holds the name now. */
  async remove(name: string, token: string): Promise<void> {
    await this.model.deleteOne({ name, token }).exec();
  }
}
