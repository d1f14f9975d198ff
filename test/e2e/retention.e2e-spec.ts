import { randomUUID } from 'node:crypto';
import { SchedulerRegistry } from '@nestjs/schedule';
import type Redis from 'ioredis';
import request from 'supertest';
import { JOB_LEASE, type JobLease } from '../../src/leases/job-lease';
import { REDIS_CLIENT } from '../../src/redis/redis.module';
import { RoomRetention } from '../../src/retention/room-retention';
import { createRoom, createSession, eventually, newUserId } from '../support/factories';
import { openSse } from '../support/sse-client';
import { startTestApp, type TestApp } from '../support/test-app';

const DAY_MS = 24 * 3_600_000;

/** Retention runs across all users: each suite gets a database of its own. */
function ownDatabase(): string {
  return `careguide_retention_${randomUUID().slice(0, 8)}`;
}

function daysAgo(days: number): Date {
  return new Date(Date.now() - days * DAY_MS);
}

async function metric(t: TestApp, name: string): Promise<number> {
  const text = (await request(t.url).get('/metrics').expect(200)).text;
  const line = text.split('\n').find((row) => row.startsWith(`${name} `));
  return Number(line?.split(' ')[1] ?? NaN);
}

/** A stream in the session, stopped after a few words: a stored `cancelled` turn. */
async function storedTurn(t: TestApp, user: string, sessionId: string): Promise<void> {
  const stream = await openSse(`${t.url}/api/chat/message`, {
    body: { user_id: user, session_id: sessionId, message: 'what about phosphorus?' },
  });
  await stream.next();
  await stream.next();
  await request(t.url).post(`/api/session/${sessionId}/stop`).send({ user_id: user }).expect(200);
  await stream.rest();
}

