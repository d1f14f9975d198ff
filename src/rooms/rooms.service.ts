import { randomInt, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { UserId } from '../common/auth/user-id';
import {
  DatabaseUnavailable,
  RoomLimitExceeded,
  RoomNotFound,
  ValidationFailed,
} from '../common/errors/domain-error';
import { pageOf } from '../common/http/pagination.dto';
import { RateLimiter, userTracker } from '../common/rate-limit/rate-limiter';
import type { Env } from '../config/env.schema';
import { Metrics } from '../metrics/metrics';
import { RoomDetailsCache, type RoomDetails } from './room-details-cache';
import { ROOM_DELETING, ROOM_ERASING, type RoomGoing } from './room-events';
import { applyMetadataChange, assertValidMetadata, normalizeRoomName } from './room-rules';
import { RoomsRepository, type RoomListQuery, type RoomRecord } from './rooms.repository';
import { toRoomView, type RoomView } from './room.view';

/** Tries to win a free quota slot; each loss means another create took that slot first. */
const CREATE_ATTEMPTS_PER_SLOT = 3;
/** Rename and metadata edits retry this often when a concurrent edit moved the revision. */
const UPDATE_ATTEMPTS = 5;

export interface CreateRoomInput {
  room_name?: string;
  metadata?: Record<string, unknown>;
}

export interface UpdateRoomInput {
  room_name?: string;
  metadata?: Record<string, unknown>;
  metadata_mode?: 'merge' | 'replace';
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}

@Injectable()
export class RoomsService {
  constructor(
    private readonly rooms: RoomsRepository,
    private readonly config: ConfigService<Env, true>,
    private readonly metrics: Metrics,
    private readonly events: EventEmitter2,
    private readonly rateLimits: RateLimiter,
    private readonly details: RoomDetailsCache,
  ) {}

  /**
   * Creates a room while holding the per-user limit under concurrency: each live room
   * occupies one of `MAX_ROOMS_PER_USER` quota slots, and a unique index lets only one
   * of two racing creates take a slot. Only a valid request spends the creation budget.
   */
  async create(owner: UserId, input: CreateRoomInput): Promise<RoomView> {
    const roomName = normalizeRoomName(input.room_name);
    const metadata = input.metadata ?? {};
    assertValidMetadata(metadata);
    await this.rateLimits.consume('room-create', userTracker(owner));
    const limit = this.config.get('MAX_ROOMS_PER_USER', { infer: true });

    for (let attempt = 0; attempt < limit * CREATE_ATTEMPTS_PER_SLOT; attempt += 1) {
      const taken = new Set(await this.rooms.liveQuotaSlots(owner));
      const free: string[] = [];
      for (let slot = 0; slot < limit; slot += 1) {
        const key = `${owner}#${slot}`;
        if (!taken.has(key)) free.push(key);
      }
      if (free.length === 0 || taken.size >= limit) throw new RoomLimitExceeded(limit);

      const now = new Date();
      const room: RoomRecord = {
        room_id: `room_${randomUUID()}`,
        user_id: owner,
        room_name: roomName,
        created_at: now,
        updated_at: now,
        last_activity: now,
        message_count: 0,
        metadata,
        last_message: null,
        is_deleted: false,
        deleted_at: null,
        // A random free slot keeps racing creates from all aiming at the same one.
        quota_slot: free[randomInt(free.length)],
        revision: 0,
      };
      if (await this.rooms.insertIfSlotFree(room)) {
        this.metrics.roomCreated();
        this.details.remember(owner, room.room_id, room);
        return toRoomView(room);
      }
    }
    throw new DatabaseUnavailable();
  }

  async list(owner: UserId, query: RoomListQuery): Promise<Page<RoomView>> {
    const { items, total } = await this.rooms.listLive(owner, query);
    return { items: items.map(toRoomView), total, ...pageOf(query) };
  }

  async get(owner: UserId, roomId: string): Promise<RoomView> {
    return toRoomView(await this.findOrThrow(owner, roomId));
  }

  /**
   * What a prompt needs of a live room of the owner (ROOM_NOT_FOUND otherwise), from the
   * details cache when the room was read lately: the chat's critical path reads no room.
   */
  promptDetails(owner: UserId, roomId: string): Promise<RoomDetails> {
    return this.details.get(owner, roomId);
  }

  /** `loaded` is the room as the request's guard read it: the first attempt starts from it. */
  async update(owner: UserId, loaded: RoomRecord, input: UpdateRoomInput): Promise<RoomView> {
    const roomId = loaded.room_id;
    if (input.room_name === undefined && input.metadata === undefined) {
      throw new ValidationFailed([
        { field: 'room_name', reason: 'give room_name or metadata to change' },
      ]);
    }
    if (input.metadata_mode !== undefined && input.metadata === undefined) {
      throw new ValidationFailed([
        { field: 'metadata_mode', reason: 'only applies with metadata' },
      ]);
    }
    const roomName = input.room_name === undefined ? undefined : normalizeRoomName(input.room_name);
    // The change itself must be clean too: a refused key sent as null would otherwise vanish in the merge.
    if (input.metadata !== undefined) assertValidMetadata(input.metadata);

    let current = loaded;
    for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt += 1) {
      if (attempt > 0) current = await this.findOrThrow(owner, roomId);
      const changes: { room_name?: string; metadata?: Record<string, unknown> } = {};
      if (roomName !== undefined) changes.room_name = roomName;
      if (input.metadata !== undefined) {
        changes.metadata = applyMetadataChange(
          current.metadata,
          input.metadata,
          input.metadata_mode ?? 'merge',
        );
        assertValidMetadata(changes.metadata);
      }
      const updated = await this.rooms.updateAtRevision(
        owner,
        roomId,
        current.revision,
        changes,
        new Date(),
      );
      if (updated) {
        this.details.changed(roomId);
        return toRoomView(updated);
      }
    }
    throw new DatabaseUnavailable();
  }

  /**
   * Soft delete keeps the room and its history but hides it and frees its slot;
   * `permanent` erases the room and every stored turn of it (right to erasure). Either
   * way its running streams end first, on every instance, with their partials stored, so
   * an erasure leaves no turn behind. The modules that own streams and turns act on the
   * ROOM_DELETING and ROOM_ERASING events.
   */
  async delete(
    owner: UserId,
    room: RoomRecord,
    permanent: boolean,
  ): Promise<{ room_id: string; permanent: boolean; conversations_deleted: number }> {
    const going: RoomGoing = { owner, roomId: room.room_id };
    if (!permanent) {
      if (room.is_deleted || !(await this.rooms.softDelete(owner, room.room_id, new Date())))
        throw new RoomNotFound(room.room_id);
      // After the write: a read racing with it cannot put the live room back.
      this.details.changed(room.room_id);
      await this.events.emitAsync(ROOM_DELETING, going);
      return { room_id: room.room_id, permanent, conversations_deleted: 0 };
    }
    await this.events.emitAsync(ROOM_DELETING, going);
    // Turns first: if the process dies in between, the room is still there to erase again.
    const erased = (await this.events.emitAsync(ROOM_ERASING, going)) as unknown[];
    await this.rooms.erase(owner, room.room_id);
    this.details.changed(room.room_id);
    const conversationsDeleted = erased.reduce<number>(
      (sum, count) => sum + (typeof count === 'number' ? count : 0),
      0,
    );
    return { room_id: room.room_id, permanent, conversations_deleted: conversationsDeleted };
  }

  private async findOrThrow(owner: UserId, roomId: string): Promise<RoomRecord> {
    const room = await this.rooms.findLive(owner, roomId);
    if (!room) throw new RoomNotFound(roomId);
    return room;
  }
}
