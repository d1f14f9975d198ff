import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env.schema';
import { StreamRegistry } from './stream-registry';

/**
 * Runs when the app closes (SIGTERM), before the HTTP server and the database are
 * closed: ends every open stream with a terminal event and stores its partial as
 * `interrupted`, so a rolling deploy loses no answer.
 */
@Injectable()
export class StreamDrain implements BeforeApplicationShutdown {
  private readonly logger = new Logger(StreamDrain.name);

  constructor(
    private readonly registry: StreamRegistry,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    const ended = await this.registry.drain(this.config.get('SHUTDOWN_GRACE_MS', { infer: true }));
    if (ended > 0) this.logger.log(`ended ${ended} open stream(s) for shutdown`);
  }
}
