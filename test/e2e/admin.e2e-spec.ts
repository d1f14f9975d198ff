import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startAppProcess, type AppProcess } from '../support/app-process';
import {
  ADMIN_CLAIMS,
  createRoom,
  createSession,
  eventually,
  newUserId,
  signToken,
  sharedRedis,
} from '../support/factories';
import { openSse, type SseConnection } from '../support/sse-client';
import { startTestApp, type TestApp } from '../support/test-app';

/** The admin API reads across users: each suite gets a database of its own, so counts are exact. */
function ownDatabase(): string {
  return `careguide_admin_${randomUUID().slice(0, 8)}`;
}

async function adminAuth(claims: Record<string, unknown> = ADMIN_CLAIMS) {
  return { Authorization: `Bearer ${await signToken(newUserId(), { claims })}` };
}

interface Streaming {
  user: string;
  roomId: string;
  sessionId: string;
  streamId: string;
  stream: SseConnection;
}

/** A user with a room, a session and an answer streaming in it (a few words already sent). */
async function streamingUser(url: string, streamUrl = url): Promise<Streaming> {
  const user = newUserId();
  const room = await createRoom(url, user);
  const sessionId = await createSession(url, user, room.room_id);
  const stream = await openSse(`${streamUrl}/api/chat/message`, {
    body: { user_id: user, session_id: sessionId, message: 'tell me about potassium' },
  });
  const start = await stream.next();
  await stream.next();
  return {
    user,
    roomId: room.room_id,
    sessionId,
    streamId: start?.data.stream_id as string,
    stream,
  };
}

const data = <T>(res: request.Response) => (res.body as { data: T }).data;

