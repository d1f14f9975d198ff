import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { asUserId, type UserId } from '../common/auth/user-id';
import { afterAbandonedCall } from '../common/database/database-deadline';
import { UrgentWrites } from '../common/scheduling';
import { RoomsRepository } from '../rooms/rooms.repository';
import { ConversationRepository, type ConversationRecord } from './conversation.repository';

/** A recount that keeps failing is given up after this many tries (logged). */
const RECOUNT_ATTEMPTS = 5;
/** Wait before retrying a failed summary write, doubled per try. */
const RETRY_BASE_MS = 500;
/**
 * Rooms written at once. Each is its own small command: FerretDB holds a connection per
 * statement of a command, so one command for many rooms would exhaust its pool.
 */
const WRITES_IN_FLIGHT = 8;
/**
 * A round of summary writes gives way to turn inserts in flight (the terminal events wait
 * for those) for at most this long; then it writes regardless. A round that a caller
 * waits for (a recount after an erasure) does not give way.
 */
const GIVE_WAY_MS = 1_000;

interface PendingRoom {
  owner: UserId;
  roomId: string;
  added: number;
  newest: ConversationRecord | null;
  /** Recount from the stored turns instead of adding (after an erasure, or an uncertain write). */
  recount: boolean;
  attempts: number;
  /**
   * Callers waiting for this entry's recount. They belong to the entry, not to the room:
   * a write of the room that was already in flight when they asked must not wake them.
   */
  waiters: (() => void)[];
}

function keyOf(owner: string, roomId: string): string {
  return `${owner}\u0000${roomId}`;
}

/**
 * Keeps each room's message_count, last_activity and last_message in step with its
 * stored turns, after the turns' terminal events and off their critical path. Turns are
 * gathered per room while a round of writes is in flight, so a burst of turns in one room
 * costs one write. A room is written once per round and rounds never overlap, so this
 * instance never races with itself on a room (FerretDB applies an update as
 * read-then-write). A write that fails is redone as a recount from conversation_history,
 * which is exact whatever part of the failed write landed; recounts are tried a bounded
 * number of times. Summary writes give way to turn inserts (`storing`): when many turns end
 * together, their inserts do not queue behind the summaries of the first ones.
 */
@Injectable()
export class RoomSummaries implements OnApplicationShutdown {
  private readonly logger = new Logger(RoomSummaries.name);
  /** Rooms with changes to write now. */
  private readonly pending = new Map<string, PendingRoom>();
  /** Rooms whose write failed, waiting for their retry. */
  private readonly backoff = new Map<string, PendingRoom>();
  private running?: Promise<void>;
  private retryTimer?: NodeJS.Timeout;
  private readonly inserts = new UrgentWrites();

  constructor(
    private readonly rooms: RoomsRepository,
    private readonly conversations: ConversationRepository,
  ) {}

  /** Runs a turn's insert: summary writes wait while any is under way (GIVE_WAY_MS at most per round). */
  storing<T>(insert: () => Promise<T>): Promise<T> {
    return this.inserts.run(insert);
  }

  /** Stored turns to add to their rooms' summaries. */
  added(turns: ConversationRecord[]): void {
    for (const turn of turns) {
      const entry = this.pendingFor(asUserId(turn.user_id), turn.room_id);
      entry.added += 1;
      if (!entry.newest || isNewer(turn, entry.newest)) entry.newest = turn;
    }
    this.kick();
  }

  /**
   * The room's turns changed in a way only a recount captures (an erasure, writes whose
   * outcome is unknown). Resolves once the recount is written, or has been given up.
   */
  recount(owner: UserId, roomId: string): Promise<void> {
    const entry = this.pendingFor(owner, roomId);
    entry.recount = true;
    const written = new Promise<void>((resolve) => entry.waiters.push(resolve));
    this.kick();
    return written;
  }