describe('room retention', () => {
  let t: TestApp;
  const database = ownDatabase();
  const rooms = () => t.db.collection('chat_rooms');
  const turns = () => t.db.collection('conversation_history');
  const retention = () => t.app.get(RoomRetention);

  beforeAll(async () => {
    t = await startTestApp({
      MONGODB_DB_NAME: database,
      MAX_ROOMS_PER_USER: '3',
      ROOM_INACTIVE_DAYS: '30',
      ROOM_PURGE_AFTER_DAYS: '7',
      ROOM_RETENTION_BATCH_SIZE: '2',
      SIMULATED_LLM_DELAY_MS: '10',
      SIMULATED_LLM_WORDS: '2000',
    });
  });
  afterAll(async () => {
    await t.db.dropDatabase();
    await t.close();
  });

  it('soft-deletes rooms inactive for ROOM_INACTIVE_DAYS, in batches, freeing their slots and keeping their history', async () => {
    const user = newUserId();
    const [first, second, recent] = [
      await createRoom(t.url, user, { room_name: 'old one' }),
      await createRoom(t.url, user, { room_name: 'old two' }),
      await createRoom(t.url, user, { room_name: 'recent' }),
    ];
    const sessionId = await createSession(t.url, user, first.room_id);
    await storedTurn(t, user, sessionId);
    const bystander = newUserId();
    const theirs = await createRoom(t.url, bystander);
    await request(t.url).post('/api/rooms').send({ user_id: user }).expect(400);
    await rooms().updateMany(
      { room_id: { $in: [first.room_id, second.room_id, theirs.room_id] } },
      { $set: { last_activity: daysAgo(40) } },
    );
    await rooms().updateOne({ room_id: recent.room_id }, { $set: { last_activity: daysAgo(29) } });
    const retiredBefore = await metric(t, 'rooms_retired_total');

    const run = await retention().run();

    expect(run).toMatchObject({ ran: true, retired: 3, purged: 0, skippedStreaming: 0 });
    expect(await metric(t, 'rooms_retired_total')).toBe(retiredBefore + 3);
    const listed = await request(t.url).get(`/api/rooms?user_id=${user}`).expect(200);
    expect(
      (listed.body as { data: { rooms: { room_id: string }[] } }).data.rooms.map(
        (room) => room.room_id,
      ),
    ).toEqual([recent.room_id]);
    const retired = await rooms().findOne({ room_id: first.room_id });
    expect(retired).toMatchObject({ is_deleted: true, quota_slot: first.room_id });
    expect((retired?.deleted_at as Date).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await turns().countDocuments({ room_id: first.room_id })).toBe(1);
    await request(t.url).get(`/api/rooms/${first.room_id}?user_id=${user}`).expect(404);
    // Two slots were freed: two creates fit again, the third does not.
    await createRoom(t.url, user);
    await createRoom(t.url, user);
    const refused = await request(t.url).post('/api/rooms').send({ user_id: user }).expect(400);
    expect(refused.body).toMatchObject({ error_code: 'ROOM_LIMIT_EXCEEDED' });
  });

  it('leaves an old room alone while a stream runs in it', async () => {
    const user = newUserId();
    const room = await createRoom(t.url, user);
    const sessionId = await createSession(t.url, user, room.room_id);
    await rooms().updateOne({ room_id: room.room_id }, { $set: { last_activity: daysAgo(45) } });
    const stream = await openSse(`${t.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message: 'back after a while' },
    });
    await stream.next();

    const run = await retention().run();

    expect(run).toMatchObject({ ran: true, retired: 0, skippedStreaming: 1 });
    expect(await rooms().findOne({ room_id: room.room_id })).toMatchObject({ is_deleted: false });
    await request(t.url).post(`/api/session/${sessionId}/stop`).send({ user_id: user }).expect(200);
    await stream.rest();
    // The stored turn is new activity: the room is no longer a candidate.
    expect(await retention().run()).toMatchObject({ ran: true, retired: 0, skippedStreaming: 0 });
  });

  it('erases rooms soft-deleted more than ROOM_PURGE_AFTER_DAYS ago with their history, and nothing else', async () => {
    const user = newUserId();
    const long = await createRoom(t.url, user, { room_name: 'deleted long ago' });
    const lately = await createRoom(t.url, user, { room_name: 'deleted lately' });
    const live = await createRoom(t.url, user, { room_name: 'live' });
    for (const room of [long, lately, live]) {
      await storedTurn(t, user, await createSession(t.url, user, room.room_id));
    }
    for (const room of [long, lately]) {
      await request(t.url).delete(`/api/rooms/${room.room_id}?user_id=${user}`).expect(200);
    }
    await rooms().updateOne({ room_id: long.room_id }, { $set: { deleted_at: daysAgo(10) } });
    await rooms().updateOne({ room_id: lately.room_id }, { $set: { deleted_at: daysAgo(2) } });
    const purgedBefore = await metric(t, 'rooms_purged_total');

    const run = await retention().run();

    expect(run).toMatchObject({ ran: true, retired: 0, purged: 1, conversationsPurged: 1 });
    expect(await metric(t, 'rooms_purged_total')).toBe(purgedBefore + 1);
    expect(await rooms().findOne({ room_id: long.room_id })).toBeNull();
    expect(await turns().countDocuments({ room_id: long.room_id })).toBe(0);
    expect(await rooms().findOne({ room_id: lately.room_id })).toMatchObject({ is_deleted: true });
    expect(await turns().countDocuments({ room_id: lately.room_id })).toBe(1);
    expect(await rooms().findOne({ room_id: live.room_id })).toMatchObject({ is_deleted: false });
    expect(await turns().countDocuments({ room_id: live.room_id })).toBe(1);
  });
});

describe('room retention switched off or on its own schedule', () => {
  const database = ownDatabase();
  const apps: TestApp[] = [];
  afterAll(async () => {
    await apps[0]?.db.dropDatabase();
    for (const app of apps) await app.close();
  });

  it('does nothing with ROOM_INACTIVE_DAYS=0 and ROOM_PURGE_AFTER_DAYS=0', async () => {
    const t = await startTestApp({
      MONGODB_DB_NAME: database,
      ROOM_INACTIVE_DAYS: '0',
      ROOM_PURGE_AFTER_DAYS: '0',
    });
    apps.push(t);
    const room = await createRoom(t.url, newUserId());
    await t.db
      .collection('chat_rooms')
      .updateOne({ room_id: room.room_id }, { $set: { last_activity: daysAgo(400) } });
    expect(await t.app.get(RoomRetention).run()).toMatchObject({ ran: false });
    expect(t.app.get(SchedulerRegistry).doesExist('interval', 'room-retention')).toBe(false);
    expect(await t.db.collection('chat_rooms').findOne({ room_id: room.room_id })).toMatchObject({
      is_deleted: false,
    });
  });

  it('runs by itself every ROOM_RETENTION_INTERVAL_MS', async () => {
    const t = await startTestApp({
      MONGODB_DB_NAME: database,
      ROOM_INACTIVE_DAYS: '30',
      ROOM_RETENTION_INTERVAL_MS: '1000',
    });
    apps.push(t);
    const room = await createRoom(t.url, newUserId());
    await t.db
      .collection('chat_rooms')
      .updateOne({ room_id: room.room_id }, { $set: { last_activity: daysAgo(31) } });
    await eventually(async () => {
      const stored = await t.db.collection('chat_rooms').findOne({ room_id: room.room_id });
      return stored?.is_deleted === true ? true : undefined;
    }, 10_000);
  });
});

describe.each([
  ['MongoDB', {}],
  ['Redis', { REDIS_URL: 'redis://127.0.0.1:6379' }],
])('room retention on two instances, lease in %s', (_store, extraEnv: Record<string, string>) => {
  const database = ownDatabase();
  let a: TestApp;
  let b: TestApp;
  const env = {
    MONGODB_DB_NAME: database,
    ROOM_INACTIVE_DAYS: '30',
    ROOM_RETENTION_BATCH_SIZE: '3',
    ...extraEnv,
  };

  beforeAll(async () => {
    a = await startTestApp(env);
    b = await startTestApp(env);
  });
  afterAll(async () => {
    await b.db.dropDatabase();
    await a.close();
    await b.close();
  });

  async function oldRooms(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const user = newUserId();
      ids.push((await createRoom(a.url, user)).room_id);
    }
    await a.db
      .collection('chat_rooms')
      .updateMany({ room_id: { $in: ids } }, { $set: { last_activity: daysAgo(60) } });
    return ids;
  }

  it('runs on one instance at a time, which keeps the lease for the interval', async () => {
    const ids = await oldRooms(7);
    // Both apps live in this process and share one metrics registry: count the change.
    const retiredBefore = await metric(a, 'rooms_retired_total');
    const [onA, onB] = await Promise.all([
      a.app.get(RoomRetention).run(),
      b.app.get(RoomRetention).run(),
    ]);

    expect([onA.ran, onB.ran].filter(Boolean)).toHaveLength(1);
    expect(onA.retired + onB.retired).toBe(7);
    expect(await metric(a, 'rooms_retired_total')).toBe(retiredBefore + 7);
    expect(
      await a.db
        .collection('chat_rooms')
        .countDocuments({ room_id: { $in: ids }, is_deleted: true }),
    ).toBe(7);

    const [holder, other] = onA.ran ? [a, b] : [b, a];
    await oldRooms(2);
    expect(await other.app.get(RoomRetention).run()).toMatchObject({ ran: false });
    expect(await holder.app.get(RoomRetention).run()).toMatchObject({ ran: true, retired: 2 });
  });

  it('hands the lease over when its holder shuts down', async () => {
    const leaseA = a.app.get<JobLease>(JOB_LEASE);
    const leaseB = b.app.get<JobLease>(JOB_LEASE);
    const aHolds = await leaseA.acquire('room-retention', 3_600_000);
    const [holder, other] = aHolds ? [a, b] : [b, a];
    expect(await (aHolds ? leaseB : leaseA).acquire('room-retention', 3_600_000)).toBe(false);
    await oldRooms(1);

    await holder.close();

    expect(await other.app.get(RoomRetention).run()).toMatchObject({ ran: true, retired: 1 });
    // Reopened for afterAll: the closed instance comes back as a fresh one.
    if (holder === a) a = await startTestApp(env);
    else b = await startTestApp(env);
  });
});

describe.each([
  ['MongoDB', {}],
  ['Redis', { REDIS_URL: 'redis://127.0.0.1:6379' }],
])('job leases in %s', (store, extraEnv: Record<string, string>) => {
  const database = ownDatabase();
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    const env = { MONGODB_DB_NAME: database, ...extraEnv };
    a = await startTestApp(env);
    b = await startTestApp(env);
  });
  afterAll(async () => {
    await a.db.dropDatabase();
    await a.close();
    await b.close();
  });

  const lease = (t: TestApp) => t.app.get<JobLease>(JOB_LEASE);

  it('gives a free lease to exactly one of many racing takers', async () => {
    for (let round = 0; round < 10; round += 1) {
      const name = `race-${round}`;
      const attempts = await Promise.all(
        [a, b, a, b, a, b].map(async (t) => ({
          holder: lease(t).holder,
          won: await lease(t).acquire(name, 60_000),
        })),
      );
      const winners = new Set(attempts.filter((x) => x.won).map((x) => x.holder));
      expect(winners.size).toBe(1);
    }
  });

  it('expires by itself, and a former holder can neither extend nor release the new lease', async () => {
    expect(await lease(a).acquire('short', 300)).toBe(true);
    expect(await lease(b).acquire('short', 300)).toBe(false);
    await new Promise((done) => setTimeout(done, 500));
    expect(await lease(b).acquire('short', 60_000)).toBe(true);
    expect(await lease(a).acquire('short', 60_000)).toBe(false);
    await lease(a).release('short');
    expect(await lease(a).acquire('short', 60_000)).toBe(false);
    expect(await lease(b).acquire('short', 60_000)).toBe(true);
    await lease(b).release('short');
    expect(await lease(a).acquire('short', 60_000)).toBe(true);
    if (store === 'Redis') {
      const redis = a.app.get<Redis>(REDIS_CLIENT);
      expect(await redis.get(`careguide:lease:${database}:short`)).toBe(lease(a).holder);
    } else {
      expect(await a.db.collection('job_leases').countDocuments({ name: 'short' })).toBe(1);
    }
  });
});
