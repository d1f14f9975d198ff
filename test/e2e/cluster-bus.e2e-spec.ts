import type { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';
import { asUserId } from '../../src/common/auth/user-id';
import type { Env } from '../../src/config/env.schema';
import { ClusterBus } from '../../src/redis/cluster-bus';
import { RoomDetailsCache } from '../../src/rooms/room-details-cache';
import type { RoomsRepository } from '../../src/rooms/rooms.repository';
import { eventually } from '../support/factories';
import { OwnRedis } from '../support/redis-server';

const config = { get: () => 'bus-test:' } as unknown as ConfigService<Env, true>;
const owner = asUserId('user_a');

/** An instance's bus as the app builds it: commands fail fast while Redis is away. */
function instanceBus(url: string) {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  redis.on('error', () => undefined);
  const bus = new ClusterBus(redis, config);
  bus.onModuleInit();
  const received: string[] = [];
  let missed = 0;
  bus.on('room-changed', ({ room_id }) => received.push(room_id));
  bus.onMissed(() => (missed += 1));
  return {
    bus,
    received,
    missed: () => missed,
    close() {
      bus.onApplicationShutdown();
      redis.disconnect();
    },
  };
}

/**
 * The cluster bus over a Redis of the test's own, killed and restarted: the room details
 * cache may trust its entries for minutes only because the bus says when a change notice
 * could have been missed, and sends again the notices Redis refused.
 */
describe('cluster notices across a Redis restart', () => {
  const redis = new OwnRedis();
  let a: ReturnType<typeof instanceBus>;
  let b: ReturnType<typeof instanceBus>;

  beforeAll(async () => {
    await redis.start();
    a = instanceBus(redis.url);
    b = instanceBus(redis.url);
    await eventually(() => (a.bus.complete && b.bus.complete) || undefined);
  });

  afterAll(async () => {
    a.close();
    b.close();
    await redis.stop();
  });

  it('delivers a notice to the other instance, and once to its sender', async () => {
    a.bus.publish('room-changed', { room_id: 'room_1' });
    await eventually(() => (b.received.includes('room_1') ? true : undefined));
    expect(a.received.filter((room) => room === 'room_1')).toHaveLength(1);
  });

  it('says notices may be missed while Redis is away, and sends the refused ones when it is back', async () => {
    const reads = { count: 0 };
    const rooms = {
      findLive: () => {
        reads.count += 1;
        return Promise.resolve({ room_name: 'Diet', metadata: {} });
      },
    } as unknown as RoomsRepository;
    const cache = new RoomDetailsCache(rooms, b.bus);
    cache.onModuleInit();
    await cache.get(owner, 'room_1');
    await cache.get(owner, 'room_1');
    expect(reads.count).toBe(1);
    const missedBefore = b.missed();

    await redis.kill();
    await eventually(() => (!a.bus.complete && !b.bus.complete) || undefined);
    // Whatever b cached may be stale from now on: it was dropped.
    expect(b.missed()).toBe(missedBefore + 1);
    await cache.get(owner, 'room_1');
    expect(reads.count).toBe(2);
    a.bus.publish('room-changed', { room_id: 'room_2' });
    expect(a.received).toContain('room_2');

    await redis.start();
    await eventually(() => (a.bus.complete && b.bus.complete) || undefined, 15_000);
    expect(b.missed()).toBe(missedBefore + 2);
    // The notice Redis refused reaches b once Redis is back.
    await eventually(() => (b.received.includes('room_2') ? true : undefined), 5_000);
    await cache.get(owner, 'room_1');
    await cache.get(owner, 'room_1');
    expect(reads.count).toBe(3);
  });
});
