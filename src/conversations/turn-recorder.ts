import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { asUserId } from '../common/auth/user-id';
import { afterAbandonedCall } from '../common/database/database-deadline';
import { isDatabaseUnavailable } from '../common/errors/error-response';
import { Metrics } from '../metrics/metrics';
import { RoomsRepository } from '../rooms/rooms.repository';
import { ConversationRepository, type ConversationRecord } from './conversation.repository';
import { RoomSummaries } from './room-summaries';
import type { TurnOutbox } from './turn-outbox';

export const TURN_OUTBOX = Symbol('TURN_OUTBOX');

/** Turns written in one insert at most. */
const MAX_BATCH_TURNS = 200;
/** Inserts in flight at once; while they are, new turns gather into the next batch. */
const MAX_INSERTS_IN_FLIGHT = 4;
/** How often held turns are offered to the database again. */
const DRAIN_INTERVAL_MS = 1_000;

interface Waiting {
  turn: ConversationRecord;
  done: (error: Error | null) => void;
}

/**
 * Stores finished, cancelled and failed turns: exactly one write per turn before its
 * terminal event, idempotent on message_id. Alone, a turn is inserted at once; under
 * load, turns that end together share inserts (group commit). When the database is
 * unreachable the turn is held in the outbox and the caller learns `stored: false`;
 * held turns are written when it returns, exactly once, in order, and new turns queue
 * behind them meanwhile. Room summaries follow, off the critical path.
 */
@Injectable()
export class TurnRecorder implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(TurnRecorder.name);
  private queue: Waiting[] = [];
  private inFlight = 0;
  /** The database failed: turns go to the outbox until it has drained. */
  private holding = false;
  private drainTimer?: NodeJS.Timeout;
  private draining?: Promise<void>;

  constructor(
    private readonly conversations: ConversationRepository,
    private readonly summaries: RoomSummaries,
    private readonly rooms: RoomsRepository,
    @Inject(TURN_OUTBOX) private readonly outbox: TurnOutbox,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    // Turns another instance held (Redis), or this one before a restart, are written too.
    this.drainTimer = setInterval(() => void this.drainOnce(), DRAIN_INTERVAL_MS);
    this.drainTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.drainTimer);
    await this.draining;
  }

  /** Stores the turn; false when it could not be stored now (held for later, or lost). */
  async record(turn: ConversationRecord): Promise<boolean> {
    if (!this.holding) {
      const error = await this.summaries.storing(() => this.insert(turn));
      if (!error) {
        this.summaries.added([turn]);
        return true;
      }
      if (!isDatabaseUnavailable(error)) {
        this.logger.error(`turn ${turn.message_id} refused by the database: ${error.message}`);
        return false;
      }
      this.holding = true;
      this.logger.warn(`database unavailable, holding turns for later: ${error.message}`);
    }
    return this.hold(turn);
  }

  /** Writes what the outbox holds, if the database takes it. Also runs on an interval. */
  drainOnce(): Promise<void> {
    this.draining ??= this.drain().finally(() => (this.draining = undefined));
    return this.draining;
  }

  private async hold(turn: ConversationRecord): Promise<boolean> {
    const held = await this.outbox.add(turn);
    if (!held) {
      this.metrics.outboxDropped();
      this.logger.error(`turn ${turn.message_id} lost: the outbox cannot hold it`);
    }
    await this.reportOutboxSize();
    return false;
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        const written = await this.outbox.drain(MAX_BATCH_TURNS, (turns) => this.writeHeld(turns));
        if (written === undefined) return; // another instance is draining
        if (written < MAX_BATCH_TURNS) break;
      }
      if (this.holding) this.logger.log('database back: held turns written');
      this.holding = false;
    } catch (error) {
      if (!this.holding) this.holding = isDatabaseUnavailable(error);
      // The next drain sends the same turns: not while the database still runs this one.
      await afterAbandonedCall(error);
    } finally {
      await this.reportOutboxSize();
    }
  }

  /**
   * Held turns: written in one insert; those already stored (a retried batch) count as
   * written. Turns of a room erased meanwhile (a permanent delete, a user's erasure) are
   * dropped: the erasure must not be undone by a late write.
   */
  private async writeHeld(held: ConversationRecord[]): Promise<void> {
    const rooms = await this.rooms.existing([...new Set(held.map((turn) => turn.room_id))]);
    const turns = held.filter((turn) => rooms.has(turn.room_id));
    if (turns.length === 0) return;
    const outcomes = await this.conversations.insertMany(turns);
    for (const [index, error] of outcomes.entries()) {
      if (error)
        this.logger.error(
          `held turn ${turns[index].message_id} refused by the database: ${error.message}`,
        );
    }
    // Whether an earlier attempt had added them is unknown: a recount is exact either way.
    for (const turn of turns) void this.summaries.recount(asUserId(turn.user_id), turn.room_id);
  }

  private async reportOutboxSize(): Promise<void> {
    try {
      this.metrics.outboxSize(await this.outbox.size());
    } catch {
      // The size is only a gauge; the outbox itself reports its failures.
    }
  }

  /** Group commit: resolves with null once the turn is stored, or the error that kept it out. */
  private insert(turn: ConversationRecord): Promise<Error | null> {
    return new Promise((done) => {
      this.queue.push({ turn, done });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < MAX_INSERTS_IN_FLIGHT && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH_TURNS);
      this.inFlight += 1;
      void this.conversations
        .insertMany(batch.map((waiting) => waiting.turn))
        .then(
          (outcomes) => batch.forEach((waiting, index) => waiting.done(outcomes[index])),
          (error: Error) => {
            batch.forEach((waiting) => waiting.done(error));
            // The turns' callers have their answer; the slot stays taken while the insert
            // the deadline gave up on still runs, so the database never has more than
            // MAX_INSERTS_IN_FLIGHT of them at once.
            return afterAbandonedCall(error);
          },
        )
        .finally(() => {
          this.inFlight -= 1;
          this.pump();
        });
    }
  }
}
