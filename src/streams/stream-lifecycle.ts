import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { OnEvent } from '@nestjs/event-emitter';
import { Observable } from 'rxjs';
import type { UserId } from '../common/auth/user-id';
import {
  StreamAlreadyActive,
  StreamNotFound,
  StreamNotRunning,
} from '../common/errors/domain-error';
import { scheduleEvery } from '../common/scheduling';
import { Metrics } from '../metrics/metrics';
import { ROOM_DELETING, type RoomGoing } from '../rooms/room-events';
import { ActiveStreamsRepository, type ActiveStreamRecord } from './active-streams.repository';
import { FINISHED_STREAM_CLEANUP_MS, FINISHED_STREAM_RETENTION_MS } from './active-stream.schema';
import { JournalStore } from './journal-store';
import { StreamCoordinator, type RemoteStop, type StopOutcome } from './stream-coordinator';
import { isTerminal, type StreamEvent } from './stream-events';
import { StreamLedger } from './stream-ledger';
import {
  StreamLease,
  type ClientSink,
  type StopReason,
  type StreamOutcome,
  type StreamSpec,
} from './stream-lease';
import { StreamRecovery } from './stream-recovery';
import { StreamRegistry } from './stream-registry';
import { STREAM_SETTINGS, type StreamSettings } from './stream-settings';

const FLUSH_JOB = 'stream-records-flush';
const HEARTBEAT_JOB = 'stream-heartbeat';
const PULSE_JOB = 'instance-pulse';
/** How often a silent instance's liveness is read again while Stop waits for the verdict. */
const SILENCE_POLL_MS = 100;

/** A resumed stream has nothing more to send (the client has the terminal event). */
export const NOTHING_TO_RESUME = Symbol('NOTHING_TO_RESUME');

/**
 * The one owner of a stream's life. `acquire` takes, as a pair with `release`: the slot
 * in this instance's registry (limits), the session's claim across instances (Redis),
 * the `active_streams` record (written behind, by the ledger) and the journal. `stop`
 * and `isStreaming` look on this instance first, then across instances. Clients attach
 * to a stream's journal; the disconnect policy (STREAM_ON_DISCONNECT) decides what a
 * client leaving does. On an interval it writes the records, beats, and recovers the
 * streams of instances that died.
 */
