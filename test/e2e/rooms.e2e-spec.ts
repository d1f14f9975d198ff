import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createRoom, newUserId, type RoomBody } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

interface Envelope<T> {
  success: boolean;
  message: string;
  data: T;
  timestamp: string;
}
interface ErrorEnvelope {
  success: false;
  error: string;
  error_code: string;
  request_id: string;
  timestamp: string;
  details?: { field: string; reason: string }[];
}
interface RoomList {
  rooms: RoomBody[];
  total: number;
  page: number;
  page_size: number;
}

let t: TestApp;
const api = () => request(t.url);
const rooms = () => t.db.collection('chat_rooms');
const conversations = () => t.db.collection('conversation_history');

beforeAll(async () => {
  t = await startTestApp({ MAX_ROOMS_PER_USER: '50' });
});
afterAll(async () => {
  await t.close();
});

function expectError(body: unknown, code: string): ErrorEnvelope {
  const error = body as ErrorEnvelope;
  expect(error).toMatchObject({ success: false, error_code: code });
  expect(typeof error.error).toBe('string');
  expect(typeof error.request_id).toBe('string');
  expect(new Date(error.timestamp).toISOString()).toBe(error.timestamp);
  expect(JSON.stringify(error)).not.toMatch(/Mongo|at .*\.(ts|js):\d+|node_modules/);
  return error;
}

async function insertTurn(userId: string, roomId: string, index: number, status = 'completed') {
  await conversations().insertOne({
    message_id: `msg_${randomUUID()}`,
    user_id: userId,
    session_id: `session_${randomUUID()}`,
    room_id: roomId,
    agent_type: 'general',
    user_input: `question ${index}`,
    agent_response: `answer ${index}`,
    status,
    timestamp: new Date(Date.UTC(2025, 0, 1, 0, index)),
    metadata: { tokens_used: 10, response_time_ms: 100, model: 'test-model' },
  });
}

