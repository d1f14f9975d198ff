import type { UserId } from '../common/auth/user-id';

/**
 * What the rooms module announces when a room goes away, so the modules above it act
 * without rooms knowing them. Emitted with `emitAsync` and awaited, in this order:
 * - ROOM_DELETING: its running streams must end now (their partials are stored);
 * - ROOM_ERASING (permanent delete only): its stored turns must be erased; the listener
 *   answers how many.
 */
export const ROOM_DELETING = 'room.deleting';
export const ROOM_ERASING = 'room.erasing';

export interface RoomGoing {
  owner: UserId;
  roomId: string;
}
