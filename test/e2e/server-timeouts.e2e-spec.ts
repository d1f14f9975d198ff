import { connect, type Socket } from 'node:net';
import { newConversation } from '../support/factories';
import { openSse } from '../support/sse-client';
import { startTestApp, type TestApp } from '../support/test-app';

const KEEP_ALIVE_MS = 400;
const HEADERS_MS = 800;
const REQUEST_MS = 1_200;

interface RawExchange {
  /** Everything the server sent before it closed the socket. */
  received: string;
  /** Time from the last byte sent to the close. */
  closedAfterMs: number;
}

/** Writes `parts` on a raw socket and waits for the server to close it (failing after `giveUpMs`). */
function holdSocket(url: string, parts: string[], giveUpMs: number): Promise<RawExchange> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(Number(port), hostname);
    let received = '';
    let sentAt = Date.now();
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the socket open for ${giveUpMs} ms`));
    }, giveUpMs);
    socket.on('connect', () => {
      for (const part of parts) socket.write(part);
      sentAt = Date.now();
    });
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ received, closedAfterMs: Date.now() - sentAt });
    });
  });
}

describe('server timeouts (HTTP_*_TIMEOUT_MS)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      HTTP_KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_MS),
      HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_MS),
      HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_MS),
      // 40 words 60 ms apart: a stream of about 2.4 s, twice the request timeout
      SIMULATED_LLM_DELAY_MS: '60',
      SIMULATED_LLM_WORDS: '40',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('closes a socket whose headers never finish, with 408', async () => {
    const exchange = await holdSocket(
      t.url,
      ['GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: '],
      5_000,
    );
    expect(exchange.received).toMatch(/^HTTP\/1\.1 408/);
    expect(exchange.closedAfterMs).toBeGreaterThanOrEqual(HEADERS_MS - 100);
  });

  it('closes a socket whose body never finishes, with 408', async () => {
    const exchange = await holdSocket(
      t.url,
      [
        'POST /api/rooms?user_id=user_slow_body HTTP/1.1\r\nHost: x\r\n' +
          'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"room_name":',
      ],
      5_000,
    );
    expect(exchange.received).toMatch(/^HTTP\/1\.1 408/);
    expect(await t.db.collection('chat_rooms').countDocuments({ user_id: 'user_slow_body' })).toBe(
      0,
    );
  });

  it('closes an idle keep-alive connection after HTTP_KEEP_ALIVE_TIMEOUT_MS', async () => {
    const exchange = await holdSocket(
      t.url,
      ['GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n'],
      5_000,
    );
    expect(exchange.received).toMatch(/^HTTP\/1\.1 200/);
    expect(exchange.closedAfterMs).toBeGreaterThanOrEqual(KEEP_ALIVE_MS - 100);
  });

  it('lets an SSE answer run past the request timeout to its terminal event', async () => {
    const { user, sessionId } = await newConversation(t.url);
    const started = Date.now();
    const stream = await openSse(`${t.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message: 'tell me a long story' },
    });
    expect(stream.status).toBe(200);
    const events = await stream.rest();
    expect(Date.now() - started).toBeGreaterThan(REQUEST_MS * 1.5);
    expect(events[events.length - 1].event).toBe('done');
    expect(events.filter((event) => event.event === 'chunk')).toHaveLength(40);
  });
});
