import type { EventEmitter } from 'node:events';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { ConnectionStates, type Connection, type mongo } from 'mongoose';
import { Metrics, type PoolState } from './metrics';

/** Connections of one pool by id; sets rather than counters, so a missed event cannot drift. */
interface PoolConnections {
  open: Set<number>;
  checkedOut: Set<number>;
  waiting: number;
}

type ConnectionEvent = { address: string; connectionId: number | '<monitor>' };

/**
 * Follows the driver's connection-pool events and keeps one PoolState per server.
 * Listeners are attached after the driver connected, so connections opened before
 * that are learnt as soon as they are checked out or in.
 */
export class PoolMonitor {
  private readonly pools = new Map<string, PoolConnections>();

  constructor(
    private readonly maxPoolSize: number,
    private readonly publish: (server: string, state: PoolState) => void,
    private readonly closed: (server: string) => void,
  ) {}

  attach(client: EventEmitter): void {
    client.on('connectionCreated', (event: mongo.ConnectionCreatedEvent) =>
      this.update(event, (pool, id) => pool.open.add(id)),
    );
    client.on('connectionClosed', (event: mongo.ConnectionClosedEvent) =>
      this.update(event, (pool, id) => {
        pool.open.delete(id);
        pool.checkedOut.delete(id);
      }),
    );
    client.on('connectionCheckOutStarted', (event: mongo.ConnectionCheckOutStartedEvent) =>
      this.change(event.address, (pool) => (pool.waiting += 1)),
    );
    client.on('connectionCheckOutFailed', (event: mongo.ConnectionCheckOutFailedEvent) =>
      this.change(event.address, (pool) => (pool.waiting = Math.max(0, pool.waiting - 1))),
    );
    client.on('connectionCheckedOut', (event: mongo.ConnectionCheckedOutEvent) =>
      this.update(event, (pool, id) => {
        pool.waiting = Math.max(0, pool.waiting - 1);
        pool.open.add(id);
        pool.checkedOut.add(id);
      }),
    );
    client.on('connectionCheckedIn', (event: mongo.ConnectionCheckedInEvent) =>
      this.update(event, (pool, id) => {
        pool.open.add(id);
        pool.checkedOut.delete(id);
      }),
    );
    client.on('connectionPoolClosed', (event: mongo.ConnectionPoolClosedEvent) => {
      this.pools.delete(event.address);
      this.closed(event.address);
    });
  }

  private update(event: ConnectionEvent, apply: (pool: PoolConnections, id: number) => void) {
    // Monitoring connections are not part of the pool.
    const id = event.connectionId;
    if (typeof id !== 'number') return;
    this.change(event.address, (pool) => apply(pool, id));
  }

  private change(server: string, apply: (pool: PoolConnections) => void): void {
    let pool = this.pools.get(server);
    if (!pool) {
      pool = { open: new Set(), checkedOut: new Set(), waiting: 0 };
      this.pools.set(server, pool);
    }
    apply(pool);
    this.publish(server, {
      connections: pool.open.size,
      checkedOut: pool.checkedOut.size,
      available: pool.open.size - pool.checkedOut.size,
      waitQueue: pool.waiting,
      maxSize: this.maxPoolSize,
    });
  }
}

/** Whether any server the driver knows accepts writes: what "MongoDB is up" means to the API. */
export function hasWritableServer(event: mongo.TopologyDescriptionChangedEvent): boolean {
  return [...event.newDescription.servers.values()].some((server) => server.isWritable);
}

/**
 * Feeds the database metrics from the driver: db_query_seconds from command
 * monitoring (needs `monitorCommands`), the connection-pool gauges from pool events,
 * and mongodb_up from topology changes.
 */
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
    new PoolMonitor(
      client.options.maxPoolSize,
      (server, state) => this.metrics.pool(server, state),
      (server) => this.metrics.poolClosed(server),
    ).attach(client);
    // Connected by now (the module waits for it); later changes come from the topology.
    this.metrics.databaseReachable(this.connection.readyState === ConnectionStates.connected);
    client.on('topologyDescriptionChanged', (event) =>
      this.metrics.databaseReachable(hasWritableServer(event)),
    );
  }
}
