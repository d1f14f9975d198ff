import { gzipSync } from 'node:zlib';
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

/** A POST or PATCH with a raw body and the Content-Type given (none when undefined), as fetch sends it. */
async function sendRaw(
  url: string,
  method: 'POST' | 'PATCH',
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  // A Uint8Array body leaves Content-Type unset; a string body would default it to text/plain.
  const res = await fetch(url, { method, headers, body });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

describe('request bodies that are not JSON', () => {
  let t: TestApp;
  let user: string;
  let roomId: string;
  let sessionId: string;
  const rooms = () => t.db.collection('chat_rooms');
  const turns = () => t.db.collection('conversation_history');

  beforeAll(async () => {
    t = await startTestApp({ SIMULATED_LLM_DELAY_MS: '0', SIMULATED_LLM_WORDS: '3' });
    ({ user, roomId, sessionId } = await newConversation(t.url));
  });
  afterAll(async () => {
    await t.close();
  });

  const multipart = [
    '--b0undary',
    'Content-Disposition: form-data; name="room_name"',
    '',
    'Multipart room',
    '--b0undary--',
    '',
  ].join('\r\n');

  it.each([
    [
      'text/plain (what fetch sends for a string)',
      'text/plain;charset=UTF-8',
      '{"room_name":"Typed as text"}',
    ],
    ['no Content-Type', undefined, '{"room_name":"No type"}'],
    ['form-urlencoded', 'application/x-www-form-urlencoded', 'room_name=Form+room'],
    ['multipart', 'multipart/form-data; boundary=b0undary', multipart],
    ['merge-patch JSON', 'application/merge-patch+json', '{"room_name":"Merge patch"}'],
    ['a JSON suffix type', 'application/vnd.api+json', '{"room_name":"Suffix"}'],
  ])(
    'answers POST /api/rooms with %s 415 UNSUPPORTED_MEDIA_TYPE, creating nothing',
    async (_label, contentType, raw) => {
      const before = await rooms().countDocuments({ user_id: user });
      const res = await sendRaw(
        `${t.url}/api/rooms?user_id=${user}`,
        'POST',
        contentType === undefined ? new TextEncoder().encode(raw) : raw,
        contentType === undefined ? {} : { 'Content-Type': contentType },
      );
      expect(res.status).toBe(415);
      expect(res.body).toMatchObject({ success: false, error_code: 'UNSUPPORTED_MEDIA_TYPE' });
      expect(res.body.request_id).toEqual(expect.any(String));
      expect(await rooms().countDocuments({ user_id: user })).toBe(before);
    },
  );

  it('refuses a reset sent as text/plain, and resets nothing', async () => {
    for (const agentType of ['nutrition', 'general']) {
      const stream = await openSse(`${t.url}/api/chat/message`, {
        body: { user_id: user, session_id: sessionId, message: 'hi', agent_type: agentType },
      });
      await stream.rest();
    }
    const refused = await sendRaw(
      `${t.url}/api/session/${sessionId}/reset?user_id=${user}`,
      'POST',
      '{"agent_type":"nutrition"}',
      { 'Content-Type': 'text/plain;charset=UTF-8' },
    );
    expect(refused.status).toBe(415);
    expect(refused.body).toMatchObject({ error_code: 'UNSUPPORTED_MEDIA_TYPE' });
    // both agents still hold their turn: a JSON reset of each finds one
    for (const agentType of ['nutrition', 'general']) {
      const reset = await request(t.url)
        .post(`/api/session/${sessionId}/reset`)
        .send({ user_id: user, agent_type: agentType })
        .expect(200);
      expect(reset.body).toMatchObject({
        data: { reset_scope: agentType, conversations_cleared: 1 },
      });
    }
  });

  it('refuses a PATCH as merge-patch JSON and a message as text/plain, changing and storing nothing', async () => {
    const patch = await sendRaw(
      `${t.url}/api/rooms/${roomId}?user_id=${user}`,
      'PATCH',
      '{"room_name":"Renamed by merge patch"}',
      { 'Content-Type': 'application/merge-patch+json' },
    );
    expect(patch.status).toBe(415);
    const room = await rooms().findOne({ room_id: roomId });
    expect(room?.room_name).toBe('New conversation');

    const before = await turns().countDocuments({ session_id: sessionId });
    const message = await sendRaw(
      `${t.url}/api/chat/message?user_id=${user}`,
      'POST',
      JSON.stringify({ session_id: sessionId, message: 'sent as text' }),
      { 'Content-Type': 'text/plain' },
    );
    expect(message.status).toBe(415);
    expect(await turns().countDocuments({ session_id: sessionId })).toBe(before);
  });

  it('takes JSON with a charset parameter, and body-less POSTs whatever they declare', async () => {
    const created = await sendRaw(
      `${t.url}/api/rooms`,
      'POST',
      JSON.stringify({ user_id: user, room_name: 'With charset' }),
      { 'Content-Type': 'application/json; charset=utf-8' },
    );
    expect(created.status).toBe(201);
    for (const headers of [{}, { 'Content-Type': 'text/plain' }]) {
      const stop = await fetch(`${t.url}/api/session/${sessionId}/stop?user_id=${user}`, {
        method: 'POST',
        headers,
      });
      expect(stop.status).toBe(404);
      expect(await stop.json()).toMatchObject({ error_code: 'STREAM_NOT_FOUND' });
    }
  });
});

describe('corrupt compressed bodies', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const internalErrors = async () => {
    const text = (await request(t.url).get('/metrics').expect(200)).text;
    const line = text
      .split('\n')
      .find((l) => l.startsWith('errors_total{error_type="INTERNAL_ERROR"}'));
    return line === undefined ? 0 : Number(line.split(' ')[1]);
  };

  it.each(['gzip', 'deflate', 'br'])(
    'answers a corrupt %s body 400 VALIDATION_ERROR, not an internal error',
    async (encoding) => {
      const user = newUserId();
      const before = await internalErrors();
      const res = await sendRaw(
        `${t.url}/api/rooms?user_id=${user}`,
        'POST',
        'not compressed at all',
        {
          'Content-Type': 'application/json',
          'Content-Encoding': encoding,
        },
      );
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ success: false, error_code: 'VALIDATION_ERROR' });
      expect(res.body.error).toMatch(/Content-Encoding/);
      expect(await internalErrors()).toBe(before);
      expect(await t.db.collection('chat_rooms').countDocuments({ user_id: user })).toBe(0);
    },
  );

  it('still takes a well-formed compressed body', async () => {
    const user = newUserId();
    const res = await sendRaw(
      `${t.url}/api/rooms`,
      'POST',
      new Uint8Array(gzipSync(JSON.stringify({ user_id: user, room_name: 'Zipped' }))),
      { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ data: { room_name: 'Zipped' } });
  });
});

