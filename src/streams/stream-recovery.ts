import { Inject, Injectable, Logger } from '@nestjs/common';
import { TurnRecorder } from '../conversations/turn-recorder';
import { Metrics } from '../metrics/metrics';
import { ActiveStreamsRepository, type ActiveStreamRecord } from './active-streams.repository';
import { JournalStore } from './journal-store';
import type { StreamMeta } from './live-journal';
import { StreamCoordinator, type StopOutcome } from './stream-coordinator';
import { isTerminal, joinedText, type StreamEvent } from './stream-events';
import { STREAM_SETTINGS, type StreamSettings } from './stream-settings';

/** How long one instance holds the right to recover a stream (or reap an instance). */
const RECOVERY_LOCK_MS = 30_000;
/** Stale records taken care of per sweep. */
const SWEEP_BATCH = 100;
/** Outcomes of recent recoveries kept for a late Stop: at most this many, this long. */
const RECENT_MAX = 1_000;
const RECENT_MS = 10_000;

/**
 * How far past the last event found in the journal the survivor's terminal event is
 * numbered. The dead instance may have sent events it never checkpointed; a client that
 * has them resumes after their ids and must still receive the terminal event. No stream
 * sends this many events between two checkpoints.
 */
export const RECOVERED_ID_STEP = 1_000_000;

export const INTERRUPTED_MESSAGE =
  'The server that was answering stopped; the partial answer was kept';

/**
 * Streams whose instance died: their partial answer is stored as an `interrupted` turn
 * exactly once (keyed by message_id), their journal gets a terminal event (so a resumed
 * client ends cleanly), their session is freed and their record closed. The partial
 * comes from the Redis journal (at most STREAM_CHECKPOINT_MS of text lost) or, without
 * Redis, from the record's checkpoint (at most STREAM_HEARTBEAT_MS lost).
 */
@Injectable()
export class StreamRecovery {
  private readonly logger = new Logger(StreamRecovery.name);
  /** Recoveries running in this process (the Redis lock covers other instances). */
  private readonly running = new Map<string, Promise<StopOutcome | undefined>>();
  /**
   * What this instance recovered lately, by session: a Stop that arrives just after the
   * sweep got there first (its client saw the connection drop, no terminal event) is
   * answered with the stored partial rather than 404. Kept for RECENT_MS, or until the
   * session streams again here.
   */
  private readonly recent = new Map<string, { outcome: StopOutcome; untilMs: number }>();

  constructor(
    @Inject(STREAM_SETTINGS) private readonly settings: StreamSettings,
    private readonly coordinator: StreamCoordinator,
    private readonly journals: JournalStore,
    private readonly records: ActiveStreamsRepository,
    private readonly recorder: TurnRecorder,
    private readonly metrics: Metrics,
  ) {}

  /**
   * Recovers one dead stream; undefined when there was nothing to recover or another
   * instance is doing it. `record` is its active_streams record, when the caller has it.
   */
  recover(streamId: string, record?: ActiveStreamRecord): Promise<StopOutcome | undefined> {
    let running = this.running.get(streamId);
    if (!running) {
      running = this.recoverOnce(streamId, record).finally(() => this.running.delete(streamId));
      this.running.set(streamId, running);
    }
    return running;
  }

  /** Finds dead instances (Redis) and stale records (database) and recovers their streams. */
  async sweep(now = Date.now()): Promise<number> {
    let recovered = 0;
    for (const dead of await this.coordinator.deadInstances()) {
      if (dead === this.settings.instanceId) continue;
      if (!(await this.coordinator.lock(`reap:${dead}`, RECOVERY_LOCK_MS))) continue;
      for (const streamId of await this.coordinator.streamsOf(dead)) {
        if (await this.recover(streamId)) recovered += 1;
      }
      await this.coordinator.forget(dead);
    }
    // Without Redis there is one instance: a record of another instance id is a previous
    // run of this one, dead as soon as it missed two heartbeats.
    const cutoff = this.coordinator.enabled
      ? now - this.settings.staleMs
      : now - Math.min(this.settings.staleMs, 2 * this.settings.heartbeatMs);
    for (const record of await this.records.stale(
      new Date(cutoff),
      this.settings.instanceId,
      SWEEP_BATCH,
    )) {
      // An instance that could not reach the database still beats in Redis: not dead.
      if (
        record.instance_id &&
        this.coordinator.enabled &&
        (await this.coordinator.isAlive(record.instance_id))
      )
        continue;
      if (await this.recover(record.stream_id, record)) recovered += 1;
    }
    if (recovered > 0)
      this.logger.warn(`stored the partial answers of ${recovered} stream(s) of a dead instance`);
    return recovered;
  }

