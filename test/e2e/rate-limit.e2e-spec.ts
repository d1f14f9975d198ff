import request from 'supertest';
import { createRoom, createSession, newUserId } from '../support/factories';
import { openSse } from '../support/sse-client';
import { startTestApp, type TestApp } from '../support/test-app';

const WINDOW_MS = 1_500;

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
