import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SchedulerRegistry } from '@nestjs/schedule';
import { scheduleEvery } from '../common/scheduling';
import type { Env } from '../config/env.schema';
import { JOB_LEASE, type JobLease } from '../leases/job-lease';
import { Metrics } from '../metrics/metrics';
import { RoomDetailsCache } from '../rooms/room-details-cache';
import { StreamOperations } from '../streams/stream-operations';
import { RetentionRepository, type RetentionCandidate } from './retention.repository';

const RETENTION_JOB = 'room-retention';
const DAY_MS = 24 * 3_600_000;

export interface RetentionRun {
  /** False when retention is off, another instance holds the lease, or a run is under way here. */
  ran: boolean;
  retired: number;
  purged: number;
  conversationsPurged: number;
  /** Inactive rooms left live because a stream is running in them right now. */
  skippedStreaming: number;
}

const NOT_RUN: RetentionRun = {
  ran: false,
  retired: 0,
  purged: 0,
  conversationsPurged: 0,
  skippedStreaming: 0,
};

/**
 * Every ROOM_RETENTION_INTERVAL_MS: soft-deletes live rooms inactive for
 * ROOM_INACTIVE_DAYS (their quota slots are freed, their history kept), then erases
 * rooms soft-deleted more than ROOM_PURGE_AFTER_DAYS ago with their history. Runs in
 * batches of ROOM_RETENTION_BATCH_SIZE on one instance at a time: the run holds a
 * lease for one interval (renewed between batches), so the fleet runs it about once
 * per interval, and gives it up on shutdown.
 */
@Injectable()
export class RoomRetention implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RoomRetention.name);
  private cancel?: () => void;
  private current?: Promise<RetentionRun>;
  private stopping = false;

  constructor(
    private readonly repository: RetentionRepository,
    private readonly streams: StreamOperations,
    private readonly roomDetails: RoomDetailsCache,
    @Inject(JOB_LEASE) private readonly lease: JobLease,
    private readonly metrics: Metrics,
    private readonly scheduler: SchedulerRegistry,
    private readonly config: ConfigService<Env, true>,
  ) {}

  onModuleInit(): void {
    if (!this.enabled()) return;
    this.cancel = scheduleEvery(this.scheduler, RETENTION_JOB, this.intervalMs(), async () => {
      try {
        await this.run();
      } catch (error) {
        this.logger.warn(`room retention failed: ${(error as Error).message}`);
      }
    });
  }

  /** Lets a run under way finish its batch, then gives the lease up for the other instances. */
  async onModuleDestroy(): Promise<void> {
    if (!this.enabled()) return;
    this.cancel?.();
    this.stopping = true;
    await this.current?.catch(() => undefined);
    await this.lease.release(RETENTION_JOB).catch(() => undefined);
  }

  /** One run, if this instance gets the lease; the interval calls it. */
  run(now = new Date()): Promise<RetentionRun> {
    if (!this.enabled() || this.current || this.stopping) return Promise.resolve({ ...NOT_RUN });
    this.current = this.runHoldingLease(now).finally(() => (this.current = undefined));
    return this.current;
  }

  private async runHoldingLease(now: Date): Promise<RetentionRun> {
    if (!(await this.holdLease())) return { ...NOT_RUN };
    const result: RetentionRun = { ...NOT_RUN, ran: true };
    const inactiveDays = this.config.get('ROOM_INACTIVE_DAYS', { infer: true });
    const purgeDays = this.config.get('ROOM_PURGE_AFTER_DAYS', { infer: true });
    if (inactiveDays > 0)
      await this.retire(new Date(now.getTime() - inactiveDays * DAY_MS), result);
    if (purgeDays > 0) await this.purge(new Date(now.getTime() - purgeDays * DAY_MS), result);
    if (result.retired + result.purged > 0) {
      this.logger.log(
        `retired ${result.retired} inactive room(s); purged ${result.purged} deleted room(s) with ${result.conversationsPurged} conversation(s)`,
      );
    }
    return result;
  }

  private async retire(cutoff: Date, result: RetentionRun): Promise<void> {
    // Every room of a batch is either retired (no longer a candidate) or set aside, so the loop ends.
    const setAside: string[] = [];
    for (;;) {
      const batch = await this.repository.inactiveRooms(cutoff, this.batchSize(), setAside);
      if (batch.length === 0) return;
      // A user back in an old room is streaming before the turn moves last_activity.
      const busy = await this.streams.roomsStreaming(batch.map((room) => room.room_id));
      let retired = 0;
      for (const room of batch) {
        if (busy.has(room.room_id)) {
          result.skippedStreaming += 1;
        } else if (await this.repository.retire(room.room_id, cutoff, new Date())) {
          // No new message may start in it from a cached view of the live room.
          this.roomDetails.changed(room.room_id);
          retired += 1;
          continue;
        }
        setAside.push(room.room_id);
      }
      result.retired += retired;
      this.metrics.roomsRetired(retired);
      if (!(await this.keepGoing(batch))) return;
    }
  }

  private async purge(cutoff: Date, result: RetentionRun): Promise<void> {
    const setAside: string[] = [];
    for (;;) {
      const batch = await this.repository.purgeableRooms(cutoff, this.batchSize(), setAside);
      if (batch.length === 0) return;
      let purged = 0;
      for (const room of batch) {
        const outcome = await this.repository.purge(room);
        result.conversationsPurged += outcome.conversations;
        if (outcome.purged) {
          this.roomDetails.changed(room.room_id);
          purged += 1;
        } else setAside.push(room.room_id);
      }
      result.purged += purged;
      this.metrics.roomsPurged(purged);
      if (!(await this.keepGoing(batch))) return;
    }
  }

  /** Between batches: stop on shutdown, or when the lease was lost (another instance took over). */
  private async keepGoing(batch: RetentionCandidate[]): Promise<boolean> {
    if (this.stopping || batch.length < this.batchSize()) return false;
    if (await this.holdLease()) return true;
    this.logger.warn('room retention lost its lease; stopping this run');
    return false;
  }

  private holdLease(): Promise<boolean> {
    return this.lease.acquire(RETENTION_JOB, this.intervalMs());
  }

  private enabled(): boolean {
    return (
      this.config.get('ROOM_INACTIVE_DAYS', { infer: true }) > 0 ||
      this.config.get('ROOM_PURGE_AFTER_DAYS', { infer: true }) > 0
    );
  }

  private intervalMs(): number {
    return this.config.get('ROOM_RETENTION_INTERVAL_MS', { infer: true });
  }

  private batchSize(): number {
    return this.config.get('ROOM_RETENTION_BATCH_SIZE', { infer: true });
  }
}