describe('admin API', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  const database = ownDatabase();
  const streamEnv = { SIMULATED_LLM_DELAY_MS: '15', SIMULATED_LLM_WORDS: '2000' };

  beforeAll(async () => {
    t = await startTestApp({ MONGODB_DB_NAME: database, ...streamEnv });
    admin = await adminAuth();
  });
  afterAll(async () => {
    await t.db.dropDatabase();
    await t.close();
  });

  it('lists the running streams of every user with user, room, session, agent and age', async () => {
    const first = await streamingUser(t.url);
    const second = await streamingUser(t.url);
    const res = await request(t.url).get('/api/admin/streams').set(admin).expect(200);
    const list = data<{ streams: Record<string, unknown>[]; total: number; page_size: number }>(
      res,
    );
    expect(list.total).toBe(2);
    expect(list.page_size).toBe(100);
    expect(list.streams).toEqual([
      {
        stream_id: first.streamId,
        user_id: first.user,
        room_id: first.roomId,
        session_id: first.sessionId,
        // "potassium" routes to the nutrition agent
        agent_type: 'nutrition',
        started_at: expect.any(String),
        age_seconds: expect.any(Number),
        last_heartbeat: expect.any(String),
      },
      expect.objectContaining({ stream_id: second.streamId, user_id: second.user }),
    ]);
    expect(list.streams[0].age_seconds).toBeGreaterThan(0);
    const paged = await request(t.url).get('/api/admin/streams?limit=1&offset=1').set(admin);
    expect(data<{ streams: { stream_id: string }[] }>(paged).streams).toEqual([
      expect.objectContaining({ stream_id: second.streamId }),
    ]);
    for (const running of [first, second]) {
      await request(t.url).post(`/api/admin/streams/${running.streamId}/stop`).set(admin);
      await running.stream.rest();
    }
    const after = await request(t.url).get('/api/admin/streams').set(admin).expect(200);
    expect(data<{ total: number }>(after).total).toBe(0);
  });

  it("stops any user's stream as their own Stop does: the partial is stored and returned", async () => {
    const running = await streamingUser(t.url);
    const res = await request(t.url)
      .post(`/api/admin/streams/${running.streamId}/stop`)
      .set(admin)
      .expect(200);
    const stopped = data<{ partial_response: string }>(res);
    expect(stopped).toMatchObject({
      stream_id: running.streamId,
      user_id: running.user,
      session_id: running.sessionId,
      room_id: running.roomId,
      status: 'stop_requested',
      stream_status: 'cancelled',
    });
    expect(stopped.partial_response.length).toBeGreaterThan(0);
    const events = await running.stream.rest();
    expect(events[events.length - 1]).toMatchObject({
      event: 'cancelled',
      data: { partial_response: stopped.partial_response },
    });
    expect(
      await t.db.collection('conversation_history').findOne({ session_id: running.sessionId }),
    ).toMatchObject({ status: 'cancelled', agent_response: stopped.partial_response });
    const again = await request(t.url)
      .post(`/api/admin/streams/${running.streamId}/stop`)
      .set(admin)
      .expect(404);
    expect(again.body).toMatchObject({ error_code: 'STREAM_NOT_FOUND' });
  });

  it('refuses a malformed stream id with 400 and an unknown one with 404', async () => {
    const bad = await request(t.url).post('/api/admin/streams/not-a-stream/stop').set(admin);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error_code: 'VALIDATION_ERROR' });
    const unknown = await request(t.url)
      .post(`/api/admin/streams/stream_${randomUUID()}/stop`)
      .set(admin)
      .expect(404);
    expect(unknown.body).toMatchObject({ error_code: 'STREAM_NOT_FOUND' });
    const badPage = await request(t.url).get('/api/admin/streams?limit=501').set(admin);
    expect(badPage.status).toBe(400);
  });

  it("reads a user's rooms, live and soft-deleted, without changing them", async () => {
    const user = newUserId();
    const kept = await createRoom(t.url, user, { room_name: 'Kept', metadata: { tags: ['a'] } });
    const deleted = await createRoom(t.url, user, { room_name: 'Deleted' });
    await request(t.url).delete(`/api/rooms/${deleted.room_id}?user_id=${user}`).expect(200);
    const before = await t.db
      .collection('chat_rooms')
      .find({ user_id: user }, { projection: { _id: 0 } })
      .sort({ room_id: 1 })
      .toArray();

    const all = data<{ user_id: string; total: number; rooms: Record<string, unknown>[] }>(
      await request(t.url).get(`/api/admin/users/${user}/rooms`).set(admin).expect(200),
    );
    expect(all).toMatchObject({ user_id: user, total: 2 });
    expect(all.rooms).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          room_id: kept.room_id,
          room_name: 'Kept',
          metadata: { tags: ['a'] },
          is_deleted: false,
          deleted_at: null,
        }),
        expect.objectContaining({
          room_id: deleted.room_id,
          is_deleted: true,
          deleted_at: expect.any(String),
        }),
      ]),
    );
    expect(all.rooms[0]).not.toHaveProperty('quota_slot');
    const live = data<{ rooms: { room_id: string }[] }>(
      await request(t.url).get(`/api/admin/users/${user}/rooms?state=live`).set(admin),
    );
    expect(live.rooms.map((room) => room.room_id)).toEqual([kept.room_id]);
    const gone = data<{ rooms: { room_id: string }[] }>(
      await request(t.url).get(`/api/admin/users/${user}/rooms?state=deleted`).set(admin),
    );
    expect(gone.rooms.map((room) => room.room_id)).toEqual([deleted.room_id]);
    expect(
      await t.db
        .collection('chat_rooms')
        .find({ user_id: user }, { projection: { _id: 0 } })
        .sort({ room_id: 1 })
        .toArray(),
    ).toEqual(before);

    const nobody = data<{ total: number }>(
      await request(t.url).get(`/api/admin/users/${newUserId()}/rooms`).set(admin).expect(200),
    );
    expect(nobody.total).toBe(0);
    for (const path of [
      '/api/admin/users/not%20a%20user/rooms',
      `/api/admin/users/${user}/rooms?state=archived`,
    ]) {
      const res = await request(t.url).get(path).set(admin);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error_code: 'VALIDATION_ERROR' });
    }
  });

  it('erases everything a user has, stopping their stream first, and nothing of anyone else', async () => {
    const running = await streamingUser(t.url);
    const user = running.user;
    const second = await createRoom(t.url, user, { room_name: 'Second' });
    const secondSession = await createSession(t.url, user, second.room_id);
    const extra = await createRoom(t.url, user, { room_name: 'Soft-deleted' });
    await request(t.url).delete(`/api/rooms/${extra.room_id}?user_id=${user}`).expect(200);
    const bystander = await streamingUser(t.url);

    const res = await request(t.url).delete(`/api/admin/users/${user}`).set(admin).expect(200);

    expect(data(res)).toEqual({
      user_id: user,
      streams_stopped: 1,
      conversations_deleted: 1,
      rooms_deleted: 3,
      sessions_deleted: 2,
    });
    const events = await running.stream.rest();
    expect(events[events.length - 1]).toMatchObject({ event: 'cancelled' });
    for (const collection of ['chat_rooms', 'conversation_history', 'active_streams']) {
      const left = await t.db
        .collection(collection)
        .countDocuments(
          collection === 'active_streams'
            ? { user_id: user, status: 'streaming' }
            : { user_id: user },
        );
      expect(left).toBe(0);
    }
    for (const sessionId of [running.sessionId, secondSession]) {
      await request(t.url).get(`/api/session/${sessionId}?user_id=${user}`).expect(404);
    }
    // The bystander's stream goes on.
    expect((await bystander.stream.next())?.event).toBe('chunk');
    await request(t.url)
      .get(`/api/session/${bystander.sessionId}?user_id=${bystander.user}`)
      .expect(200);
    bystander.stream.close();

    const twice = await request(t.url).delete(`/api/admin/users/${user}`).set(admin).expect(200);
    expect(data(twice)).toEqual({
      user_id: user,
      streams_stopped: 0,
      conversations_deleted: 0,
      rooms_deleted: 0,
      sessions_deleted: 0,
    });
  });
});