  /** Resolves once every change asked for so far is written, or waiting for a retry. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.retryTimer);
    await this.settled();
  }

  private pendingFor(owner: UserId, roomId: string): PendingRoom {
    const key = keyOf(owner, roomId);
    let entry = this.pending.get(key);
    if (!entry) {
      entry = {
        owner,
        roomId,
        added: 0,
        newest: null,
        recount: false,
        attempts: 0,
        waiters: [],
      };
      this.pending.set(key, entry);
    }
    return entry;
  }

  private kick(): void {
    if (this.running || this.pending.size === 0) return;
    this.running = this.writeAll().finally(() => {
      this.running = undefined;
      // Changes that arrived during the write go out with the next one.
      this.kick();
    });
  }

  private async writeAll(): Promise<void> {
    const awaited = [...this.pending.values()].some((entry) => entry.waiters.length > 0);
    const givingWayUntil = awaited ? 0 : Date.now() + GIVE_WAY_MS;
    await this.inserts.quiet(givingWayUntil);
    // Changes that arrived while giving way go out in this round too.
    const batch = [...this.pending.values()];
    this.pending.clear();
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(WRITES_IN_FLIGHT, batch.length) }, async () => {
        while (next < batch.length) {
          const entry = batch[next];
          next += 1;
          await this.inserts.quiet(givingWayUntil);
          await this.writeRoom(entry);
        }
      }),
    );
  }

  private async writeRoom(entry: PendingRoom): Promise<void> {
    try {
      if (entry.recount) await this.recountRoom(entry.owner, entry.roomId);
      else if (entry.newest)
        await this.rooms.addToSummary({
          owner: entry.owner,
          roomId: entry.roomId,
          added: entry.added,
          newest: lastMessageOf(entry.newest),
        });
      this.wake(entry);
    } catch (error) {
      // A write the deadline gave up on still runs: the recount waits until it is over.
      await afterAbandonedCall(error);
      // Part of the write may have landed: only a recount is sure to be exact.
      this.retry(entry, error as Error);
    }
  }

  private wake(entry: PendingRoom): void {
    for (const resolve of entry.waiters.splice(0)) resolve();
  }

  private async recountRoom(owner: UserId, roomId: string): Promise<void> {
    const { count, newest } = await this.conversations.roomSummary(owner, roomId);
    const room = newest ? null : await this.rooms.findAnyState(owner, roomId);
    await this.rooms.setSummary(owner, roomId, {
      message_count: count,
      last_activity: newest?.timestamp ?? room?.created_at ?? new Date(),
      last_message: newest && lastMessageOf(newest),
    });
  }

  /** Schedules a recount of a room whose write failed, unless it has failed too often. */
  private retry(entry: PendingRoom, error: Error): void {
    const attempts = entry.attempts + 1;
    if (attempts > RECOUNT_ATTEMPTS) {
      this.logger.error(
        `room ${entry.roomId}: summary left stale after ${RECOUNT_ATTEMPTS} tries (${error.message})`,
      );
      this.wake(entry);
      return;
    }
    this.logger.warn(`room ${entry.roomId}: summary write failed, recounting: ${error.message}`);
    const key = keyOf(entry.owner, entry.roomId);
    const earlier = this.backoff.get(key);
    this.backoff.set(key, {
      ...entry,
      recount: true,
      attempts: Math.max(attempts, earlier?.attempts ?? 0),
      waiters: [...(earlier?.waiters ?? []), ...entry.waiters],
    });
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = undefined;
        for (const [key, waiting] of this.backoff) {
          const fresh = this.pending.get(key);
          // A recount also covers whatever was added meanwhile.
          this.pending.set(key, {
            ...waiting,
            attempts: Math.max(waiting.attempts, fresh?.attempts ?? 0),
            waiters: [...waiting.waiters, ...(fresh?.waiters ?? [])],
          });
        }
        this.backoff.clear();
        this.kick();
      },
      RETRY_BASE_MS * 2 ** (attempts - 1),
    );
    this.retryTimer.unref();
  }
}

function isNewer(a: ConversationRecord, b: ConversationRecord): boolean {
  return (
    a.timestamp > b.timestamp ||
    (a.timestamp.getTime() === b.timestamp.getTime() && a.message_id > b.message_id)
  );
}

function lastMessageOf(turn: ConversationRecord) {
  return {
    user_input: turn.user_input,
    agent_response: turn.agent_response,
    agent_type: turn.agent_type,
    timestamp: turn.timestamp,
  };
}
