import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { Metrics } from './metrics';

/** Feeds db_query_seconds from the driver's command monitoring (needs `monitorCommands`). */
@Injectable()
export class DatabaseMetrics implements OnApplicationBootstrap {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    const client = this.connection.getClient();
    client.on('commandSucceeded', (event) =>
      this.metrics.dbCommand(event.commandName, event.duration / 1000),
    );
    client.on('commandFailed', (event) =>
      this.metrics.dbCommand(event.commandName, event.duration / 1000),
    );
  }
}