@Injectable()
export class StreamLifecycle
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('StreamLifecycle');
  private readonly detachTimers = new Map<string, NodeJS.Timeout>();
  /** SSE connections still open: shutdown waits for their terminal events to be written. */
  private readonly openConnections = new Set<Promise<void>>();
  private cancelJobs: (() => void)[] = [];
  /** When the heartbeat next removes finished records. */
  private cleanupAt = 0;

  constructor(
    @Inject(STREAM_SETTINGS) private readonly settings: StreamSettings,
    private readonly registry: StreamRegistry,
    private readonly coordinator: StreamCoordinator,
    private readonly ledger: StreamLedger,
    private readonly journals: JournalStore,
    private readonly recovery: StreamRecovery,
    private readonly records: ActiveStreamsRepository,
    private readonly metrics: Metrics,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  get instanceId(): string {
    return this.settings.instanceId;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.coordinator.listen({
      stopSession: (owner, sessionId, reason) => this.stopHere(owner, sessionId, reason),
      stopStream: async (streamId, reason) => {
        const lease = this.registry.byStreamId(streamId);
        return lease ? this.stopLease(lease, reason) : undefined;
      },
      stopOwned: (owner, roomId, reason) => this.stopOwnedHere(owner, roomId, reason),
    });
    this.cancelJobs = [
      scheduleEvery(this.scheduler, FLUSH_JOB, this.settings.recordFlushMs, () =>
        this.ledger.flush(),
      ),
      scheduleEvery(this.scheduler, HEARTBEAT_JOB, this.settings.heartbeatMs, () => this.beat()),
    ];
    if (this.coordinator.enabled && this.coordinator.pulseMs < this.settings.heartbeatMs) {
      this.cancelJobs.push(
        scheduleEvery(this.scheduler, PULSE_JOB, this.coordinator.pulseMs, () =>
          this.coordinator.pulse().catch(() => undefined),
        ),
      );
    }
    // A restart finds what the previous run left behind without waiting a heartbeat.
    void this.beat();
  }

  /** Shutdown: every open stream ends with a terminal event and its partial stored. */
  async beforeApplicationShutdown(): Promise<void> {
    const ended = await this.drain(this.settings.shutdownGraceMs);
    if (ended > 0) this.logger.log(`ended ${ended} open stream(s) for shutdown`);
  }

  onApplicationShutdown(): void {
    for (const cancel of this.cancelJobs) cancel();
    for (const timer of this.detachTimers.values()) clearTimeout(timer);
    this.coordinator.close();
    this.journals.dispose();
  }

  /**
   * Takes everything a new stream needs, or refuses: 503 while draining or at capacity,
   * 409 when the session streams (here or elsewhere), 429 over the per-user limit. Only
   * the claim costs a round trip (Redis); the record and the journal are written behind.
   */
  async acquire(spec: Omit<StreamSpec, 'instanceId'>): Promise<StreamLease> {
    const lease = new StreamLease({ ...spec, instanceId: this.instanceId });
    this.registry.reserve(lease);
    try {
      await this.claim(lease);
    } catch (error) {
      this.registry.release(lease);
      throw error;
    }
    lease.active = true;
    this.recovery.forgetRecent(lease.sessionId);
    this.metrics.runningStreams(this.registry.count());
    this.ledger.opened(lease);
    this.journals.started(lease.journal);
    lease.journal.onAppend(() => this.journals.appended(lease.journal));
    return lease;
  }

  /** The other half of `acquire`: called once, by the turn, after its terminal event. */
  release(lease: StreamLease, outcome: StreamOutcome): void {
    if (lease.ended) return;
    this.registry.release(lease);
    clearTimeout(this.detachTimers.get(lease.streamId));
    this.detachTimers.delete(lease.streamId);
    this.metrics.runningStreams(this.registry.count());
    this.metrics.streamEnded(
      lease.agentType,
      outcome.status,
      (Date.now() - lease.startedAt) / 1000,
    );
    this.ledger.closed(lease, outcome.status);
    lease.settleWith(outcome);
    // A claim left behind (Redis unreachable now) expires after STREAM_STALE_MS by itself.
    this.coordinator
      .release(lease)
      .catch((error: Error) =>
        this.logger.warn(`claim of ${lease.streamId} not released: ${error.message}`),
      );
    this.journals
      .finished(lease.journal)
      .catch((error: Error) =>
        this.logger.warn(`journal of ${lease.streamId} not kept: ${error.message}`),
      );
  }

  /**
   * Stops the owner's stream in a session, wherever it runs, and returns its outcome once
   * the partial is stored: on this instance first (no Redis call), then on the instance
   * that holds the claim, or, when that instance is dead, by recovering the stream here.
   */
  async stop(
    owner: UserId,
    sessionId: string,
    reason: StopReason = 'stopped',
  ): Promise<StopOutcome> {
    const here = await this.stopHere(owner, sessionId, reason);
    if (here) return here;
    const elsewhere = this.coordinator.enabled
      ? await this.stopByClaim(owner, sessionId, reason)
      : await this.stopPreviousRun(owner, sessionId);
    if (elsewhere) return elsewhere;
    // Its instance died and this instance's sweep stored the partial a moment ago.
    const recovered = this.recovery.recoveredLately(owner, sessionId);
    if (recovered) return recovered;
    throw new StreamNotFound(sessionId);
  }

  /**
   * Stops a stream by its id, whoever owns it (operators), wherever it runs, like its
   * owner's Stop; STREAM_NOT_FOUND when it is not running. The record tells where it runs.
   */
  async stopById(streamId: string, reason: StopReason = 'stopped'): Promise<StopOutcome> {
    const here = this.registry.byStreamId(streamId);
    if (here) return this.stopLease(here, reason);
    const record = await this.records.findStreaming(streamId);
    if (!record?.instance_id || record.instance_id === this.instanceId)
      throw new StreamNotRunning(streamId);
    const instanceId = record.instance_id;
    if (this.coordinator.enabled) {
      const answer = await this.askToStop(instanceId, () =>
        this.coordinator.stopStreamOn(instanceId, streamId, reason),
      );
      if (answer === null) throw new StreamNotRunning(streamId);
      if (answer !== 'dead') return answer;
    }
    // Its instance died (or, without Redis, it is this instance's previous run).
    const recovered = await this.recovery.recover(streamId, record);
    if (!recovered) throw new StreamNotRunning(streamId);
    return recovered;
  }

  /** The owner's running stream in a session, on this instance. */
  runningHere(owner: string, sessionId: string): StreamLease | undefined {
    return this.registry.find(owner, sessionId);
  }

  /** Whether the session streams here or on another instance (this one only, without Redis). */
  async isStreaming(sessionId: string): Promise<boolean> {
    if (this.registry.holds(sessionId)) return true;
    if (!this.coordinator.enabled) return false;
    return (await this.coordinator.holderOf(sessionId).catch(() => undefined)) !== undefined;
  }

  /** Whether this instance holds the session's slot: a streaming session does not expire. */
  holdsHere(sessionId: string): boolean {
    return this.registry.holds(sessionId);
  }

  /** Stops the owner's streams in a room, on every instance, and waits for their partials. */
  async stopRoom(owner: UserId, roomId: string, reason: StopReason): Promise<number> {
    return this.stopOwned(owner, roomId, reason);
  }

  /**
   * Stops the owner's streams (in one room, or all of them) on every live instance and
   * waits for their partials; then recovers any left running by a dead instance.
   */
  async stopOwned(owner: UserId, roomId: string | undefined, reason: StopReason): Promise<number> {
    const [here, elsewhere] = await Promise.all([
      this.stopOwnedHere(owner, roomId, reason),
      this.coordinator.stopOwnedElsewhere(owner, roomId, reason).catch(() => 0),
    ]);
    let orphans = 0;
    for (const record of await this.records.streamingOf(owner)) {
      if (roomId !== undefined && record.room_id !== roomId) continue;
      if (record.instance_id === this.instanceId) continue;
      if (record.instance_id && (await this.coordinator.isAlive(record.instance_id))) continue;
      if (await this.recovery.recover(record.stream_id, record)) orphans += 1;
    }
    return here + elsewhere + orphans;
  }

  /** A room is being deleted: its streams end first, with their partials stored. */
  @OnEvent(ROOM_DELETING, { suppressErrors: false })
  async onRoomDeleting({ owner, roomId }: RoomGoing): Promise<void> {
    await this.stopRoom(owner, roomId, 'room_deleted');
  }

  /**
   * Shutdown: refuses new streams, ends every running one (each stores its partial as
   * `interrupted` and sends its client a terminal event), waits at most `graceMs`, then
   * writes the records. Returns how many were running.
   */
  async drain(graceMs: number): Promise<number> {
    this.registry.startDraining();
    const running = this.registry.active();
    for (const lease of running) lease.stop('shutdown');
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((done) => (timer = setTimeout(done, graceMs)));
    // Settled means stored; the connections then still have their terminal events to write.
    const ended = Promise.all(running.map((lease) => lease.settled)).then(() =>
      Promise.all([...this.openConnections]),
    );
    await Promise.race([ended, deadline]);
    clearTimeout(timer);
    await this.ledger.flush();
    return running.length;
  }

  /**
   * A client reads the stream from after `afterId`: the events it missed, then live ones,
   * then the terminal event. When the last client leaves early, the disconnect policy
   * applies: `cancel` stops the stream at once, `detach` lets it go on for
   * STREAM_DETACH_GRACE_MS waiting for a client to come back.
   */
  attach(lease: StreamLease, client: ClientSink, afterId = 0): Observable<StreamEvent> {
    return new Observable<StreamEvent>((subscriber) => {
      lease.addClient(client);
      this.track(client);
      clearTimeout(this.detachTimers.get(lease.streamId));
      this.detachTimers.delete(lease.streamId);
      const following = lease.journal.follow(afterId).subscribe(subscriber);
      return () => {
        following.unsubscribe();
        lease.removeClient(client);
        this.abandoned(lease);
      };
    });
  }

  /**
   * A client of the stream went away (or never came: it left while the stream was being
   * set up). When no client is left, the disconnect policy applies.
   */
  abandoned(lease: StreamLease): void {
    if (lease.ended || lease.journal.terminal || lease.clientCount > 0) return;
    if (this.settings.onDisconnect === 'cancel') lease.stop('client_disconnected');
    else if (!this.detachTimers.has(lease.streamId)) this.detach(lease);
  }

  /**
   * Resumes a stream by id for its owner, here or (with Redis) from any instance's
   * journal. STREAM_NOT_FOUND for an unknown stream, another user's, or one whose replay
   * window has passed; NOTHING_TO_RESUME when the client already has its terminal event.
   */
  async resume(
    owner: UserId,
    streamId: string,
    afterId: number,
    client: ClientSink,
  ): Promise<Observable<StreamEvent> | typeof NOTHING_TO_RESUME> {
    const lease = this.registry.byStreamId(streamId);
    if (lease) {
      if (lease.owner !== owner) throw new StreamNotRunning(streamId);
      const terminal = lease.journal.terminal;
      if (terminal && afterId >= terminal.id) return NOTHING_TO_RESUME;
      return this.attach(lease, client, afterId);
    }
    const stored = await this.journals.load(streamId);
    if (!stored || stored.meta.user_id !== owner) throw new StreamNotRunning(streamId);
    const terminal = stored.events.find(isTerminal);
    if (terminal && afterId >= terminal.id) return NOTHING_TO_RESUME;
    const instanceId = stored.meta.instance_id;
    return new Observable<StreamEvent>((subscriber) => {
      // A detached stream elsewhere must not be cancelled while it is read from here.
      const watching = setInterval(
        () =>
          void this.coordinator.watch(streamId, this.settings.detachGraceMs).catch(() => undefined),
        Math.max(100, Math.floor(this.settings.detachGraceMs / 3)),
      );
      void this.coordinator.watch(streamId, this.settings.detachGraceMs).catch(() => undefined);
      const following = this.journals
        .follow(streamId, afterId, {
          everyMs: this.settings.heartbeatMs,
          check: async () => {
            if (!(await this.coordinator.isAlive(instanceId)))
              await this.recovery.recover(streamId);
          },
        })
        .subscribe(subscriber);
      return () => {
        clearInterval(watching);
        following.unsubscribe();
      };
    });
  }

  /** The session's newest stream, running or kept for replay. */
  async latestStreamOf(owner: UserId, sessionId: string): Promise<string | undefined> {
    return (
      this.registry.find(owner, sessionId)?.streamId ??
      (await this.journals.latestStreamOf(sessionId))
    );
  }

  /** This instance's running streams, as records (exact: the written records lag a flush). */
  recordsHere(): ActiveStreamRecord[] {
    return this.registry.active().map((lease) => ({
      stream_id: lease.streamId,
      message_id: lease.messageId,
      session_id: lease.sessionId,
      room_id: lease.roomId,
      user_id: lease.owner,
      agent_type: lease.agentType,
      instance_id: this.instanceId,
      user_input: null,
      partial_response: null,
      started_at: new Date(lease.startedAt),
      ended_at: null,
      status: 'streaming',
      cancel_requested: false,
      last_heartbeat: new Date(),
    }));
  }

  /** Rooms with a stream running on this instance. */
  roomsRunningHere(): string[] {
    return this.registry.active().map((lease) => lease.roomId);
  }

  count(): number {
    return this.registry.count();
  }

  capacity(): number {
    return this.registry.capacity();
  }

  isDraining(): boolean {
    return this.registry.isDraining();
  }

  private async claim(lease: StreamLease): Promise<void> {
    let holder;
    try {
      holder = await this.coordinator.claim(lease);
    } catch (error) {
      // Redis unreachable: this instance's one-per-session rule still holds; chat stays up.
      this.logger.warn(`stream claim skipped, redis unavailable: ${(error as Error).message}`);
      return;
    }
    if (!holder) return;
    let gone: boolean;
    if (holder.instanceId === this.instanceId) {
      // Released here a moment ago; its claim is on its way out of Redis.
      gone = !this.registry.byStreamId(holder.streamId);
    } else {
      gone = !(await this.coordinator.isAlive(holder.instanceId));
      // Its instance died: store that stream's partial first, then the session is free.
      if (gone) await this.recovery.recover(holder.streamId);
    }
    if (gone && (await this.coordinator.takeOver(lease, holder))) return;
    throw new StreamAlreadyActive(lease.sessionId);
  }

  private async stopHere(
    owner: string,
    sessionId: string,
    reason: StopReason,
  ): Promise<StopOutcome | undefined> {
    const lease = this.registry.find(owner, sessionId);
    return lease ? this.stopLease(lease, reason) : undefined;
  }

  private async stopLease(lease: StreamLease, reason: StopReason): Promise<StopOutcome> {
    lease.stop(reason);
    const outcome = await lease.settled;
    return {
      ...outcome,
      stream_id: lease.streamId,
      room_id: lease.roomId,
      session_id: lease.sessionId,
      user_id: lease.owner,
    };
  }

  private async stopOwnedHere(
    owner: string,
    roomId: string | undefined,
    reason: StopReason,
  ): Promise<number> {
    const leases = this.registry
      .active()
      .filter(
        (lease) => lease.owner === owner && (roomId === undefined || lease.roomId === roomId),
      );
    for (const lease of leases) lease.stop(reason);
    await Promise.all(leases.map((lease) => lease.settled));
    return leases.length;
  }

  /** Stop for a stream whose claim another instance holds: ask it, or recover it if it died. */
  private async stopByClaim(
    owner: UserId,
    sessionId: string,
    reason: StopReason,
  ): Promise<StopOutcome | undefined> {
    const holder = await this.coordinator.holderOf(sessionId);
    if (!holder || holder.instanceId === this.instanceId) return undefined;
    const answer = await this.askToStop(holder.instanceId, () =>
      this.coordinator.stopOn(holder.instanceId, owner, sessionId, reason),
    );
    if (answer !== 'dead') return answer ?? undefined;
    // The claim is the session's, and the session guard checked it is the caller's.
    return this.recovery.recover(holder.streamId);
  }

  /**
   * Asks a live instance to stop one of its streams: its outcome; 'dead' when the instance
   * is dead (the caller recovers the stream); null when it has no such stream or does not
   * answer. A request nobody received means a dead process or a subscription that is
   * reconnecting: the beat tells, within two beats; a live one is asked once more.
   */
  private async askToStop(
    instanceId: string,
    ask: () => Promise<RemoteStop>,
  ): Promise<StopOutcome | 'dead' | null> {
    if (!(await this.coordinator.isAlive(instanceId))) return 'dead';
    let answer = await ask();
    if (answer === 'gone') {
      if (await this.diesWithinGrace(instanceId)) return 'dead';
      answer = await ask();
    }
    if (answer !== null && answer !== 'gone') return answer;
    if (!(await this.coordinator.isAlive(instanceId))) return 'dead';
    this.metrics.stopFailed('no_reply');
    return null;
  }

  /** Whether an instance that nobody hears is found dead before its grace runs out. */
  private async diesWithinGrace(instanceId: string): Promise<boolean> {
    const until = Date.now() + this.coordinator.silenceGraceMs + SILENCE_POLL_MS;
    while (Date.now() <= until) {
      if (!(await this.coordinator.isAlive(instanceId))) return true;
      await new Promise((done) => setTimeout(done, SILENCE_POLL_MS));
    }
    return false;
  }

  /** Without Redis: a stream left running by this instance's previous run (it crashed). */
  private async stopPreviousRun(
    owner: UserId,
    sessionId: string,
  ): Promise<StopOutcome | undefined> {
    const record = await this.records.runningElsewhere(owner, sessionId, this.instanceId);
    return record ? this.recovery.recover(record.stream_id, record) : undefined;
  }

  private track(client: ClientSink): void {
    const closed = client.closed();
    this.openConnections.add(closed);
    void closed.then(() => this.openConnections.delete(closed));
  }

  private detach(lease: StreamLease): void {
    const timer = setTimeout(() => {
      this.detachTimers.delete(lease.streamId);
      if (lease.clientCount > 0 || lease.ended) return;
      void this.coordinator.isWatched(lease.streamId).then(
        (watched) => (watched ? this.detach(lease) : lease.stop('client_disconnected')),
        () => lease.stop('client_disconnected'),
      );
    }, this.settings.detachGraceMs);
    timer.unref();
    this.detachTimers.set(lease.streamId, timer);
  }

  private async beat(): Promise<void> {
    try {
      await this.coordinator.beat(this.registry.active());
    } catch (error) {
      this.logger.warn(`instance heartbeat not written to redis: ${(error as Error).message}`);
    }
    try {
      await this.recovery.sweep();
      if (Date.now() >= this.cleanupAt) {
        await this.records.deleteFinishedBefore(
          new Date(Date.now() - FINISHED_STREAM_RETENTION_MS),
        );
        this.cleanupAt = Date.now() + FINISHED_STREAM_CLEANUP_MS;
      }
    } catch (error) {
      this.logger.warn(`stream sweep failed: ${(error as Error).message}`);
    }
  }
}
