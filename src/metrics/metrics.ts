import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  InjectMetric,
  makeCounterProvider,
  makeGaugeProvider,
  makeHistogramProvider,
  makeSummaryProvider,
} from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge, Histogram, Summary } from 'prom-client';
import type { Env } from '../config/env.schema';

/** One MongoDB connection pool (one per server the driver talks to), as its events tell it. */
export interface PoolState {
  /** Open connections, idle or in use. */
  connections: number;
  checkedOut: number;
  /** Open connections waiting in the pool to be checked out. */
  available: number;
  /** Operations waiting for a connection. */
  waitQueue: number;
  maxSize: number;
}

const POOL_LABELS = ['server'];

/** The reference design's metric names, plus time to first token. Labels are bounded: no ids. */
export const METRIC_PROVIDERS = [
  makeCounterProvider({ name: 'room_creations_total', help: 'Rooms created' }),
  makeCounterProvider({
    name: 'chat_requests_total',
    help: 'Chat turns by agent and how they ended (completed, cancelled, error, interrupted)',
    labelNames: ['agent_type', 'status'],
  }),
  makeCounterProvider({
    name: 'errors_total',
    help: 'Error responses and stream errors by error_code',
    labelNames: ['error_type'],
  }),
  makeGaugeProvider({ name: 'active_streams', help: 'Streams running on this instance' }),
  makeGaugeProvider({ name: 'active_sessions', help: 'Live sessions on this instance' }),
  makeHistogramProvider({
    name: 'response_time_seconds',
    help: 'Time to answer a JSON request (streams are measured by stream_duration_seconds)',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10],
  }),
  makeHistogramProvider({
    name: 'db_query_seconds',
    help: 'MongoDB command time, from driver command monitoring',
    labelNames: ['command'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
  }),
  makeSummaryProvider({
    name: 'stream_duration_seconds',
    help: 'Duration of streamed answers',
    labelNames: ['status'],
    percentiles: [0.5, 0.9, 0.99],
  }),
  makeCounterProvider({
    name: 'stream_stop_failures_total',
    help: 'Stop calls that could not end a stream (reason: unreachable instance, timeout)',
    labelNames: ['reason'],
  }),
  makeCounterProvider({
    name: 'stream_recoveries_total',
    help: 'Streams of a dead instance whose partial answer a survivor stored as interrupted',
  }),
  makeGaugeProvider({
    name: 'turn_outbox_size',
    help: 'Finished turns waiting for the database (held during an outage)',
  }),
  makeCounterProvider({
    name: 'turn_outbox_dropped_total',
    help: 'Finished turns lost because the outbox could not hold them',
  }),
  makeHistogramProvider({
    name: 'time_to_first_token_seconds',
    help: 'From the message to the first streamed word',
    labelNames: ['agent_type'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
  }),
  makeGaugeProvider({
    name: 'stream_capacity',
    help: 'STREAM_CAPACITY: streams this instance accepts at once',
  }),
  makeCounterProvider({
    name: 'rooms_retired_total',
    help: 'Rooms soft-deleted by retention after ROOM_INACTIVE_DAYS without activity',
  }),
  makeCounterProvider({
    name: 'rooms_purged_total',
    help: 'Soft-deleted rooms erased with their history by retention after ROOM_PURGE_AFTER_DAYS',
  }),
  makeGaugeProvider({
    name: 'mongodb_up',
    help: '1 while the driver knows a writable MongoDB server, else 0',
  }),
  makeGaugeProvider({
    name: 'mongodb_connection_pool_connections',
    help: 'Open connections of the pool (idle or in use), per server',
    labelNames: POOL_LABELS,
  }),
  makeGaugeProvider({
    name: 'mongodb_connection_pool_checked_out',
    help: 'Connections of the pool in use by an operation, per server',
    labelNames: POOL_LABELS,
  }),
  makeGaugeProvider({
    name: 'mongodb_connection_pool_available',
    help: 'Idle open connections of the pool, ready to be checked out, per server',
    labelNames: POOL_LABELS,
  }),
  makeGaugeProvider({
    name: 'mongodb_connection_pool_wait_queue',
    help: 'Operations waiting for a connection of the pool, per server',
    labelNames: POOL_LABELS,
  }),
  makeGaugeProvider({
    name: 'mongodb_connection_pool_max_size',
    help: 'maxPoolSize: the most connections the pool opens, per server',
    labelNames: POOL_LABELS,
  }),
];

/** What the rest of the app records; one method per event, so call sites stay one line. */
@Injectable()
export class Metrics {
  constructor(
    @InjectMetric('room_creations_total') private readonly roomCreations: Counter,
    @InjectMetric('chat_requests_total')
    private readonly chatRequests: Counter<'agent_type' | 'status'>,
    @InjectMetric('errors_total') private readonly errors: Counter<'error_type'>,
    @InjectMetric('active_streams') private readonly activeStreams: Gauge,
    @InjectMetric('active_sessions') private readonly activeSessions: Gauge,
    @InjectMetric('response_time_seconds')
    private readonly responseTime: Histogram<'method' | 'route' | 'status'>,
    @InjectMetric('db_query_seconds') private readonly dbQuery: Histogram<'command'>,
    @InjectMetric('stream_duration_seconds') private readonly streamDuration: Summary<'status'>,
    @InjectMetric('time_to_first_token_seconds')
    private readonly firstToken: Histogram<'agent_type'>,
    @InjectMetric('stream_capacity') streamCapacity: Gauge,
    @InjectMetric('stream_stop_failures_total')
    private readonly stopFailures: Counter<'reason'>,
    @InjectMetric('stream_recoveries_total') private readonly recoveries: Counter,
    @InjectMetric('turn_outbox_size') private readonly outbox: Gauge,
    @InjectMetric('turn_outbox_dropped_total') private readonly outboxLost: Counter,
    @InjectMetric('rooms_retired_total') private readonly retired: Counter,
    @InjectMetric('rooms_purged_total') private readonly purged: Counter,
    @InjectMetric('mongodb_up') private readonly databaseUp: Gauge,
    @InjectMetric('mongodb_connection_pool_connections')
    private readonly poolConnections: Gauge<'server'>,
    @InjectMetric('mongodb_connection_pool_checked_out')
    private readonly poolCheckedOut: Gauge<'server'>,
    @InjectMetric('mongodb_connection_pool_available')
    private readonly poolAvailable: Gauge<'server'>,
    @InjectMetric('mongodb_connection_pool_wait_queue')
    private readonly poolWaitQueue: Gauge<'server'>,
    @InjectMetric('mongodb_connection_pool_max_size')
    private readonly poolMaxSize: Gauge<'server'>,
    config: ConfigService<Env, true>,
  ) {
    streamCapacity.set(config.get('STREAM_CAPACITY', { infer: true }));
  }

  roomCreated(): void {
    this.roomCreations.inc();
  }

  /** Set from the registry's count, so it can never drift or go negative. */
  runningStreams(count: number): void {
    this.activeStreams.set(count);
  }

  streamEnded(agentType: string, status: string, seconds: number): void {
    this.chatRequests.inc({ agent_type: agentType, status });
    this.streamDuration.observe({ status }, seconds);
  }

  stopFailed(reason: string): void {
    this.stopFailures.inc({ reason });
  }

  streamRecovered(): void {
    this.recoveries.inc();
  }

  outboxSize(turns: number): void {
    this.outbox.set(turns);
  }

  outboxDropped(): void {
    this.outboxLost.inc();
  }

  firstTokenAfter(agentType: string, seconds: number): void {
    this.firstToken.observe({ agent_type: agentType }, seconds);
  }

  error(errorCode: string): void {
    this.errors.inc({ error_type: errorCode });
  }

  sessions(count: number): void {
    this.activeSessions.set(count);
  }

  response(method: string, route: string, status: number, seconds: number): void {
    this.responseTime.observe({ method, route, status: String(status) }, seconds);
  }

  dbCommand(command: string, seconds: number): void {
    this.dbQuery.observe({ command }, seconds);
  }

  roomsRetired(count: number): void {
    this.retired.inc(count);
  }

  roomsPurged(count: number): void {
    this.purged.inc(count);
  }

  databaseReachable(up: boolean): void {
    this.databaseUp.set(up ? 1 : 0);
  }

  pool(server: string, state: PoolState): void {
    this.poolConnections.set({ server }, state.connections);
    this.poolCheckedOut.set({ server }, state.checkedOut);
    this.poolAvailable.set({ server }, state.available);
    this.poolWaitQueue.set({ server }, state.waitQueue);
    this.poolMaxSize.set({ server }, state.maxSize);
  }

  /** The driver closed the pool of a server (it left the topology): its series go too. */
  poolClosed(server: string): void {
    for (const gauge of [
      this.poolConnections,
      this.poolCheckedOut,
      this.poolAvailable,
      this.poolWaitQueue,
      this.poolMaxSize,
    ]) {
      gauge.remove({ server });
    }
  }
}
