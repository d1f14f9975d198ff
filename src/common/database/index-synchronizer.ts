import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, mongo } from 'mongoose';

/**
 * Creates the indexes declared on every schema at start-up. createIndex is
 * idempotent, so restarts are harmless. Each index is created on its own: one that
 * the server refuses (FerretDB has no TTL or partial indexes) is logged once as a
 * warning and its job is left to the scheduled sweepers. A refused unique index
 * stops the start, since rules depend on it.
 */
@Injectable()
export class IndexSynchronizer implements OnApplicationBootstrap {
  private readonly logger = new Logger(IndexSynchronizer.name);

  constructor(@InjectConnection() private readonly connection: Connection) {}

  async onApplicationBootstrap(): Promise<void> {
    const refused = await this.synchronize();
    for (const { collection, name, reason } of refused) {
      this.logger.warn(
        `index ${collection}.${name} was refused by the server (${reason}); continuing without it`,
      );
    }
  }

  /** Returns the indexes the server refused. */
  async synchronize(): Promise<{ collection: string; name: string; reason: string }[]> {
    const refused: { collection: string; name: string; reason: string }[] = [];
    for (const model of Object.values(this.connection.models)) {
      // Our schemas declare plain keys and driver options only (no mongoose-specific forms).
      const indexes = model.schema.indexes() as unknown as [
        mongo.IndexSpecification,
        mongo.CreateIndexesOptions,
      ][];
      for (const [keys, options] of indexes) {
        const name = options.name ?? JSON.stringify(keys);
        try {
          await model.collection.createIndex(keys, options);
        } catch (error) {
          // A unique index carries a correctness rule (ids, the room limit): never run without it.
          if (options.unique) throw error;
          refused.push({
            collection: model.collection.collectionName,
            name,
            reason: (error as Error).message,
          });
        }
      }
    }
    return refused;
  }
}
