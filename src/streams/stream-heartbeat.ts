import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SchedulerRegistry } from '@nestjs/schedule';
import { scheduleEvery } from '../common/scheduling';
import type { Env } from '../config/env.schema';
import { ActiveStreamsRepository } from './active-streams.repository';
import { StreamCoordinator } from './stream-coordinator';
import { StreamRegistry } from './stream-registry';

const HEARTBEAT_JOB = 'active-streams-heartbeat';
/** Finished stream records are kept this long for operators, then removed. */
export const FINISHED_STREAM_RETENTION_MS = 5 * 60_000;

/**
 * On an interval (STREAM_HEARTBEAT_MS, never per chunk): refreshes last_heartbeat of
 * this instance's running streams in one write, marks streams whose instance stopped
 * beating for STREAM_STALE_MS as interrupted, and removes old finished records.
 */
@Injectable()
export class StreamHeartbeat implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(StreamHeartbeat.name);
  private cancel?: () => void;

  constructor(
    private readonly registry: StreamRegistry,
    private readonly streams: ActiveStreamsRepository,
    private readonly coordinator: StreamCoordinator,
    private readonly scheduler: SchedulerRegistry,
    private readonly config: ConfigService<Env, true>,
  ) {}

  onModuleInit(): void {
    this.cancel = scheduleEvery(
      this.scheduler,
      HEARTBEAT_JOB,
      this.config.get('STREAM_HEARTBEAT_MS', { infer: true }),
      () => this.beat(),
    );
  }

  onModuleDestroy(): void {
    this.cancel?.();
  }

  async beat(now = new Date()): Promise<{ interrupted: number }> {
    try {
      await this.streams.heartbeat(this.registry.streamIds());
      await this.coordinator.refresh(this.registry.all().map((stream) => stream.sessionId));
      const interrupted = await this.streams.interruptStale(
        new Date(now.getTime() - this.config.get('STREAM_STALE_MS', { infer: true })),
      );
      if (interrupted > 0) this.logger.warn(`marked ${interrupted} stale stream(s) interrupted`);
      await this.streams.deleteFinishedBefore(
        new Date(now.getTime() - FINISHED_STREAM_RETENTION_MS),
      );
      return { interrupted };
    } catch (error) {
      this.logger.warn(`stream heartbeat failed: ${(error as Error).message}`);
      return { interrupted: 0 };
    }
  }
}