describe('POST /api/rooms', () => {
  it('creates a room and answers 201 in the envelope', async () => {
    const user = newUserId();
    const res = await api()
      .post('/api/rooms')
      .set('X-Request-Id', 'req-create-1')
      .send({
        user_id: user,
        room_name: '  Kidney Disease Discussion  ',
        metadata: { tags: ['kidney'] },
      })
      .expect(201);
    expect(res.headers['x-request-id']).toBe('req-create-1');
    const body = res.body as Envelope<RoomBody>;
    expect(body).toMatchObject({ success: true, message: 'Room created successfully' });
    expect(body.data).toMatchObject({
      user_id: user,
      room_name: 'Kidney Disease Discussion',
      message_count: 0,
      metadata: { tags: ['kidney'] },
      last_message: null,
    });
    expect(body.data.room_id).toMatch(/^room_[0-9a-f-]{36}$/);
    expect(Object.keys(body.data)).not.toEqual(
      expect.arrayContaining(['quota_slot', 'is_deleted', '_id']),
    );

    const stored = await rooms().findOne({ room_id: body.data.room_id });
    expect(stored).toMatchObject({ user_id: user, is_deleted: false, deleted_at: null });
  });

  it('gives a default name when none is sent and generates a request id when none is sent', async () => {
    const res = await api().post('/api/rooms').send({ user_id: newUserId() }).expect(201);
    expect((res.body as Envelope<RoomBody>).data.room_name).toBe('New conversation');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('accepts 100 characters (emoji count as one) and refuses 101 with ROOM_NAME_TOO_LONG', async () => {
    const user = newUserId();
    await createRoom(t.url, user, { room_name: '🩺'.repeat(100) });
    const res = await api()
      .post('/api/rooms')
      .send({ user_id: user, room_name: 'x'.repeat(101) })
      .expect(400);
    expectError(res.body, 'ROOM_NAME_TOO_LONG');
    expect(await rooms().countDocuments({ user_id: user })).toBe(1);
  });

  it('refuses an empty or control-character name', async () => {
    const user = newUserId();
    for (const room_name of ['   ', 'bad\u0000name', 'line\nbreak']) {
      const res = await api().post('/api/rooms').send({ user_id: user, room_name }).expect(400);
      expect(expectError(res.body, 'VALIDATION_ERROR').details?.[0].field).toBe('room_name');
    }
    expect(await rooms().countDocuments({ user_id: user })).toBe(0);
  });

  it('refuses metadata over 10 KB with METADATA_TOO_LARGE and accepts exactly at the limit', async () => {
    const user = newUserId();
    const overhead = JSON.stringify({ note: '' }).length;
    await createRoom(t.url, user, { metadata: { note: 'a'.repeat(10 * 1024 - overhead) } });
    const res = await api()
      .post('/api/rooms')
      .send({ user_id: user, metadata: { note: 'a'.repeat(10 * 1024 - overhead + 1) } })
      .expect(400);
    expectError(res.body, 'METADATA_TOO_LARGE');
    expect(await rooms().countDocuments({ user_id: user })).toBe(1);
  });

  it('refuses unsafe metadata keys and malformed tags', async () => {
    const user = newUserId();
    const cases = [
      '{"metadata": {"$where": "1"}}',
      '{"metadata": {"a.b": 1}}',
      '{"metadata": {"note": "a\\u0000b"}}',
      '{"metadata": {"a\\u0000": 1}}',
      '{"metadata": {"constructor": {"prototype": {"x": 1}}}}',
      '{"metadata": {"__proto__": {"isAdmin": true}}}',
      '{"__proto__": {"isAdmin": true}}',
      '{"metadata": {"tags": "kidney"}}',
      '{"metadata": {"tags": [1, 2]}}',
      '{"metadata": [1, 2]}',
      '{"metadata": "text"}',
    ];
    for (const raw of cases) {
      const res = await api()
        .post(`/api/rooms?user_id=${user}`)
        .set('Content-Type', 'application/json')
        .send(raw)
        .expect(400);
      expectError(res.body, 'VALIDATION_ERROR');
    }
    expect(await rooms().countDocuments({ user_id: user })).toBe(0);
  });

  it('refuses a list directly inside a list (which FerretDB cannot store) and stores lists inside objects', async () => {
    const user = newUserId();
    const refused = await api()
      .post('/api/rooms')
      .send({ user_id: user, metadata: { grid: [[1, 2]] } })
      .expect(400);
    expect(expectError(refused.body, 'VALIDATION_ERROR').details).toEqual([
      { field: 'metadata.grid[0]', reason: 'a list must not hold lists' },
    ]);
    expect(await rooms().countDocuments({ user_id: user })).toBe(0);

    const room = await createRoom(t.url, user, { metadata: { rows: [{ cells: [1, 2] }] } });
    const patched = await api()
      .patch(`/api/rooms/${room.room_id}`)
      .send({ user_id: user, metadata: { ' ': [[]] } })
      .expect(400);
    expectError(patched.body, 'VALIDATION_ERROR');
    const stored = await rooms().findOne({ room_id: room.room_id });
    expect(stored?.metadata).toEqual({ rows: [{ cells: [1, 2] }] });
  });

  it('refuses the 51st live room with ROOM_LIMIT_EXCEEDED', async () => {
    const user = newUserId();
    for (let i = 0; i < 50; i += 1) await createRoom(t.url, user, { room_name: `room ${i}` });
    const res = await api().post('/api/rooms').send({ user_id: user }).expect(400);
    expect(expectError(res.body, 'ROOM_LIMIT_EXCEEDED').error).toContain('50');
    expect(await rooms().countDocuments({ user_id: user, is_deleted: false })).toBe(50);
  });

  it('holds the limit under concurrency: 20 parallel creates at 45 rooms leave exactly 50', async () => {
    const user = newUserId();
    for (let i = 0; i < 45; i += 1) await createRoom(t.url, user);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => api().post('/api/rooms').send({ user_id: user })),
    );
    const statuses = results.map((res) => res.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    expect(statuses.filter((status) => status === 400)).toHaveLength(15);
    for (const res of results.filter((r) => r.status === 400))
      expectError(res.body, 'ROOM_LIMIT_EXCEEDED');
    expect(await rooms().countDocuments({ user_id: user, is_deleted: false })).toBe(50);
  });

  it('frees a slot on soft delete, so a new room fits again', async () => {
    const user = newUserId();
    const created: RoomBody[] = [];
    for (let i = 0; i < 50; i += 1) created.push(await createRoom(t.url, user));
    await api().delete(`/api/rooms/${created[7].room_id}?user_id=${user}`).expect(200);
    await createRoom(t.url, user);
    await api().post('/api/rooms').send({ user_id: user }).expect(400);
  });
});

describe('GET /api/rooms', () => {
  let user: string;
  const names = ['Bravo', 'alpha', 'Charlie', 'delta', 'Echo'];

  beforeAll(async () => {
    user = newUserId();
    for (const [index, name] of names.entries()) {
      const room = await createRoom(t.url, user, {
        room_name: name,
        metadata: { tags: index % 2 === 0 ? ['kidney', 'even'] : ['odd'] },
      });
      // spread activity so sorting by last_activity is observable
      await rooms().updateOne(
        { room_id: room.room_id },
        { $set: { last_activity: new Date(Date.UTC(2025, 0, 10 - index)) } },
      );
    }
    await createRoom(t.url, newUserId(), { room_name: 'someone else' });
  });

  it("lists only the caller's rooms, most recently active first, with paging figures", async () => {
    const res = await api().get(`/api/rooms?user_id=${user}`).expect(200);
    const body = res.body as Envelope<RoomList>;
    expect(body.message).toBe('Rooms retrieved successfully');
    expect(body.data.rooms.map((room) => room.room_name)).toEqual(names);
    expect(body.data).toMatchObject({ total: 5, page: 1, page_size: 50 });
    for (const room of body.data.rooms) expect(room).toHaveProperty('last_message', null);
  });

  it('pages with limit and offset', async () => {
    const res = await api().get(`/api/rooms?user_id=${user}&limit=2&offset=2`).expect(200);
    const body = res.body as Envelope<RoomList>;
    expect(body.data.rooms.map((room) => room.room_name)).toEqual(['Charlie', 'delta']);
    expect(body.data).toMatchObject({ total: 5, page: 2, page_size: 2 });
  });

  it('sorts by room_name and created_at in either order', async () => {
    const byName = await api()
      .get(`/api/rooms?user_id=${user}&sort_by=room_name&order=asc`)
      .expect(200);
    expect((byName.body as Envelope<RoomList>).data.rooms.map((room) => room.room_name)).toEqual([
      'Bravo',
      'Charlie',
      'Echo',
      'alpha',
      'delta',
    ]);
    const byCreation = await api()
      .get(`/api/rooms?user_id=${user}&sort_by=created_at&order=asc`)
      .expect(200);
    expect(
      (byCreation.body as Envelope<RoomList>).data.rooms.map((room) => room.room_name),
    ).toEqual(names);
  });

  it('filters by tag', async () => {
    const res = await api().get(`/api/rooms?user_id=${user}&tag=kidney`).expect(200);
    const body = res.body as Envelope<RoomList>;
    expect(body.data.rooms.map((room) => room.room_name)).toEqual(['Bravo', 'Charlie', 'Echo']);
    expect(body.data.total).toBe(3);
  });

  it.each([
    ['limit=0'],
    ['limit=101'],
    ['limit=abc'],
    ['offset=-1'],
    ['sort_by=user_id'],
    ['order=sideways'],
    ['tag=a&tag=b'],
    ['unknown=1'],
  ])('refuses %s with VALIDATION_ERROR', async (query) => {
    const res = await api().get(`/api/rooms?user_id=${user}&${query}`).expect(400);
    expectError(res.body, 'VALIDATION_ERROR');
  });

  it.each([['user_id[$ne]=x'], ['user_id[$gt]='], ['tag[$ne]=x'], ['$where=1']])(
    'refuses the operator query %s with 400 and returns no data',
    async (query) => {
      const res = await api().get(`/api/rooms?${query}`).expect(400);
      expectError(res.body, 'VALIDATION_ERROR');
      expect(JSON.stringify(res.body)).not.toContain('room_');
    },
  );
});

describe('GET /api/rooms/:room_id, PATCH, DELETE and history', () => {
  it('gets one room', async () => {
    const user = newUserId();
    const room = await createRoom(t.url, user, { room_name: 'One' });
    const res = await api().get(`/api/rooms/${room.room_id}?user_id=${user}`).expect(200);
    expect((res.body as Envelope<RoomBody>).data).toMatchObject({
      room_id: room.room_id,
      room_name: 'One',
    });
  });

  it('answers ROOM_NOT_FOUND for an unknown id and VALIDATION_ERROR for a malformed one', async () => {
    const user = newUserId();
    const missing = await api().get(`/api/rooms/room_${randomUUID()}?user_id=${user}`).expect(404);
    expectError(missing.body, 'ROOM_NOT_FOUND');
    const malformed = await api().get(`/api/rooms/not-a-room?user_id=${user}`).expect(400);
    expectError(malformed.body, 'VALIDATION_ERROR');
  });

  it('renames (trimmed) and merges metadata, removing keys sent as null', async () => {
    const user = newUserId();
    const room = await createRoom(t.url, user, { metadata: { a: 1, b: 2, tags: ['x'] } });
    const res = await api()
      .patch(`/api/rooms/${room.room_id}`)
      .send({ user_id: user, room_name: '  Renamed ', metadata: { b: null, c: 3 } })
      .expect(200);
    const data = (res.body as Envelope<RoomBody>).data;
    expect(data.room_name).toBe('Renamed');
    expect(data.metadata).toEqual({ a: 1, tags: ['x'], c: 3 });
    expect(await rooms().findOne({ room_id: room.room_id })).toMatchObject({
      room_name: 'Renamed',
      revision: 1,
    });
  });

  it('replaces metadata with metadata_mode=replace', async () => {
    const user = newUserId();
    const room = await createRoom(t.url, user, { metadata: { a: 1 } });
    const res = await api()
      .patch(`/api/rooms/${room.room_id}`)
      .send({ user_id: user, metadata: { z: 26 }, metadata_mode: 'replace' })
      .expect(200);
    expect((res.body as Envelope<RoomBody>).data.metadata).toEqual({ z: 26 });
  });

  it('refuses empty, overlong and oversized patches without changing the room', async () => {
    const user = newUserId();
    const room = await createRoom(t.url, user, { room_name: 'Keep', metadata: { keep: true } });
    const path = `/api/rooms/${room.room_id}`;
    expectError(
      (await api().patch(path).send({ user_id: user }).expect(400)).body,
      'VALIDATION_ERROR',
    );
    expectError(
      (
        await api()
          .patch(path)
          .send({ user_id: user, room_name: 'y'.repeat(101) })
          .expect(400)
      ).body,
      'ROOM_NAME_TOO_LONG',
    );
    expectError(
      (
        await api()
          .patch(path)
          .send({ user_id: user, metadata: { big: 'b'.repeat(11_000) } })
          .expect(400)
      ).body,
      'METADATA_TOO_LARGE',
    );
    expectError(
      (await api().patch(path).send({ user_id: user, metadata_mode: 'replace' }).expect(400)).body,
      'VALIDATION_ERROR',
    );
    expect(await rooms().findOne({ room_id: room.room_id })).toMatchObject({
      room_name: 'Keep',
      metadata: { keep: true },
      revision: 0,
    });
  });

  it('soft-deletes: hidden from get and list, kept in the database with deleted_at', async () => {
    const user = newUserId();
    const room = await createRoom(t.url, user);
    await insertTurn(user, room.room_id, 1);
    const res = await api().delete(`/api/rooms/${room.room_id}?user_id=${user}`).expect(200);
    expect((res.body as Envelope<unknown>).data).toEqual({
      room_id: room.room_id,
      permanent: false,
      conversations_deleted: 0,
    });
    await api().get(`/api/rooms/${room.room_id}?user_id=${user}`).expect(404);
    const list = await api().get(`/api/rooms?user_id=${user}`).expect(200);
    expect((list.body as Envelope<RoomList>).data.total).toBe(0);
    const stored = await rooms().findOne({ room_id: room.room_id });
    expect(stored).toMatchObject({ is_deleted: true });
    expect(stored?.deleted_at).toBeInstanceOf(Date);
    expect(await conversations().countDocuments({ room_id: room.room_id })).toBe(1);
    // a second soft delete finds nothing live
    expectError(
      (await api().delete(`/api/rooms/${room.room_id}?user_id=${user}`).expect(404)).body,
      'ROOM_NOT_FOUND',
    );
  });

  it('erases the room and its conversations with permanent=true, also after a soft delete', async () => {
    const user = newUserId();
    const live = await createRoom(t.url, user);
    const softDeleted = await createRoom(t.url, user);
    for (const room of [live, softDeleted])
      for (let i = 0; i < 3; i += 1) await insertTurn(user, room.room_id, i);
    await api().delete(`/api/rooms/${softDeleted.room_id}?user_id=${user}`).expect(200);

    for (const room of [live, softDeleted]) {
      const res = await api()
        .delete(`/api/rooms/${room.room_id}?user_id=${user}&permanent=true`)
        .expect(200);
      expect((res.body as Envelope<unknown>).data).toEqual({
        room_id: room.room_id,
        permanent: true,
        conversations_deleted: 3,
      });
      expect(await rooms().countDocuments({ room_id: room.room_id })).toBe(0);
      expect(await conversations().countDocuments({ room_id: room.room_id })).toBe(0);
    }
    expectError(
      (await api().delete(`/api/rooms/${live.room_id}?user_id=${user}&permanent=true`).expect(404))
        .body,
      'ROOM_NOT_FOUND',
    );
    const another = await createRoom(t.url, user);
    expectError(
      (
        await api()
          .delete(`/api/rooms/${another.room_id}?user_id=${user}&permanent=yes`)
          .expect(400)
      ).body,
      'VALIDATION_ERROR',
    );
    expect(await rooms().countDocuments({ room_id: another.room_id })).toBe(1);
  });

  it('pages history newest first by default, oldest first with order=asc', async () => {
    const user = newUserId();
    const room = await createRoom(t.url, user);
    for (let i = 0; i < 5; i += 1)
      await insertTurn(user, room.room_id, i, i === 4 ? 'cancelled' : 'completed');
    const res = await api()
      .get(`/api/rooms/${room.room_id}/history?user_id=${user}&limit=2`)
      .expect(200);
    const body = res.body as Envelope<{
      room_id: string;
      conversations: { user_input: string; status: string }[];
      total: number;
      page: number;
      page_size: number;
    }>;
    expect(body.data.conversations.map((turn) => turn.user_input)).toEqual([
      'question 4',
      'question 3',
    ]);
    expect(body.data.conversations[0]).toMatchObject({
      status: 'cancelled',
      agent_type: 'general',
      metadata: { tokens_used: 10, response_time_ms: 100, model: 'test-model' },
    });
    expect(body.data).toMatchObject({ room_id: room.room_id, total: 5, page: 1, page_size: 2 });
    const asc = await api()
      .get(`/api/rooms/${room.room_id}/history?user_id=${user}&order=asc&limit=2&offset=2`)
      .expect(200);
    expect((asc.body as typeof body).data.conversations.map((turn) => turn.user_input)).toEqual([
      'question 2',
      'question 3',
    ]);
  });
});

describe('another user', () => {
  it('can neither see, change, delete nor read the history of a room; nothing changes', async () => {
    const owner = newUserId();
    const intruder = newUserId();
    const room = await createRoom(t.url, owner, {
      room_name: 'Private',
      metadata: { secret: 'yes' },
    });
    await insertTurn(owner, room.room_id, 1);
    const before = await rooms().findOne({ room_id: room.room_id });

    const attempts = [
      api().get(`/api/rooms/${room.room_id}?user_id=${intruder}`),
      api().patch(`/api/rooms/${room.room_id}`).send({ user_id: intruder, room_name: 'Mine now' }),
      api().delete(`/api/rooms/${room.room_id}?user_id=${intruder}`),
      api().delete(`/api/rooms/${room.room_id}?user_id=${intruder}&permanent=true`),
      api().get(`/api/rooms/${room.room_id}/history?user_id=${intruder}`),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404);
      expectError(res.body, 'ROOM_NOT_FOUND');
      expect(JSON.stringify(res.body)).not.toMatch(/Private|secret|question/);
    }
    const list = await api().get(`/api/rooms?user_id=${intruder}`).expect(200);
    expect((list.body as Envelope<RoomList>).data.total).toBe(0);
    expect(await rooms().findOne({ room_id: room.room_id })).toEqual(before);
    expect(await conversations().countDocuments({ room_id: room.room_id })).toBe(1);
  });
});