describe('admin statistics', () => {
  let t: TestApp;
  const database = ownDatabase();

  beforeAll(async () => {
    t = await startTestApp({
      MONGODB_DB_NAME: database,
      STREAM_CAPACITY: '40',
      SIMULATED_LLM_DELAY_MS: '15',
      SIMULATED_LLM_WORDS: '2000',
    });
  });
  afterAll(async () => {
    await t.db.dropDatabase();
    await t.close();
  });

  it('counts users, rooms, turns of the last 24 hours, streams now and capacity', async () => {
    const admin = await adminAuth();
    const empty = await request(t.url).get('/api/admin/stats').set(admin).expect(200);
    expect(data(empty)).toEqual({
      users: { total: 0, active_last_24h: 0 },
      rooms: { live: 0, deleted: 0 },
      turns_last_24h: 0,
      streams: { running: 0, running_here: 0, capacity_per_instance: 40 },
    });

    const talker = await streamingUser(t.url);
    await request(t.url)
      .post(`/api/session/${talker.sessionId}/stop`)
      .send({ user_id: talker.user })
      .expect(200);
    await talker.stream.rest();
    const quiet = newUserId();
    await createRoom(t.url, quiet);
    const deleted = await createRoom(t.url, quiet);
    await request(t.url).delete(`/api/rooms/${deleted.room_id}?user_id=${quiet}`).expect(200);
    // A turn from two days ago counts for the user total but not for the last 24 hours.
    await t.db
      .collection('conversation_history')
      .updateMany(
        { user_id: talker.user },
        { $set: { timestamp: new Date(Date.now() - 2 * 86_400_000) } },
      );
    const recent = await streamingUser(t.url);
    await request(t.url)
      .post(`/api/session/${recent.sessionId}/stop`)
      .send({ user_id: recent.user })
      .expect(200);
    await recent.stream.rest();
    const busy = await streamingUser(t.url);

    const res = await request(t.url).get('/api/admin/stats').set(admin).expect(200);
    expect(data(res)).toEqual({
      users: { total: 4, active_last_24h: 1 },
      rooms: { live: 4, deleted: 1 },
      turns_last_24h: 1,
      streams: { running: 1, running_here: 1, capacity_per_instance: 40 },
    });
    busy.stream.close();
  });
});

describe('who is an admin', () => {
  it('refuses dev-mode user_id callers and tokens without the role, with 403 ACCESS_DENIED', async () => {
    const t = await startTestApp({ AUTH_MODE: 'dev' });
    try {
      const user = newUserId();
      const callers = [
        request(t.url).get(`/api/admin/stats?user_id=${user}`),
        request(t.url)
          .get('/api/admin/stats')
          .set('Authorization', `Bearer ${await signToken(user)}`),
        request(t.url)
          .get('/api/admin/stats')
          .set('Authorization', `Bearer ${await signToken(user, { claims: { roles: ['user'] } })}`),
        request(t.url)
          .get('/api/admin/stats')
          .set(
            'Authorization',
            `Bearer ${await signToken(user, { claims: { roles: 'administrator' } })}`,
          ),
      ];
      for (const call of callers) {
        const res = await call;
        expect(res.status).toBe(403);
        expect(res.body).toMatchObject({ success: false, error_code: 'ACCESS_DENIED' });
      }
      const anonymous = await request(t.url).get('/api/admin/stats').expect(401);
      expect(anonymous.body).toMatchObject({ error_code: 'UNAUTHORIZED' });
    } finally {
      await t.close();
    }
  });

  it('takes the role from ADMIN_ROLE_CLAIM and ADMIN_ROLE_VALUE', async () => {
    const t = await startTestApp({
      ADMIN_ROLE_CLAIM: 'realm_access.roles',
      ADMIN_ROLE_VALUE: 'operator',
    });
    try {
      await request(t.url)
        .get('/api/admin/stats')
        .set(await adminAuth({ realm_access: { roles: ['operator', 'user'] } }))
        .expect(200);
      await request(t.url)
        .get('/api/admin/stats')
        .set(await adminAuth())
        .expect(403);
    } finally {
      await t.close();
    }
  });
});

