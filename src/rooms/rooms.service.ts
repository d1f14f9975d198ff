import { randomInt, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
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
import { ConversationRepository, type PageRequest } from '../conversations/conversation.repository';
import { Metrics } from '../metrics/metrics';
import { StreamRegistry } from '../streams/stream-registry';
import { applyMetadataChange, assertValidMetadata, normalizeRoomName } from './room-rules';
import { RoomsRepository, type RoomListQuery, type RoomRecord } from './rooms.repository';
import type { ConversationView, RoomView } from './room.view';
import { toConversationView, toRoomView } from './room.view';

/** Tries to win a free quota slot; each loss means another create took that slot first. */
const CREATE_ATTEMPTS_PER_SLOT = 3;
/** Rename and metadata edits retry this often when a concurrent edit moved the revision. */
const UPDATE_ATTEMPTS = 5;
/** A summary refresh re-reads this often while concurrent turns keep changing the count. */
const SUMMARY_ATTEMPTS = 10;

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
    private readonly conversations: ConversationRepository,
    private readonly config: ConfigService<Env, true>,
    private readonly metrics: Metrics,
    private readonly streams: StreamRegistry,
    private readonly rateLimits: RateLimiter,
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

  async update(owner: UserId, roomId: string, input: UpdateRoomInput): Promise<RoomView> {
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

    for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt += 1) {
      const current = await this.findOrThrow(owner, roomId);
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
      if (updated) return toRoomView(updated);
    }
    throw new DatabaseUnavailable();
  }

  /**
   * Soft delete keeps the room and its history but hides it and frees its slot;
   * `permanent` erases the room and every stored turn of it (right to erasure).
   */
  async delete(
    owner: UserId,
    roomId: string,
    permanent: boolean,
  ): Promise<{ room_id: string; permanent: boolean; conversations_deleted: number }> {
    if (!permanent) {
      if (!(await this.rooms.softDelete(owner, roomId, new Date()))) throw new RoomNotFound(roomId);
      await this.streams.stopRoom(owner, roomId, 'room_deleted');
      return { room_id: roomId, permanent, conversations_deleted: 0 };
    }
    if (!(await this.rooms.existsAnyState(owner, roomId))) throw new RoomNotFound(roomId);
    // A stream still answering would store its turn after the erasure: end it (and let its
    // partial be stored) first, so the erasure below takes it too.
    await this.streams.stopRoom(owner, roomId, 'room_deleted');
    // Turns first: if the process dies in between, the room is still there to erase again.
    const conversationsDeleted = await this.conversations.eraseRoom(owner, roomId);
    await this.rooms.erase(owner, roomId);
    return { room_id: roomId, permanent, conversations_deleted: conversationsDeleted };
  }

  async history(owner: UserId, roomId: string, page: PageRequest): Promise<Page<ConversationView>> {
    await this.findOrThrow(owner, roomId);
    const { items, total } = await this.conversations.pageForOwner(owner, { roomId }, page);
    return { items: items.map(toConversationView), total, ...pageOf(page) };
  }

  /**
   * Recomputes message_count, last_activity and last_message from the stored turns.
   * Derived from conversation_history rather than kept with $inc, so it is exact on
   * any engine: after writing, the count is read again, and a refresh that raced
   * with another turn writes again until what it wrote is what is stored.
   */
  async refreshSummary(owner: UserId, roomId: string): Promise<void> {
    for (let attempt = 0; attempt < SUMMARY_ATTEMPTS; attempt += 1) {
      const { count, newest } = await this.conversations.roomSummary(owner, roomId);
      const lastActivity =
        newest?.timestamp ?? (await this.rooms.findLive(owner, roomId))?.created_at ?? new Date();
      await this.rooms.setSummary(owner, roomId, {
        message_count: count,
        last_activity: lastActivity,
        last_message: newest && {
          user_input: newest.user_input,
          agent_response: newest.agent_response,
          agent_type: newest.agent_type,
          timestamp: newest.timestamp,
        },
      });
      if ((await this.conversations.countForRoom(owner, roomId)) === count) return;
    }
  }

  private async findOrThrow(owner: UserId, roomId: string): Promise<RoomRecord> {
    const room = await this.rooms.findLive(owner, roomId);
    if (!room) throw new RoomNotFound(roomId);
    return room;
  }
}