  private async recoverOnce(
    streamId: string,
    record?: ActiveStreamRecord,
  ): Promise<StopOutcome | undefined> {
    if (!(await this.coordinator.lock(`recover:${streamId}`, RECOVERY_LOCK_MS))) return undefined;
    const journal = this.journals.shared ? await this.journals.load(streamId) : undefined;
    const meta = journal?.meta ?? metaOf(record);
    const now = new Date();
    if (!meta) {
      // A record too old to carry what a turn needs: it can only be closed.
      await this.records.markInterrupted(streamId, now);
      return undefined;
    }
    const events: StreamEvent[] = journal?.events ?? [];
    const ended = events.find(isTerminal);
    const text = journal ? joinedText(events) : (record?.partial_response ?? '');
    let stored = false;
    if (ended) {
      // It finished before its instance died; only its claim and record are left over.
      stored = 'stored' in ended.data ? ended.data.stored : false;
    } else {
      if (text.length > 0) {
        stored = await this.recorder.record({
          message_id: meta.message_id,
          user_id: meta.user_id,
          session_id: meta.session_id,
          room_id: meta.room_id,
          agent_type: meta.agent_type,
          user_input: meta.user_input,
          agent_response: text,
          status: 'interrupted',
          timestamp: now,
          metadata: {
            tokens_used: null,
            response_time_ms: now.getTime() - meta.started_at,
            model: null,
          },
        });
      }
      if (journal) {
        await this.journals.close(journal, {
          type: 'error',
          id: (events.at(-1)?.id ?? 0) + RECOVERED_ID_STEP,
          data: {
            error: INTERRUPTED_MESSAGE,
            error_code: 'SERVICE_UNAVAILABLE',
            message_id: text ? meta.message_id : null,
            partial_response: text,
            stored,
          },
        });
      }
      this.metrics.streamRecovered();
      this.metrics.streamEnded(
        meta.agent_type,
        'interrupted',
        (now.getTime() - meta.started_at) / 1000,
      );
    }
    const outcome: StopOutcome = {
      status: ended ? statusOf(ended) : 'interrupted',
      text,
      message_id: text ? meta.message_id : null,
      stored,
      stream_id: meta.stream_id,
      room_id: meta.room_id,
      session_id: meta.session_id,
      user_id: meta.user_id,
    };
    // Known before the session is freed: a Stop that finds no claim any more finds this.
    if (!ended) this.keepRecent(outcome);
    await this.coordinator.releaseClaim(meta.session_id, meta.instance_id, meta.stream_id);
    await this.records.markInterrupted(streamId, now);
    return outcome;
  }

  /** The owner's stream in this session that this instance recovered within RECENT_MS. */
  recoveredLately(owner: string, sessionId: string): StopOutcome | undefined {
    const recent = this.recent.get(sessionId);
    if (!recent || recent.untilMs <= Date.now() || recent.outcome.user_id !== owner)
      return undefined;
    return recent.outcome;
  }

  /** The session streams again: a Stop is about that stream now. */
  forgetRecent(sessionId: string): void {
    this.recent.delete(sessionId);
  }

  private keepRecent(outcome: StopOutcome): void {
    const now = Date.now();
    for (const [sessionId, recent] of this.recent) {
      if (recent.untilMs > now && this.recent.size < RECENT_MAX) break;
      this.recent.delete(sessionId);
    }
    this.recent.delete(outcome.session_id);
    this.recent.set(outcome.session_id, { outcome, untilMs: now + RECENT_MS });
  }
}

function statusOf(terminal: StreamEvent): StopOutcome['status'] {
  if (terminal.type === 'done') return 'completed';
  if (terminal.type === 'cancelled') return 'cancelled';
  return 'error';
}

/** What a record knows, when it carries enough to store a turn. */
function metaOf(record: ActiveStreamRecord | undefined): StreamMeta | undefined {
  if (!record?.message_id || record.user_input === null || !record.instance_id) return undefined;
  return {
    stream_id: record.stream_id,
    message_id: record.message_id,
    user_id: record.user_id,
    session_id: record.session_id,
    room_id: record.room_id,
    agent_type: record.agent_type,
    user_input: record.user_input,
    instance_id: record.instance_id,
    started_at: record.started_at.getTime(),
  };
}
