import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { UserId } from '../common/auth/user-id';
import { RoomNotFound } from '../common/errors/domain-error';
import { ClusterBus } from '../redis/cluster-bus';
import { RoomsRepository } from './rooms.repository';

/** What a prompt needs of a live room. */
export interface RoomDetails {
  room_name: string;
  metadata: Record<string, unknown>;
}

/**
 * How long a room's details are trusted while every change notice reaches this instance
 * (ClusterBus.complete): the bound for the one loss the bus cannot see, a peer that died
 * before it could send its notice.
 */
export const ROOM_DETAILS_TTL_MS = 10 * 60_000;
/** How long they are trusted while notices may be missed (Redis unreachable). */
export const ROOM_DETAILS_UNSURE_TTL_MS = 30_000;
/** Rooms remembered at most; the oldest go first. */
const ROOM_DETAILS_MAX = 20_000;
export const ROOM_CHANGED = 'room-changed';
const OWNER_GONE = 'room-owner-gone';

interface Cached {
  owner: string;
  details: RoomDetails;
  readAt: number;
}

/**
 * The name and metadata of live rooms, for the chat's critical path: a new message needs
 * no database read when its room was read lately (creating the room or the session reads
 * it). A rename, a metadata change or a delete drops the entry on every instance at once
 * (ClusterBus). When notices may have been missed (this instance lost Redis, or a peer
 * could not send), every entry is dropped, and until the bus is whole again entries are
 * trusted for ROOM_DETAILS_UNSURE_TTL_MS only. A read that a notice overtook is not kept:
 * it may hold what the notice invalidated.
 * The summary fields (message_count, last_message) are never cached: they change with
 * every turn and are always read from the database.
 */
@Injectable()
export class RoomDetailsCache implements OnModuleInit {
  private readonly entries = new Map<string, Cached>();
  /** Counts notices; a read that began before the latest one is used but not kept. */
  private notices = 0;

  constructor(
    private readonly rooms: RoomsRepository,
    private readonly bus: ClusterBus,
  ) {}

  onModuleInit(): void {
    this.bus.on(ROOM_CHANGED, ({ room_id }) => {
      this.notices += 1;
      this.entries.delete(room_id);
    });
    this.bus.on(OWNER_GONE, ({ owner }) => {
      this.notices += 1;
      for (const [roomId, cached] of this.entries)
        if (cached.owner === owner) this.entries.delete(roomId);
    });
    this.bus.onMissed(() => {
      this.notices += 1;
      this.entries.clear();
    });
  }

  /** The live room's details, or ROOM_NOT_FOUND (another user's room too). */
  async get(owner: UserId, roomId: string): Promise<RoomDetails> {
    const cached = this.entries.get(roomId);
    const ttl = this.bus.complete ? ROOM_DETAILS_TTL_MS : ROOM_DETAILS_UNSURE_TTL_MS;
    if (cached && cached.owner === owner && Date.now() - cached.readAt < ttl) return cached.details;
    const noticesBefore = this.notices;
    const room = await this.rooms.findLive(owner, roomId);
    if (!room) throw new RoomNotFound(roomId);
    if (this.notices === noticesBefore) this.remember(owner, roomId, room);
    return room;
  }

  remember(owner: UserId, roomId: string, room: RoomDetails): void {
    const key = roomId;
    this.entries.delete(key);
    if (this.entries.size >= ROOM_DETAILS_MAX) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, {
      owner,
      details: { room_name: room.room_name, metadata: room.metadata },
      readAt: Date.now(),
    });
  }

  /** The room was renamed, changed or deleted (by its owner, retention or an admin): every instance forgets it. */
  changed(roomId: string): void {
    this.bus.publish(ROOM_CHANGED, { room_id: roomId });
  }

  /** Every room of a user is gone (erasure): every instance forgets them. */
  ownerGone(owner: UserId): void {
    this.bus.publish(OWNER_GONE, { owner });
  }
}
