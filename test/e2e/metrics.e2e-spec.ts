import request from 'supertest';
import { MetricsServer } from '../../src/metrics/metrics-server';
import { newConversation, newUserId } from '../support/factories';
import { openSse } from '../support/sse-client';
import { startTestApp, type TestApp } from '../support/test-app';

const NAMES = [
  'room_creations_total',
  'chat_requests_total',
  'errors_total',
  'active_streams',
  'active_sessions',
  'response_time_seconds',
  'db_query_seconds',
  'stream_duration_seconds',
  'time_to_first_token_seconds',
  'stream_capacity',
  'stream_stop_failures_total',
  'stream_recoveries_total',
  'turn_outbox_size',
  'turn_outbox_dropped_total',
  'rooms_retired_total',
  'rooms_purged_total',
  'mongodb_up',
  'mongodb_connection_pool_connections',
  'mongodb_connection_pool_checked_out',
  'mongodb_connection_pool_available',
  'mongodb_connection_pool_wait_queue',
  'mongodb_connection_pool_max_size',
  'nodejs_eventloop_lag_p99_seconds',
  'process_cpu_seconds_total',
  'nodejs_heap_size_used_bytes',
];

/** Sum of a metric's samples whose label set contains `labels`. */
function value(exposition: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of exposition.split('\n')) {
    const match = /^([a-z_:]+)(\{[^}]*\})? ([-\d.e+]+|NaN)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const labelText = match[2] ?? '';
    if (Object.entries(labels).every(([key, val]) => labelText.includes(`${key}="${val}"`)))
      sum += Number(match[3]);
  }
  return sum;
}

describe('/metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      SIMULATED_LLM_DELAY_MS: '1',
      SIMULATED_LLM_WORDS: '20',
      STREAM_CAPACITY: '77',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const scrape = async () =>
    (
      await request(t.url)
        .get('/metrics')
        .expect(200)
        .expect('Content-Type', /text\/plain/)
    ).text;

  it('exposes the reference design names plus process metrics, publicly', async () => {
    const text = await scrape();
    for (const name of NAMES) expect(text).toContain(`# TYPE ${name} `);
  });

  it('moves with rooms, streams, errors and database commands, with no ids in labels', async () => {
    const before = await scrape();
    const { user, sessionId } = await newConversation(t.url);
    const stream = await openSse(`${t.url}/api/chat/message`, {
      body: {
        user_id: user,
        session_id: sessionId,
        message: 'a study about diet',
        agent_type: 'nutrition',
      },
    });
    await stream.rest();
    await request(t.url).get(`/api/rooms/not-a-room?user_id=${newUserId()}`).expect(400);
    const after = await scrape();

    expect(value(after, 'room_creations_total') - value(before, 'room_creations_total')).toBe(1);
    expect(
      value(after, 'chat_requests_total', { agent_type: 'nutrition', status: 'completed' }) -
        value(before, 'chat_requests_total', { agent_type: 'nutrition', status: 'completed' }),
    ).toBe(1);
    expect(value(after, 'errors_total', { error_type: 'VALIDATION_ERROR' })).toBeGreaterThan(
      value(before, 'errors_total', { error_type: 'VALIDATION_ERROR' }),
    );
    expect(value(after, 'stream_duration_seconds_count')).toBeGreaterThan(
      value(before, 'stream_duration_seconds_count'),
    );
    expect(value(after, 'time_to_first_token_seconds_count')).toBeGreaterThan(
      value(before, 'time_to_first_token_seconds_count'),
    );
    expect(value(after, 'db_query_seconds_count', { command: 'insert' })).toBeGreaterThan(
      value(before, 'db_query_seconds_count', { command: 'insert' }),
    );
    expect(
      value(after, 'response_time_seconds_count', {
        method: 'POST',
        route: '/api/rooms',
        status: '201',
      }),
    ).toBeGreaterThan(0);
    expect(value(after, 'active_sessions')).toBeGreaterThan(0);
    expect(value(after, 'active_streams')).toBe(0);
    expect(after).not.toMatch(/(room|session|stream|msg)_[0-9a-f]{8}-/);
    expect(after).not.toContain(user);
  });

  it("reports the database's connection pool from the driver's events, and that it is up", async () => {
    await Promise.all(
      Array.from({ length: 8 }, () => request(t.url).get(`/api/rooms?user_id=${newUserId()}`)),
    );
    const text = await scrape();
    const server = /^mongodb_connection_pool_connections\{server="([^"]+)"\}/m.exec(text)?.[1];
    expect(server).toBe(new URL(process.env.MONGODB_URI as string).host);
    const pool = (name: string) =>
      value(text, `mongodb_connection_pool_${name}`, { server: server as string });
    expect(pool('connections')).toBeGreaterThan(0);
    expect(pool('connections')).toBeLessThanOrEqual(pool('max_size'));
    expect(pool('available') + pool('checked_out')).toBe(pool('connections'));
    expect(pool('wait_queue')).toBe(0);
    expect(pool('max_size')).toBe(100);
    expect(value(text, 'mongodb_up')).toBe(1);
    expect(value(text, 'stream_capacity')).toBe(77);
  });
});