describe('hostile and malformed requests', () => {
  it('answers malformed JSON with 400 VALIDATION_ERROR', async () => {
    const res = await api()
      .post('/api/rooms')
      .set('Content-Type', 'application/json')
      .send('{"user_id": "u1", ')
      .expect(400);
    expect(expectError(res.body, 'VALIDATION_ERROR').error).toMatch(/malformed json/i);
  });

  it.each([
    ['wrong type for room_name', { room_name: 42 }],
    ['wrong type for metadata', { metadata: 'x' }],
    ['unknown field', { colour: 'blue' }],
    ['operator object as room_name', { room_name: { $gt: '' } }],
  ])('refuses %s', async (_label, fields) => {
    const user = newUserId();
    const res = await api()
      .post('/api/rooms')
      .send({ user_id: user, ...fields })
      .expect(400);
    expect(expectError(res.body, 'VALIDATION_ERROR').details?.length).toBeGreaterThan(0);
    expect(await rooms().countDocuments({ user_id: user })).toBe(0);
  });

  it.each([
    [{ user_id: { $gt: '' } }],
    [{ user_id: { $ne: null } }],
    [{ user_id: ['a', 'b'] }],
    [{ user_id: 'has space' }],
  ])('refuses the identity %j with 400 and stores nothing', async (body) => {
    const before = await rooms().countDocuments({});
    const res = await api().post('/api/rooms').send(body).expect(400);
    expect(expectError(res.body, 'VALIDATION_ERROR').details?.[0].field).toBe('user_id');
    expect(await rooms().countDocuments({})).toBe(before);
  });

  it('answers a body over 64 KB with 413 PAYLOAD_TOO_LARGE', async () => {
    const user = newUserId();
    const res = await api()
      .post('/api/rooms')
      .send({ user_id: user, metadata: { blob: 'x'.repeat(70 * 1024) } })
      .expect(413);
    expectError(res.body, 'PAYLOAD_TOO_LARGE');
    expect(await rooms().countDocuments({ user_id: user })).toBe(0);
  });

  it('refuses JSON nested deeper than 32 levels', async () => {
    const user = newUserId();
    const deep = `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`;
    const res = await api()
      .post(`/api/rooms?user_id=${user}`)
      .set('Content-Type', 'application/json')
      .send(`{"metadata": ${deep}}`)
      .expect(400);
    expectError(res.body, 'VALIDATION_ERROR');
    expect(await rooms().countDocuments({ user_id: user })).toBe(0);
  });

  it('answers 401 without any identity', async () => {
    const res = await api().get('/api/rooms').expect(401);
    expectError(res.body, 'UNAUTHORIZED');
  });

  it('answers unknown routes with the NOT_FOUND envelope', async () => {
    const res = await api().get('/api/nothing-here').expect(404);
    expect(expectError(res.body, 'NOT_FOUND').error).toBe('No route for GET /api/nothing-here');
  });
});
