import request from 'supertest';
import { createRoom, newConversation, newUserId } from '../support/factories';
import { openSse } from '../support/sse-client';
import { startTestApp, type TestApp } from '../support/test-app';

const OPERATOR_VALUES: unknown[] = [
  { $gt: '' },
  { $ne: null },
  { $where: 'sleep(1000)' },
  { $regex: '.*' },
  ['$in'],
  { $exists: true },
];

describe('hostile input', () => {
  let t: TestApp;
  let user: string;
  let roomId: string;
  let sessionId: string;
  const count = async () => ({
    rooms: await t.db.collection('chat_rooms').countDocuments({}),
    turns: await t.db.collection('conversation_history').countDocuments({}),
  });

  beforeAll(async () => {
    t = await startTestApp({ SIMULATED_LLM_DELAY_MS: '0', SIMULATED_LLM_WORDS: '3' });
    ({ user, roomId, sessionId } = await newConversation(t.url));
  });
  afterAll(async () => {
    await t.close();
  });

  const bodyRoutes = (): {
    name: string;
    send: (body: Record<string, unknown>) => Promise<{ status: number; body: unknown }>;
    fields: string[];
  }[] => [
    {
      name: 'POST /api/rooms',
      fields: ['user_id', 'room_name', 'metadata'],
      send: (body) => request(t.url).post('/api/rooms').send(body),
    },
    {
      name: 'PATCH /api/rooms/:id',
      fields: ['user_id', 'room_name', 'metadata', 'metadata_mode'],
      send: (body) => request(t.url).patch(`/api/rooms/${roomId}`).send(body),
    },
    {
      name: 'POST /api/session/create',
      fields: ['user_id', 'room_id'],
      send: (body) => request(t.url).post('/api/session/create').send(body),
    },
    {
      name: 'POST /api/session/:id/reset',
      fields: ['user_id', 'agent_type'],
      send: (body) => request(t.url).post(`/api/session/${sessionId}/reset`).send(body),
    },
    {
      name: 'POST /api/chat/message',
      fields: ['user_id', 'session_id', 'room_id', 'message', 'agent_type'],
      send: async (body) => {
        const stream = await openSse(`${t.url}/api/chat/message`, { body });
        return { status: stream.status, body: stream.json ?? (await stream.rest()) };
      },
    },
  ];

  const valid: Record<string, unknown> = {
    user_id: undefined,
    room_name: 'Fine name',
    metadata: { tags: ['ok'] },
    metadata_mode: 'merge',
    room_id: undefined,
    agent_type: 'general',
    session_id: undefined,
    message: 'hello',
  };

  it('refuses a MongoDB operator in every body field of every route with 400, storing nothing', async () => {
    const before = await count();
    let tried = 0;
    for (const route of bodyRoutes()) {
      for (const field of route.fields) {
        for (const operator of OPERATOR_VALUES) {
          const base: Record<string, unknown> = {
            ...valid,
            user_id: user,
            room_id: roomId,
            session_id: sessionId,
          };
          const body = Object.fromEntries(route.fields.map((name) => [name, base[name]]));
          body[field] = operator;
          const res = await route.send(body);
          expect({ route: route.name, field, status: res.status }).toEqual({
            route: route.name,
            field,
            status: 400,
          });
          expect(res.body).toMatchObject({ success: false, error_code: 'VALIDATION_ERROR' });
          tried += 1;
        }
      }
    }
    expect(tried).toBe(16 * OPERATOR_VALUES.length);
    expect(await count()).toEqual(before);
  });

  it.each([
    '/api/rooms?user_id[$ne]=x',
    '/api/rooms?limit[$gt]=1',
    '/api/rooms?sort_by[$ne]=x',
    '/api/rooms?tag[$regex]=.*',
    '/api/rooms?order[0]=asc',
    '/api/chat/history?session_id[$ne]=x',
    '/api/chat/history?room_id[$exists]=true',
    '/api/chat/stream?message[$gt]=&session_id=x',
  ])('refuses the operator query %s with 400 and no data', async (path) => {
    const res = await request(t.url).get(`${path}&user_id=${user}`.replace('?&', '?')).expect(400);
    expect(res.body).toMatchObject({ success: false, error_code: 'VALIDATION_ERROR' });
    expect(JSON.stringify(res.body)).not.toMatch(/room_[0-9a-f]{8}-/);
  });

  it.each([
    ['__proto__ in metadata', '{"metadata": {"__proto__": {"isAdmin": true}}}'],
    [
      'constructor.prototype in metadata',
      '{"metadata": {"constructor": {"prototype": {"isAdmin": true}}}}',
    ],
    ['nested __proto__', '{"metadata": {"profile": {"__proto__": {"isAdmin": true}}}}'],
    ['__proto__ at the top', '{"__proto__": {"isAdmin": true}, "room_name": "x"}'],
  ])('refuses %s, stores nothing and pollutes no prototype', async (_label, raw) => {
    const before = await count();
    const res = await request(t.url)
      .post(`/api/rooms?user_id=${user}`)
      .set('Content-Type', 'application/json')
      .send(raw)
      .expect(400);
    expect(res.body).toMatchObject({ error_code: 'VALIDATION_ERROR' });
    expect(await count()).toEqual(before);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['escape', 'a\u001bb'],
    ['DEL', 'a\u007fb'],
    ['newline', 'a\nb'],
  ])('refuses a room name with a %s control character', async (_label, name) => {
    const res = await request(t.url)
      .post('/api/rooms')
      .send({ user_id: user, room_name: name })
      .expect(400);
    expect(res.body).toMatchObject({ error_code: 'VALIDATION_ERROR' });
  });

  it('counts long unicode names in characters, not bytes or UTF-16 units', async () => {
    const owner = newUserId();
    await createRoom(t.url, owner, { room_name: '👩🏽‍⚕️'.slice(0, 2).repeat(100) });
    await createRoom(t.url, owner, { room_name: 'ä'.repeat(100) });
    const long = await request(t.url)
      .post('/api/rooms')
      .send({ user_id: owner, room_name: '한'.repeat(101) })
      .expect(400);
    expect(long.body).toMatchObject({ error_code: 'ROOM_NAME_TOO_LONG' });
  });

  it('takes long unicode messages up to MESSAGE_MAX_CHARS, refuses longer and control characters', async () => {
    const ok = await openSse(`${t.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message: '🩺'.repeat(4000) },
    });
    expect(ok.status).toBe(200);
    await ok.rest();
    for (const message of ['🩺'.repeat(4001), 'hi\u0000there', 'bell\u0007']) {
      const res = await openSse(`${t.url}/api/chat/message`, {
        body: { user_id: user, session_id: sessionId, message },
      });
      expect(res.status).toBe(400);
    }
    const multiline = await openSse(`${t.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message: 'line one\nline two\ttabbed' },
    });
    expect(multiline.status).toBe(200);
    await multiline.rest();
  });

  it.each([
    ['a string body', '"just a string"'],
    ['an array body', '[1, 2, 3]'],
    ['a number body', '42'],
    ['null', 'null'],
  ])('refuses %s with 400', async (_label, raw) => {
    const res = await request(t.url)
      .post(`/api/rooms?user_id=${user}`)
      .set('Content-Type', 'application/json')
      .send(raw);
    expect(res.status).toBe(400);
  });
});
