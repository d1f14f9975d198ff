import { randomUUID } from 'node:crypto';
import type { UserId } from '../common/auth/user-id';
import type { StreamStatus } from './active-stream.schema';
import { LiveJournal } from './live-journal';

/** Why a stream was ended before its answer was complete. */
export type StopReason =
  'stopped' | 'client_disconnected' | 'session_deleted' | 'room_deleted' | 'shutdown';

/** How a stream ended, as Stop and the terminal event report it. */
export interface StreamOutcome {
  status: Exclude<StreamStatus, 'streaming'>;
  /** Everything the client was sent (the whole answer when completed). */
  text: string;
  /** Id of the turn; null when nothing was said (nothing to store). */
  message_id: string | null;
  /** Whether the turn is in the database (false while an outage holds it for later). */
  stored: boolean;
}

/** One SSE connection that reads a stream: what backpressure needs of it. */
export interface ClientSink {
  /** More is buffered for this client than it has read. */
  congested(): boolean;
  /** Resolves once the buffer has drained (or the connection closed). */
  drained(): Promise<void>;
  /** Drops the connection, as if the client had left. */
  drop(): void;
  /** Resolves once the connection is closed (its last event written, or the client gone). */
  closed(): Promise<void>;
}

export interface StreamSpec {
  owner: UserId;
  sessionId: string;
  roomId: string;
  agentType: string;
  userInput: string;
  instanceId: string;
}

/**
 * One running stream's hold on everything it needs: its slot in this instance's
 * registry, its claim on the session across instances, its `active_streams` record and
 * its journal. StreamLifecycle acquires and releases all of them as a pair; the turn
 * that produces the answer reads `signal` and reports its outcome through `release`.
 */
export class StreamLease {
  readonly streamId = `stream_${randomUUID()}`;
  readonly messageId = `msg_${randomUUID()}`;
  readonly owner: UserId;
  readonly sessionId: string;
  readonly roomId: string;
  readonly agentType: string;
  readonly startedAt = Date.now();
  readonly journal: LiveJournal;
  readonly settled: Promise<StreamOutcome>;
  /** Set once the claim is held: only then can Stop find it. */
  active = false;

  private readonly stopper = new AbortController();
  private reason?: StopReason;
  private readonly clients = new Set<ClientSink>();
  private settle!: (outcome: StreamOutcome) => void;
  private outcome?: StreamOutcome;

  constructor(readonly spec: StreamSpec) {
    this.owner = spec.owner;
    this.sessionId = spec.sessionId;
    this.roomId = spec.roomId;
    this.agentType = spec.agentType;
    this.journal = new LiveJournal({
      stream_id: this.streamId,
      message_id: this.messageId,
      user_id: spec.owner,
      session_id: this.sessionId,
      room_id: this.roomId,
      agent_type: spec.agentType,
      user_input: spec.userInput,
      instance_id: spec.instanceId,
      started_at: this.startedAt,
    });
    this.settled = new Promise((resolve) => (this.settle = resolve));
  }

  /** Aborted when the stream must end early; `stopReason` says why. */
  get signal(): AbortSignal {
    return this.stopper.signal;
  }

  get stopReason(): StopReason | undefined {
    return this.reason;
  }

  get ended(): boolean {
    return this.outcome !== undefined;
  }

  /** Ends the stream early; the first reason wins. */
  stop(reason: StopReason): void {
    if (this.stopper.signal.aborted || this.outcome) return;
    this.reason = reason;
    this.stopper.abort(reason);
  }

  /** Called once by StreamLifecycle when everything is released. */
  settleWith(outcome: StreamOutcome): void {
    this.outcome = outcome;
    this.settle(outcome);
  }

  addClient(client: ClientSink): void {
    this.clients.add(client);
  }

  /** Returns how many clients are left. */
  removeClient(client: ClientSink): number {
    this.clients.delete(client);
    return this.clients.size;
  }

  get clientCount(): number {
    return this.clients.size;
  }

  /** Whether a client has more waiting in its buffer than it has read (checked before each token). */
  congested(): boolean {
    for (const client of this.clients) if (client.congested()) return true;
    return false;
  }

  /**
   * Resolves when every client has room for more. A client whose buffer has not drained
   * for `timeoutMs` is dropped (as a disconnect). Resolves at once when stopped.
   */
  async writable(timeoutMs: number): Promise<void> {
    for (;;) {
      if (this.stopper.signal.aborted) return;
      let congested: ClientSink | undefined;
      for (const client of this.clients) {
        if (client.congested()) {
          congested = client;
          break;
        }
      }
      if (!congested) return;
      if (!(await this.drainedWithin(congested, timeoutMs))) {
        this.clients.delete(congested);
        congested.drop();
      }
    }
  }

  private drainedWithin(client: ClientSink, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const onStop = () => finish(true);
      const timer = setTimeout(() => finish(false), timeoutMs);
      const finish = (drained: boolean) => {
        clearTimeout(timer);
        this.stopper.signal.removeEventListener('abort', onStop);
        resolve(drained);
      };
      this.stopper.signal.addEventListener('abort', onStop, { once: true });
      void client.drained().then(() => finish(true));
    });
  }
}
