import request from 'supertest';
import { createRoom, createSession, newUserId } from '../support/factories';
import { openSse } from '../support/sse-client';
import { startTestApp, type TestApp } from '../support/test-app';

// Long enough that a busy machine still sends the first test's four creates within one window.
const WINDOW_MS = 4_000;

async function createRooms(t: TestApp, user: string, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1)
    statuses.push((await request(t.url).post('/api/rooms').send({ user_id: user })).status);
  return statuses;
}

describe.each([
  ['in memory', {}],
  ['in Redis', { REDIS_URL: 'redis://127.0.0.1:6379' }],
])('rate limits, counted %s', (_label, extraEnv: Record<string, string>) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      ...extraEnv,
      RATE_LIMIT_ROOM_CREATES: '3',
      RATE_LIMIT_ROOM_CREATES_WINDOW_MS: String(WINDOW_MS),
      RATE_LIMIT_MESSAGES: '2',
      RATE_LIMIT_MESSAGES_WINDOW_MS: String(WINDOW_MS),
      SIMULATED_LLM_DELAY_MS: '0',
      SIMULATED_LLM_WORDS: '3',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 429 RATE_LIMITED with Retry-After past the room-creation limit, per user, then recovers', async () => {
    const user = newUserId();
    expect(await createRooms(t, user, 3)).toEqual([201, 201, 201]);
    const limited = await request(t.url).post('/api/rooms').send({ user_id: user }).expect(429);
    expect(limited.body).toMatchObject({ success: false, error_code: 'RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(await t.db.collection('chat_rooms').countDocuments({ user_id: user })).toBe(3);

    // another user has a budget of their own; reads are not limited
    expect(await createRooms(t, newUserId(), 1)).toEqual([201]);
    await request(t.url).get(`/api/rooms?user_id=${user}`).expect(200);

    await new Promise((done) => setTimeout(done, WINDOW_MS + 300));
    expect(await createRooms(t, user, 1)).toEqual([201]);
  });

  it('spends the creation budget only on creates that pass validation', async () => {
    const user = newUserId();
    const refused: [number, Record<string, unknown>][] = [
      [400, { room_name: 42 }],
      [400, { room_name: '   ' }],
      [400, { room_name: 'n'.repeat(101) }],
      [400, { metadata: { blob: 'x'.repeat(11_000) } }],
      [400, { metadata: { $where: 1 } }],
      [400, { colour: 'blue' }],
      [400, { room_name: 'a\u0000b' }],
      [400, { metadata: 'tags' }],
      [400, { room_name: ['a'] }],
      [400, { metadata: { tags: 'kidney' } }],
    ];
    for (const [status, fields] of refused) {
      await request(t.url)
        .post('/api/rooms')
        .send({ user_id: user, ...fields })
        .expect(status);
    }
    // and bodies refused before parsing: not JSON, or too large
    const asText = await fetch(`${t.url}/api/rooms?user_id=${user}`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: '{"room_name":"text"}',
    });
    expect(asText.status).toBe(415);
    await request(t.url)
      .post('/api/rooms')
      .send({ user_id: user, metadata: { blob: 'x'.repeat(70 * 1024) } })
      .expect(413);

    expect(await createRooms(t, user, 3)).toEqual([201, 201, 201]);
    await request(t.url).post('/api/rooms').send({ user_id: user }).expect(429);
  });

  it('limits messages per user before any stream starts', async () => {
    const user = newUserId();
    const room = await createRoom(t.url, user);
    const session = await createSession(t.url, user, room.room_id);
    for (let i = 0; i < 2; i += 1) {
      const stream = await openSse(`${t.url}/api/chat/message`, {
        body: { user_id: user, session_id: session, message: `m${i}` },
      });
      expect(stream.status).toBe(200);
      await stream.rest();
    }
    const third = await openSse(`${t.url}/api/chat/message`, {
      body: { user_id: user, session_id: session, message: 'm3' },
    });
    expect(third.status).toBe(429);
    expect(third.json).toMatchObject({ error_code: 'RATE_LIMITED' });
    expect(third.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe.each([
  ['in memory', {}],
  ['in Redis', { REDIS_URL: 'redis://127.0.0.1:6379' }],
])(
  'one message budget across every route that starts a turn, counted %s',
  (_label, extraEnv: Record<string, string>) => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({
        ...extraEnv,
        // the default budget: 100 messages per minute
        RATE_LIMIT_MESSAGES: '100',
        RATE_LIMIT_MESSAGES_WINDOW_MS: '60000',
        SIMULATED_LLM_DELAY_MS: '0',
        SIMULATED_LLM_WORDS: '1',
      });
    });
    afterAll(async () => {
      await t.close();
    });

    it('answers the 101st message 429, whichever of the three routes carried the first 100', async () => {
      const user = newUserId();
      const room = await createRoom(t.url, user);
      const session = await createSession(t.url, user, room.room_id);
      const send = (route: number, message: string) =>
        route === 2
          ? openSse(
              `${t.url}/api/chat/stream?user_id=${user}&session_id=${session}&message=${message}`,
              { method: 'GET' },
            )
          : openSse(`${t.url}/api/chat/${route === 0 ? 'message' : 'stream'}`, {
              body: { user_id: user, session_id: session, message },
            });
      for (let i = 0; i < 100; i += 1) {
        const stream = await send(i % 3, `m${i}`);
        expect({ i, status: stream.status }).toEqual({ i, status: 200 });
        await stream.rest();
      }
      for (const route of [0, 1, 2]) {
        const refused = await send(route, 'one too many');
        expect({ route, status: refused.status }).toEqual({ route, status: 429 });
        expect(refused.json).toMatchObject({ error_code: 'RATE_LIMITED' });
      }
      expect(
        await t.db.collection('conversation_history').countDocuments({ session_id: session }),
      ).toBe(100);
    });
  },
);

describe('an unreachable Redis', () => {
  let t: TestApp;
  beforeAll(async () => {
    // nothing listens on port 1
    t = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:1', RATE_LIMIT_ROOM_CREATES: '1' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('makes the instance unready, while requests still go through', async () => {
    const ready = await request(t.url).get('/readyz').expect(503);
    expect(ready.body).toMatchObject({
      error_code: 'SERVICE_UNAVAILABLE',
      error: 'Not ready: redis is unreachable',
    });
    const user = newUserId();
    expect(await createRooms(t, user, 2)).toEqual([201, 201]);
  });

  it('answers 503 SERVICE_UNAVAILABLE for sessions, which live in Redis, and reports it', async () => {
    const user = newUserId();
    const room = await createRoom(t.url, user);
    const res = await request(t.url)
      .post('/api/session/create')
      .send({ user_id: user, room_id: room.room_id })
      .expect(503);
    expect(res.body).toMatchObject({ success: false, error_code: 'SERVICE_UNAVAILABLE' });
    const health = await request(t.url).get('/api/health').expect(200);
    expect(health.body).toMatchObject({
      data: { status: 'unhealthy', checks: { sessions: { status: 'unhealthy' } } },
    });
  });
});
