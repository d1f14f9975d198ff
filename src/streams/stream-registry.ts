import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { UserId } from '../common/auth/user-id';
import {
  StreamAlreadyActive,
  StreamCapacityReached,
  StreamLimitExceeded,
  ShuttingDown,
  StreamNotFound,
} from '../common/errors/domain-error';
import type { Env } from '../config/env.schema';
import type { StreamStatus } from './active-stream.schema';

/** Why a stream was ended before its answer was complete. */
export type StopReason =
  'stopped' | 'client_disconnected' | 'session_deleted' | 'room_deleted' | 'shutdown';

export interface StreamOutcome {
  status: Exclude<StreamStatus, 'streaming'>;
  /** Everything the client was sent (the whole answer when completed). */
  text: string;
  /** Id of the stored turn; null when nothing was stored (an empty partial). */
  message_id: string | null;
}

/** What the registry needs of a running stream. */
export interface RunningStream {
  readonly streamId: string;
  readonly sessionId: string;
  readonly roomId: string;
  readonly userId: UserId;
  /** Ends the stream now; the upstream request is aborted. */
  stop(reason: StopReason): void;
  /** Resolves once the turn is stored and every resource released. */
  readonly settled: Promise<StreamOutcome>;
}

/**
 * This instance's running streams: one per session, MAX_STREAMS_PER_USER per user,
 * STREAM_CAPACITY in all. Checks and registration happen in one synchronous step, so
 * two concurrent requests can never both pass a limit.
 */
@Injectable()
export class StreamRegistry {
  private readonly bySession = new Map<string, RunningStream>();
  private readonly perUser = new Map<string, number>();
  private draining = false;

  constructor(private readonly config: ConfigService<Env, true>) {}

  register(stream: RunningStream): void {
    if (this.draining) throw new ShuttingDown();
    if (this.bySession.has(stream.sessionId)) throw new StreamAlreadyActive(stream.sessionId);
    const userLimit = this.config.get('MAX_STREAMS_PER_USER', { infer: true });
    if ((this.perUser.get(stream.userId) ?? 0) >= userLimit)
      throw new StreamLimitExceeded(userLimit);
    if (this.bySession.size >= this.capacity()) throw new StreamCapacityReached();
    this.bySession.set(stream.sessionId, stream);
    this.perUser.set(stream.userId, (this.perUser.get(stream.userId) ?? 0) + 1);
  }

  /** Idempotent: only the stream that holds the session's slot releases it. */
  release(stream: RunningStream): void {
    if (this.bySession.get(stream.sessionId) !== stream) return;
    this.bySession.delete(stream.sessionId);
    const remaining = (this.perUser.get(stream.userId) ?? 1) - 1;
    if (remaining > 0) this.perUser.set(stream.userId, remaining);
    else this.perUser.delete(stream.userId);
  }

  /** The caller's running stream in a session, if any. */
  find(owner: UserId, sessionId: string): RunningStream | undefined {
    const stream = this.bySession.get(sessionId);
    return stream?.userId === owner ? stream : undefined;
  }

  /** Stops the session's stream and waits until its partial answer is stored. */
  async stop(
    owner: UserId,
    sessionId: string,
    reason: StopReason,
  ): Promise<StreamOutcome & { stream_id: string; room_id: string }> {
    const stream = this.find(owner, sessionId);
    if (!stream) throw new StreamNotFound(sessionId);
    stream.stop(reason);
    const outcome = await stream.settled;
    return { ...outcome, stream_id: stream.streamId, room_id: stream.roomId };
  }

  /** Stops the owner's streams in a room and waits until their partials are stored. */
  async stopRoom(owner: UserId, roomId: string, reason: StopReason): Promise<number> {
    const streams = this.all().filter(
      (stream) => stream.userId === owner && stream.roomId === roomId,
    );
    for (const stream of streams) stream.stop(reason);
    await Promise.all(streams.map((stream) => stream.settled));
    return streams.length;
  }

  /**
   * Shutdown: refuses new streams, ends every running one (each stores its partial
   * as `interrupted` and sends its client a terminal event), and waits for them to
   * settle, at most `graceMs`. Returns how many were still running.
   */
  async drain(graceMs: number): Promise<number> {
    this.draining = true;
    const running = this.all();
    for (const stream of running) stream.stop('shutdown');
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((done) => (timer = setTimeout(done, graceMs)));
    await Promise.race([Promise.all(running.map((stream) => stream.settled)), deadline]);
    clearTimeout(timer);
    return running.length;
  }

  isDraining(): boolean {
    return this.draining;
  }

  isStreaming(sessionId: string): boolean {
    return this.bySession.has(sessionId);
  }

  streamIds(): string[] {
    return [...this.bySession.values()].map((stream) => stream.streamId);
  }

  all(): RunningStream[] {
    return [...this.bySession.values()];
  }

  count(): number {
    return this.bySession.size;
  }

  countFor(userId: string): number {
    return this.perUser.get(userId) ?? 0;
  }

  capacity(): number {
    return this.config.get('STREAM_CAPACITY', { infer: true });
  }
}