describe('null in an optional field means "not given"', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SIMULATED_LLM_DELAY_MS: '0', SIMULATED_LLM_WORDS: '3' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a room with the defaults when room_name and metadata are null', async () => {
    const user = newUserId();
    const res = await request(t.url)
      .post('/api/rooms')
      .send({ user_id: user, room_name: null, metadata: null })
      .expect(201);
    expect(res.body).toMatchObject({ data: { room_name: 'New conversation', metadata: {} } });
  });

  it('resets every agent when agent_type is null, and takes a null user_id as absent', async () => {
    const { user, sessionId } = await newConversation(t.url);
    const stream = await openSse(`${t.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message: 'hello', agent_type: 'nutrition' },
    });
    await stream.rest();
    const res = await request(t.url)
      .post(`/api/session/${sessionId}/reset?user_id=${user}`)
      .send({ user_id: null, agent_type: null })
      .expect(200);
    expect(res.body).toMatchObject({ data: { reset_scope: 'all', conversations_cleared: 1 } });
  });

  it('keeps the name on a PATCH with room_name null, while a null metadata key still removes it', async () => {
    const user = newUserId();
    const room = await createRoom(t.url, user, { room_name: 'Kept', metadata: { a: 1, b: 2 } });
    const res = await request(t.url)
      .patch(`/api/rooms/${room.room_id}`)
      .send({ user_id: user, room_name: null, metadata: { b: null }, metadata_mode: null })
      .expect(200);
    expect(res.body).toMatchObject({ data: { room_name: 'Kept', metadata: { a: 1 } } });
    expect((res.body as { data: { metadata: object } }).data.metadata).not.toHaveProperty('b');
    const nothing = await request(t.url)
      .patch(`/api/rooms/${room.room_id}`)
      .send({ user_id: user, room_name: null, metadata: null })
      .expect(400);
    expect(nothing.body).toMatchObject({ error_code: 'VALIDATION_ERROR' });
  });

  it('streams with room_id and agent_type null', async () => {
    const { user, sessionId } = await newConversation(t.url);
    const stream = await openSse(`${t.url}/api/chat/message`, {
      body: {
        user_id: user,
        session_id: sessionId,
        message: 'hi',
        room_id: null,
        agent_type: null,
      },
    });
    expect(stream.status).toBe(200);
    const events = await stream.rest();
    expect(events[events.length - 1].event).toBe('done');
  });

  it.each([
    ['POST /api/session/create', '/api/session/create', { room_id: null }, 'room_id'],
    [
      'POST /api/chat/message',
      '/api/chat/message',
      { session_id: null, message: 'hi' },
      'session_id',
    ],
    ['POST /api/chat/message', '/api/chat/message', { message: null }, 'message'],
  ])('still refuses null in a required field (%s %s)', async (_label, path, fields, field) => {
    // A real session, so the session guard lets the request reach body validation.
    const { user, sessionId } = await newConversation(t.url);
    const res = await request(t.url)
      .post(path)
      .send({ user_id: user, session_id: sessionId, ...fields })
      .expect(400);
    expect(res.body).toMatchObject({ error_code: 'VALIDATION_ERROR' });
    expect((res.body as { details: { field: string }[] }).details.map((d) => d.field)).toContain(
      field,
    );
  });
});
