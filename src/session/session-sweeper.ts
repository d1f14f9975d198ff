import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SchedulerRegistry } from '@nestjs/schedule';
import { scheduleEvery } from '../common/scheduling';
import type { Env } from '../config/env.schema';
import { SessionService } from './session.service';

const SWEEP_JOB = 'session-sweeper';

/** Every SESSION_SWEEP_INTERVAL_MS: removes expired sessions and drops idle contexts. */
@Injectable()
export class SessionSweeper implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SessionSweeper.name);
  private cancel?: () => void;

  constructor(
    private readonly sessions: SessionService,
    private readonly scheduler: SchedulerRegistry,
    private readonly config: ConfigService<Env, true>,
  ) {}

  onModuleInit(): void {
    this.cancel = scheduleEvery(
      this.scheduler,
      SWEEP_JOB,
      this.config.get('SESSION_SWEEP_INTERVAL_MS', { infer: true }),
      () => this.run(),
    );
  }

  onModuleDestroy(): void {
    this.cancel?.();
  }

  private async run(): Promise<void> {
    try {
      const { expired, idleContexts } = await this.sessions.sweep();
      if (expired + idleContexts > 0)
        this.logger.log(`swept ${expired} expired session(s), ${idleContexts} idle context(s)`);
    } catch (error) {
      this.logger.warn(`session sweep failed: ${(error as Error).message}`);
    }
  }
}