describe('admin API across instances sharing Redis', () => {
  let a: TestApp;
  let b: TestApp;
  const database = ownDatabase();
  const env = {
    MONGODB_DB_NAME: database,
    ...sharedRedis(),
    SIMULATED_LLM_DELAY_MS: '15',
    SIMULATED_LLM_WORDS: '2000',
  };

  beforeAll(async () => {
    a = await startTestApp(env);
    b = await startTestApp(env);
  });
  afterAll(async () => {
    await a.db.dropDatabase();
    await a.close();
    await b.close();
  });

  it('lists and stops from one instance a stream that runs on the other', async () => {
    const admin = await adminAuth();
    const running = await streamingUser(a.url);
    // Another instance's streams are listed from their records, written within a flush.
    const list = await eventually(async () => {
      const page = data<{ streams: { stream_id: string }[] }>(
        await request(b.url).get('/api/admin/streams').set(admin).expect(200),
      );
      return page.streams.some((stream) => stream.stream_id === running.streamId)
        ? page
        : undefined;
    });
    expect(list.streams.map((stream) => stream.stream_id)).toContain(running.streamId);
    const stats = data<{ streams: { running: number; running_here: number } }>(
      await request(b.url).get('/api/admin/stats').set(admin).expect(200),
    );
    expect(stats.streams).toMatchObject({ running: 1, running_here: 0 });

    const res = await request(b.url)
      .post(`/api/admin/streams/${running.streamId}/stop`)
      .set(admin)
      .expect(200);
    const stopped = data<{ partial_response: string; stream_status: string }>(res);
    expect(stopped.stream_status).toBe('cancelled');
    const events = await running.stream.rest();
    expect(events[events.length - 1]).toMatchObject({
      event: 'cancelled',
      data: { partial_response: stopped.partial_response },
    });
    expect(
      await a.db.collection('conversation_history').findOne({ session_id: running.sessionId }),
    ).toMatchObject({ status: 'cancelled', agent_response: stopped.partial_response });
  });

  it('erases through one instance a user whose stream runs on the other, sessions in Redis included', async () => {
    const admin = await adminAuth();
    const running = await streamingUser(a.url);
    const other = await createRoom(b.url, running.user);
    const otherSession = await createSession(b.url, running.user, other.room_id);

    const res = await request(b.url)
      .delete(`/api/admin/users/${running.user}`)
      .set(admin)
      .expect(200);

    expect(data(res)).toEqual({
      user_id: running.user,
      streams_stopped: 1,
      conversations_deleted: 1,
      rooms_deleted: 2,
      sessions_deleted: 2,
    });
    const events = await running.stream.rest();
    expect(events[events.length - 1]).toMatchObject({ event: 'cancelled' });
    for (const sessionId of [running.sessionId, otherSession]) {
      await request(a.url).get(`/api/session/${sessionId}?user_id=${running.user}`).expect(404);
    }
    expect(
      await a.db.collection('conversation_history').countDocuments({ user_id: running.user }),
    ).toBe(0);
  });
});

describe('admin calls in the JSON logs', () => {
  let app: AppProcess;
  beforeAll(async () => {
    app = await startAppProcess({ LOG_LEVEL: 'info', LOG_FORMAT: 'json' });
  });
  afterAll(async () => {
    await app.stop('SIGTERM');
  });

  it("logs every admin call with the admin's id, and every refusal with the caller's", async () => {
    const adminId = newUserId();
    const outsider = newUserId();
    const target = newUserId();
    const asAdmin = {
      Authorization: `Bearer ${await signToken(adminId, { claims: ADMIN_CLAIMS })}`,
    };
    await fetch(`${app.url}/api/admin/users/${target}/rooms`, { headers: asAdmin });
    await fetch(`${app.url}/api/admin/streams/stream_${randomUUID()}/stop`, {
      method: 'POST',
      headers: asAdmin,
    });
    await fetch(`${app.url}/api/admin/stats`, {
      headers: { Authorization: `Bearer ${await signToken(outsider)}` },
    });

    const lines = await eventually(() => {
      const audit = app
        .output()
        .split('\n')
        .filter((line) => line.includes('"AdminAudit"'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      return audit.length >= 3 ? audit : undefined;
    });
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          admin_id: adminId,
          action: 'listUserRooms',
          target: { user_id: target },
          outcome: 'ok',
        }),
        expect.objectContaining({
          admin_id: adminId,
          action: 'stopAnyStream',
          outcome: 'STREAM_NOT_FOUND',
        }),
        expect.objectContaining({ caller_id: outsider, url: '/api/admin/stats' }),
      ]),
    );
  });
});
