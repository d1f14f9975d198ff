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

/** How long a room's details are trusted without a notice that it changed. */
const ROOM_DETAILS_TTL_MS = 30_000;
/** Rooms remembered at most; the oldest go first. */
const ROOM_DETAILS_MAX = 20_000;
export const ROOM_CHANGED = 'room-changed';
const OWNER_GONE = 'room-owner-gone';

interface Cached {
  owner: string;
  details: RoomDetails;
  expiresAt: number;
}

/**
 * The name and metadata of live rooms, for the chat's critical path: a new message needs
 * no database read when its room was read lately (creating the session reads it). A
 * rename, a metadata change or a delete drops the entry on every instance at once
 * (ClusterBus); a notice lost while Redis was down is bounded by ROOM_DETAILS_TTL_MS.
 * The summary fields (message_count, last_message) are never cached: they change with
 * every turn and are always read from the database.
 */
@Injectable()
export class RoomDetailsCache implements OnModuleInit {
  private readonly entries = new Map<string, Cached>();

  constructor(
    private readonly rooms: RoomsRepository,
    private readonly bus: ClusterBus,
  ) {}

  onModuleInit(): void {
    this.bus.on(ROOM_CHANGED, ({ room_id }) => this.entries.delete(room_id));
    this.bus.on(OWNER_GONE, ({ owner }) => {
      for (const [roomId, cached] of this.entries)
        if (cached.owner === owner) this.entries.delete(roomId);
    });
  }

  /** The live room's details, or ROOM_NOT_FOUND (another user's room too). */
  async get(owner: UserId, roomId: string): Promise<RoomDetails> {
    const cached = this.entries.get(roomId);
    if (cached && cached.owner === owner && cached.expiresAt > Date.now()) return cached.details;
    const room = await this.rooms.findLive(owner, roomId);
    if (!room) throw new RoomNotFound(roomId);
    this.remember(owner, roomId, room);
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
      expiresAt: Date.now() + ROOM_DETAILS_TTL_MS,
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