describe('METRICS_PORT: /metrics on a port of its own', () => {
  let t: TestApp;
  let metricsUrl: string;
  beforeAll(async () => {
    t = await startTestApp({ HOST: '127.0.0.1', METRICS_PORT: '0' });
    metricsUrl = `http://127.0.0.1:${t.app.get(MetricsServer).port()}`;
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves the exposition on the metrics port, and nothing else there', async () => {
    const res = await request(metricsUrl)
      .get('/metrics')
      .expect(200)
      .expect('Content-Type', /text\/plain/);
    for (const name of NAMES) expect(res.text).toContain(`# TYPE ${name} `);
    expect(res.headers['cache-control']).toBe('no-store');
    for (const path of ['/', '/api/rooms', '/healthz', '/docs']) {
      const other = await request(metricsUrl).get(path).expect(404);
      expect(other.body).toMatchObject({ success: false, error_code: 'NOT_FOUND' });
    }
    await request(metricsUrl).post('/metrics').expect(405);
  });

  it('answers /metrics on the API port 404, like any unknown path', async () => {
    const res = await request(t.url).get('/metrics').expect(404);
    expect(res.body).toMatchObject({ error_code: 'NOT_FOUND', error: 'No route for GET /metrics' });
    expect(res.text).not.toContain('# TYPE');
    await request(t.url).get('/healthz').expect(200);
  });

  it('stops listening when its app closes', async () => {
    const another = await startTestApp({ HOST: '127.0.0.1', METRICS_PORT: '0' });
    const port = another.app.get(MetricsServer).port();
    await request(`http://127.0.0.1:${port}`).get('/metrics').expect(200);
    await another.close();
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });
});

describe('METRICS_TOKEN: /metrics behind a bearer token', () => {
  const TOKEN = 'metrics-scrape-token-0123456789';
  let apiPort: TestApp;
  let ownPort: TestApp;
  let ownPortUrl: string;
  beforeAll(async () => {
    apiPort = await startTestApp({ METRICS_TOKEN: TOKEN });
    ownPort = await startTestApp({ HOST: '127.0.0.1', METRICS_PORT: '0', METRICS_TOKEN: TOKEN });
    ownPortUrl = `http://127.0.0.1:${ownPort.app.get(MetricsServer).port()}`;
  });
  afterAll(async () => {
    await apiPort.close();
    await ownPort.close();
  });

  it.each([
    ['on the API port', () => apiPort.url],
    ['on METRICS_PORT', () => ownPortUrl],
  ])('refuses a scrape without the token or with another one, %s', async (_label, url) => {
    for (const auth of [undefined, 'Bearer wrong-token-of-some-length', `Basic ${TOKEN}`, TOKEN]) {
      const scrape = request(url()).get('/metrics');
      const res = await (auth === undefined ? scrape : scrape.set('Authorization', auth)).expect(
        401,
      );
      expect(res.body).toMatchObject({ success: false, error_code: 'UNAUTHORIZED' });
      expect(res.text).not.toContain('# TYPE');
    }
    const ok = await request(url())
      .get('/metrics')
      .set('Authorization', `Bearer ${TOKEN}`)
      .expect(200);
    expect(ok.text).toContain('# TYPE errors_total ');
  });
});
