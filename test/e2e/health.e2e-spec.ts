import request from 'supertest';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../tools/embedded-db';
import { createRoom, eventually, newConversation, newUserId } from '../support/factories';
import { openSse } from '../support/sse-client';
import { startTestApp, type TestApp } from '../support/test-app';

describe('health endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers liveness, readiness and the detailed report', async () => {
    const live = await request(t.url).get('/healthz').expect(200);
    expect(live.body).toMatchObject({ success: true, data: { status: 'alive' } });
    const ready = await request(t.url).get('/readyz').expect(200);
    expect(ready.body).toMatchObject({ data: { status: 'ready', checks: { mongodb: 'up' } } });
    const report = await request(t.url).get('/api/health').expect(200);
    expect(report.body).toMatchObject({
      data: {
        status: 'healthy',
        version: expect.any(String),
        checks: { mongodb: { status: 'healthy' } },
      },
    });
  });

  it('serves Swagger UI and the OpenAPI JSON', async () => {
    const ui = await request(t.url).get('/docs').expect(200);
    expect(ui.text).toContain('swagger-ui');
    const spec = await request(t.url).get('/docs-json').expect(200);
    expect((spec.body as { paths: Record<string, unknown> }).paths).toHaveProperty('/api/rooms');
  });
});

describe('stream capacity', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      STREAM_CAPACITY: '1',
      SIMULATED_LLM_DELAY_MS: '20',
      SIMULATED_LLM_WORDS: '500',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 503 beyond STREAM_CAPACITY and reports streams as degraded', async () => {
    const a = await newConversation(t.url);
    const b = await newConversation(t.url);
    const first = await openSse(`${t.url}/api/chat/message`, {
      body: { user_id: a.user, session_id: a.sessionId, message: 'one' },
    });
    expect(first.status).toBe(200);
    const second = await openSse(`${t.url}/api/chat/message`, {
      body: { user_id: b.user, session_id: b.sessionId, message: 'two' },
    });
    expect(second.status).toBe(503);
    expect(second.json).toMatchObject({ error_code: 'SERVICE_UNAVAILABLE' });
    const report = await request(t.url).get('/api/health').expect(200);
    expect(report.body).toMatchObject({
      data: {
        status: 'degraded',
        checks: {
          streams: { status: 'degraded', active_count: 1, capacity: 1 },
          sessions: { active_count: 2 },
        },
      },
    });
    first.close();
  });
});

describe('database outage', () => {
  // This test stops its database, so it runs its own instead of the shared one.
  let db: EmbeddedDatabase;
  let t: TestApp;
  beforeAll(async () => {
    db = await startEmbeddedDatabase({ ownServer: true, log: () => undefined });
    t = await startTestApp({ MONGODB_URI: db.uri, MONGODB_SERVER_SELECTION_TIMEOUT_MS: '1000' });
  });
  afterAll(async () => {
    await t.close();
    await db.stop();
  });

  const mongodbUp = async () => {
    const text = (await request(t.url).get('/metrics').expect(200)).text;
    return Number(/^mongodb_up (\d+)$/m.exec(text)?.[1]);
  };

  it('answers 503 SERVICE_UNAVAILABLE quickly while the database is down, then recovers by itself', async () => {
    const user = newUserId();
    const room = await createRoom(t.url, user, { room_name: 'Survives' });

    await db.suspend();
    for (const call of [
      () => request(t.url).get(`/api/rooms?user_id=${user}`),
      () => request(t.url).post('/api/rooms').send({ user_id: user }),
      () => request(t.url).get('/readyz'),
    ]) {
      const res = await call().timeout(15_000);
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ success: false, error_code: 'SERVICE_UNAVAILABLE' });
      expect(JSON.stringify(res.body)).not.toMatch(/Mongo|ECONNREFUSED|127\.0\.0\.1/);
    }
    const report = await request(t.url).get('/api/health').expect(200);
    expect(report.body).toMatchObject({
      data: { status: 'unhealthy', checks: { mongodb: { status: 'unhealthy' } } },
    });
    // liveness does not depend on the database: the pod must not be restarted for it
    await request(t.url).get('/healthz').expect(200);
    // what the MongoDBDown alert watches
    await eventually(async () => ((await mongodbUp()) === 0 ? true : undefined), 10_000);

    await db.resume();
    let recovered = false;
    for (let attempt = 0; attempt < 60 && !recovered; attempt += 1) {
      const res = await request(t.url).get(`/api/rooms/${room.room_id}?user_id=${user}`);
      recovered = res.status === 200;
      if (!recovered) await new Promise((done) => setTimeout(done, 500));
    }
    expect(recovered).toBe(true);
    await request(t.url).get('/readyz').expect(200);
    await eventually(async () => ((await mongodbUp()) === 1 ? true : undefined), 10_000);
  });
});
