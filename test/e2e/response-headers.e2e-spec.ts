import request from 'supertest';
import { createRoom, newConversation, newUserId } from '../support/factories';
import { openSse } from '../support/sse-client';
import { startTestApp, type TestApp } from '../support/test-app';

/** What Nest's SSE answer sets; the stream routes keep it. */
const SSE_CACHE_CONTROL = 'private, no-cache, no-store, must-revalidate, max-age=0, no-transform';

describe('response headers: caching and content security policy', () => {
  let t: TestApp;
  let user: string;
  let roomId: string;
  beforeAll(async () => {
    t = await startTestApp({ SIMULATED_LLM_DELAY_MS: '0', SIMULATED_LLM_WORDS: '3' });
    user = newUserId();
    roomId = (await createRoom(t.url, user, { room_name: 'Patient data' })).room_id;
  });
  afterAll(async () => {
    await t.close();
  });

  const jsonAnswers = (): [string, () => request.Test, number][] => [
    ['a room', () => request(t.url).get(`/api/rooms/${roomId}?user_id=${user}`), 200],
    ['the room list', () => request(t.url).get(`/api/rooms?user_id=${user}`), 200],
    ['a created room', () => request(t.url).post('/api/rooms').send({ user_id: user }), 201],
    [
      'a room history',
      () => request(t.url).get(`/api/rooms/${roomId}/history?user_id=${user}`),
      200,
    ],
    ['a validation error', () => request(t.url).get(`/api/rooms/nope?user_id=${user}`), 400],
    ['an unknown route', () => request(t.url).get('/api/nothing'), 404],
    ['the health report', () => request(t.url).get('/api/health'), 200],
    ['liveness', () => request(t.url).get('/healthz'), 200],
    ['metrics', () => request(t.url).get('/metrics'), 200],
  ];

  it.each(jsonAnswers())(
    'answers %s with Cache-Control: no-store and no ETag',
    async (_label, call, status) => {
      const res = await call().expect(status);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers.etag).toBeUndefined();
    },
  );

  it('never answers 304 to a revalidation, since nothing may be cached', async () => {
    const res = await request(t.url)
      .get(`/api/rooms/${roomId}?user_id=${user}`)
      .set('If-None-Match', '*')
      .expect(200);
    expect(res.body).toMatchObject({ data: { room_name: 'Patient data' } });
  });

  it('keeps the SSE answer headers as they were', async () => {
    const { user: streamer, sessionId } = await newConversation(t.url);
    const stream = await openSse(`${t.url}/api/chat/message`, {
      body: { user_id: streamer, session_id: sessionId, message: 'hello' },
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('cache-control')).toBe(SSE_CACHE_CONTROL);
    expect(stream.headers.get('x-accel-buffering')).toBe('no');
    expect(stream.headers.get('etag')).toBeNull();
    await stream.rest();
  });

  it.each([
    ['/api/rooms', `?user_id=${'user_csp'}`],
    ['/healthz', ''],
    ['/api/nothing', ''],
    ['/docs-json', ''],
    ['/metrics', ''],
  ])('gives %s a strict CSP that loads nothing and allows no framing', async (path, query) => {
    const res = await request(t.url).get(`${path}${query}`);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it("relaxes the CSP ('unsafe-inline' for Swagger UI) on /docs and its assets only", async () => {
    const page = await request(t.url).get('/docs/').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
    const asset = await request(t.url).get('/docs/swagger-ui-init.js').expect(200);
    expect(asset.headers['content-security-policy']).toContain("'unsafe-inline'");
  });
});

describe('DOCS_ENABLED=false', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DOCS_ENABLED: 'false' });
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(['/docs', '/docs/', '/docs-json', '/docs/swagger-ui-init.js'])(
    'answers %s 404, while the API answers',
    async (path) => {
      const res = await request(t.url).get(path).expect(404);
      expect(res.body).toMatchObject({ success: false, error_code: 'NOT_FOUND' });
      await request(t.url).get(`/api/rooms?user_id=${newUserId()}`).expect(200);
    },
  );
});
