import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MongooseModule } from '@nestjs/mongoose';
import type Redis from 'ioredis';
import type { Env } from '../config/env.schema';
import { REDIS_CLIENT } from '../redis/redis.module';
import { JOB_LEASE, newHolderName, type JobLease } from './job-lease';
import { JobLeaseRepository } from './job-lease.repository';
import { JobLeaseDocument, JobLeaseSchema } from './job-lease.schema';
import { MongoJobLease } from './mongo-job-lease';
import { RedisJobLease } from './redis-job-lease';

/** Leases for scheduled jobs: in Redis when REDIS_URL is set, else in MongoDB. */
@Module({
  imports: [MongooseModule.forFeature([{ name: JobLeaseDocument.name, schema: JobLeaseSchema }])],
  providers: [
    JobLeaseRepository,
    {
      provide: JOB_LEASE,
      inject: [REDIS_CLIENT, JobLeaseRepository, ConfigService],
      useFactory: (
        redis: Redis | null,
        leases: JobLeaseRepository,
        config: ConfigService<Env, true>,
      ): JobLease =>
        redis
          ? new RedisJobLease(
              redis,
              `careguide:lease:${config.get('MONGODB_DB_NAME', { infer: true })}:`,
              newHolderName(),
            )
          : new MongoJobLease(leases, newHolderName()),
    },
  ],
  exports: [JOB_LEASE],
})
export class LeasesModule {}
