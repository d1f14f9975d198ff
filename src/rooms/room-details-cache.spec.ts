import type { ConfigService } from '@nestjs/config';
import { asUserId } from '../common/auth/user-id';
import type { Env } from '../config/env.schema';
import { ClusterBus } from '../redis/cluster-bus';
import { ROOM_DETAILS_TTL_MS, RoomDetailsCache, type RoomDetails } from './room-details-cache';
import type { RoomsRepository } from './rooms.repository';

const owner = asUserId('user_a');
const config = { get: () => 'test:' } as unknown as ConfigService<Env, true>;

/** A rooms repository holding one room, counting its reads; a read can be held open. */
function roomsHolding(details: RoomDetails) {
  const state = { reads: 0, room: details, hold: undefined as Promise<void> | undefined };
  const rooms = {
    findLive: async (user: string, roomId: string) => {
      state.reads += 1;
      const room = state.room;
      await state.hold;
      return user === owner && roomId === 'room_1' ? room : null;
    },
  } as unknown as RoomsRepository;
  return { rooms, state };
}

function cacheWith(details: RoomDetails) {
  const bus = new ClusterBus(null, config);
  const { rooms, state } = roomsHolding(details);
  const cache = new RoomDetailsCache(rooms, bus);
  cache.onModuleInit();
  return { cache, state };
}

const first = { room_name: 'Diet', metadata: {} };
const renamed = { room_name: 'Diet and fluids', metadata: {} };

describe('RoomDetailsCache', () => {
  afterEach(() => jest.useRealTimers());

  it('reads a room once, then serves it until its bound passes', async () => {
    jest.useFakeTimers({ now: 0 });
    const { cache, state } = cacheWith(first);
    await expect(cache.get(owner, 'room_1')).resolves.toEqual(first);
    jest.setSystemTime(ROOM_DETAILS_TTL_MS - 1);
    await expect(cache.get(owner, 'room_1')).resolves.toEqual(first);
    expect(state.reads).toBe(1);
    jest.setSystemTime(ROOM_DETAILS_TTL_MS);
    await cache.get(owner, 'room_1');
    expect(state.reads).toBe(2);
  });

  it('reads again after a change notice', async () => {
    const { cache, state } = cacheWith(first);
    await cache.get(owner, 'room_1');
    state.room = renamed;
    cache.changed('room_1');
    await expect(cache.get(owner, 'room_1')).resolves.toEqual(renamed);
    expect(state.reads).toBe(2);
  });

  it('never serves a room to another user, nor a missing one', async () => {
    const { cache } = cacheWith(first);
    await cache.get(owner, 'room_1');
    await expect(cache.get(asUserId('user_b'), 'room_1')).rejects.toMatchObject({
      code: 'ROOM_NOT_FOUND',
    });
    await expect(cache.get(owner, 'room_2')).rejects.toMatchObject({ code: 'ROOM_NOT_FOUND' });
  });

  it('does not keep a read that a change notice overtook', async () => {
    const { cache, state } = cacheWith(first);
    let release!: () => void;
    state.hold = new Promise((resolve) => (release = resolve));
    const reading = cache.get(owner, 'room_1');
    // The rename lands and its notice arrives while the old name is on its way back.
    state.room = renamed;
    cache.changed('room_1');
    release();
    await expect(reading).resolves.toEqual(first);
    state.hold = undefined;
    await expect(cache.get(owner, 'room_1')).resolves.toEqual(renamed);
    expect(state.reads).toBe(2);
  });

  it("forgets an erased owner's rooms", async () => {
    const { cache, state } = cacheWith(first);
    await cache.get(owner, 'room_1');
    cache.ownerGone(owner);
    await cache.get(owner, 'room_1');
    expect(state.reads).toBe(2);
  });
});
