import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import {
  ChatApiError,
  ChatConnectionError,
  isAbortError,
  type ChatClient,
  type ChatStreamEvent,
} from '../../sdk/src';
import { eventually, expectEventually, newUserId, signToken } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { messagesSent, sdkClient } from './sdk-client';

/** Enough words at a slow enough pace that a test can act while the answer streams. */
const SLOW_ANSWER = { SIMULATED_LLM_DELAY_MS: '15', SIMULATED_LLM_WORDS: '200' };

async function newSession(client: ChatClient): Promise<{ roomId: string; sessionId: string }> {
  const room = await client.createRoom({ room_name: 'SDK test room' });
  const session = await client.createSession(room.room_id);
  return { roomId: room.room_id, sessionId: session.session_id };
}

/** Collects events until `count` chunks arrived. */
async function untilChunks(
  stream: AsyncIterable<ChatStreamEvent>,
  count: number,
): Promise<ChatStreamEvent[]> {
  const seen: ChatStreamEvent[] = [];
  for await (const event of stream) {
    seen.push(event);
    if (seen.filter((e) => e.type === 'chunk').length >= count) break;
  }
  return seen;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

describe('the SDK against the real API', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(SLOW_ANSWER);
  });
  afterAll(() => t.close());

  describe('rooms', () => {
    it('creates, lists by last activity, renames, tags, soft-deletes and erases rooms', async () => {
      const { client } = sdkClient(t.url, { userId: newUserId() });
      const first = await client.createRoom({ room_name: 'First', metadata: { tags: ['kidney'] } });
      const second = await client.createRoom({ room_name: 'Second' });
      expect(first).toMatchObject({ room_name: 'First', message_count: 0, last_message: null });

      const session = await client.createSession(first.room_id);
      await client.streamMessage({ session_id: session.session_id, message: 'Hello' }).result;
      // The room's summary is written just after the terminal event: the list follows.
      const listed = await expectEventually(() => client.listRooms(), {
        rooms: [{ room_id: first.room_id, last_message: { user_input: 'Hello' } }, {}],
      });
      expect(listed.rooms.map((room) => room.room_id)).toEqual([first.room_id, second.room_id]);

      const renamed = await client.updateRoom(second.room_id, {
        room_name: 'Renamed',
        metadata: { tags: ['diet'] },
      });
      expect(renamed).toMatchObject({ room_name: 'Renamed', metadata: { tags: ['diet'] } });
      expect((await client.listRooms({ tag: 'diet' })).rooms.map((r) => r.room_id)).toEqual([
        second.room_id,
      ]);

      expect(await client.deleteRoom(second.room_id)).toMatchObject({ permanent: false });
      expect(await client.deleteRoom(first.room_id, { permanent: true })).toEqual({
        room_id: first.room_id,
        permanent: true,
        conversations_deleted: 1,
      });
      expect((await client.listRooms()).total).toBe(0);
      await expect(client.getRoom(first.room_id)).rejects.toMatchObject({
        status: 404,
        error_code: 'ROOM_NOT_FOUND',
      });
    });

    it('pages room history, newest first', async () => {
      const { client } = sdkClient(t.url, { userId: newUserId() });
      const { roomId, sessionId } = await newSession(client);
      for (const message of ['one', 'two', 'three']) {
        await client.streamMessage({ session_id: sessionId, message }).result;
      }
      const page = await client.getRoomHistory(roomId, { limit: 2 });
      expect(page.total).toBe(3);
      expect(page.conversations.map((turn) => turn.user_input)).toEqual(['three', 'two']);
      const older = await client.getRoomHistory(roomId, { limit: 2, offset: 2 });
      expect(older.conversations.map((turn) => turn.user_input)).toEqual(['one']);
    });
  });

  describe('streamMessage', () => {
    it('yields start, chunks, then done; the text grows to the stored answer', async () => {
      const { client, sent } = sdkClient(t.url, { userId: newUserId() });
      const { roomId, sessionId } = await newSession(client);
      const stream = client.streamMessage({ session_id: sessionId, message: 'What is eGFR?' });
      const texts: string[] = [];
      stream.onText((text) => texts.push(text));

      const events: ChatStreamEvent[] = [];
      for await (const event of stream) events.push(event);

      expect(events[0]).toMatchObject({
        type: 'start',
        data: { session_id: sessionId, room_id: roomId },
      });
      const chunks = events.filter((event) => event.type === 'chunk');
      expect(chunks.length).toBeGreaterThan(10);
      const done = events[events.length - 1];
      expect(events.filter((event) => ['done', 'cancelled', 'error'].includes(event.type))).toEqual(
        [done],
      );
      if (done.type !== 'done') throw new Error(`expected done, got ${done.type}`);
      const joined = chunks
        .map((event) => (event.type === 'chunk' ? event.data.content : ''))
        .join('');
      expect(done.data.response).toBe(joined);
      expect(stream.text).toBe(joined);
      // Each text seen is a longer prefix of the answer than the one before.
      for (let i = 1; i < texts.length; i += 1) {
        expect(texts[i].startsWith(texts[i - 1])).toBe(true);
        expect(texts[i].length).toBeGreaterThan(texts[i - 1].length);
      }
      expect(await stream.result).toBe(done);
      expect(Number(events[events.length - 1].id)).toBeGreaterThan(Number(events[0].id));
      expect(stream.last_event_id).toBe(done.id);

      const history = await client.getRoomHistory(roomId);
      expect(history.conversations).toEqual([
        expect.objectContaining({
          message_id: done.data.message_id,
          agent_response: joined,
          status: 'completed',
        }),
      ]);
      expect(messagesSent(sent)).toHaveLength(1);
    });

    it('stop() ends the answer with cancelled and resolves with the stored partial', async () => {
      const { client } = sdkClient(t.url, { userId: newUserId() });
      const { roomId, sessionId } = await newSession(client);
      const stream = client.streamMessage({ session_id: sessionId, message: 'Tell me everything' });
      await untilChunks(stream, 3);

      const stopped = await stream.stop();
      const terminal = await stream.result;
      expect(terminal.type).toBe('cancelled');
      if (terminal.type !== 'cancelled') return;
      expect(stopped).toMatchObject({
        session_id: sessionId,
        stream_id: stream.stream_id,
        stream_status: 'cancelled',
        partial_response: terminal.data.partial_response,
      });
      expect(stream.text).toBe(terminal.data.partial_response);
      expect(stream.text.length).toBeGreaterThan(0);

      const history = await client.getRoomHistory(roomId);
      expect(history.conversations).toEqual([
        expect.objectContaining({ status: 'cancelled', agent_response: stopped.partial_response }),
      ]);
    });

    it('stop() sent right after the message waits for the stream to start', async () => {
      const { client } = sdkClient(t.url, { userId: newUserId() });
      const { sessionId } = await newSession(client);
      const stream = client.streamMessage({ session_id: sessionId, message: 'Quick stop' });
      const stopped = await stream.stop();
      expect(stopped.stream_id).toBe(stream.stream_id);
      expect((await stream.result).type).toBe('cancelled');
    });

    it('stop() after the answer ended is STREAM_NOT_FOUND', async () => {
      const { client } = sdkClient(t.url, { userId: newUserId() });
      const { sessionId } = await newSession(client);
      const stream = client.streamMessage({ session_id: sessionId, message: 'Short one' });
      await stream.result;
      await expect(stream.stop()).rejects.toMatchObject({
        status: 404,
        error_code: 'STREAM_NOT_FOUND',
      });
    });

    it('abort() closes the connection: the server keeps the partial and nothing is sent again', async () => {
      const { client, sent } = sdkClient(t.url, { userId: newUserId() });
      const { roomId, sessionId } = await newSession(client);
      const stream = client.streamMessage({ session_id: sessionId, message: 'Abort me' });
      await untilChunks(stream, 3);
      stream.abort();

      const failure: unknown = await stream.result.catch((error: unknown) => error);
      expect(isAbortError(failure)).toBe(true);
      await expect(
        (async () => {
          for await (const _event of stream) void _event;
        })(),
      ).rejects.toMatchObject({ name: 'AbortError' });

      const stored = await eventually(async () => {
        const { conversations } = await client.getRoomHistory(roomId);
        return conversations.length > 0 ? conversations : undefined;
      });
      expect(stored).toEqual([expect.objectContaining({ status: 'cancelled' })]);
      expect(stream.text.startsWith(stored[0].agent_response.slice(0, stream.text.length))).toBe(
        true,
      );
      await new Promise((done) => setTimeout(done, 300));
      expect(messagesSent(sent)).toHaveLength(1);
    });

    it('a refused message rejects with the typed error, before any event, and is not re-sent', async () => {
      const { client, sent } = sdkClient(t.url, { userId: newUserId() });
      const stream = client.streamMessage({
        session_id: 'session_00000000-0000-4000-8000-000000000000',
        message: 'Hello',
      });
      const error = (await stream.result.catch((e: unknown) => e)) as ChatApiError;
      expect(error).toBeInstanceOf(ChatApiError);
      expect(error).toMatchObject({ status: 404, error_code: 'SESSION_NOT_FOUND' });
      expect(error.request_id).toBe(messagesSent(sent)[0].response?.headers.get('x-request-id'));
      expect(stream.start).toBeUndefined();
      expect(stream.ended).toBe(true);
      await expect(stream.stop()).rejects.toBe(error);
      expect(messagesSent(sent)).toHaveLength(1);
    });

    it('validation errors carry the field details', async () => {
      const { client } = sdkClient(t.url, { userId: newUserId() });
      const { sessionId } = await newSession(client);
      const error = await client
        .streamMessage({ session_id: sessionId, message: '   ' })
        .result.catch((e: unknown) => e);
      expect(error).toMatchObject({
        status: 400,
        error_code: 'VALIDATION_ERROR',
        details: [expect.objectContaining({ field: 'message' })],
      });
    });

    it('a second message while one streams is STREAM_ALREADY_ACTIVE; the first goes on', async () => {
      const { client } = sdkClient(t.url, { userId: newUserId() });
      const { sessionId } = await newSession(client);
      const first = client.streamMessage({ session_id: sessionId, message: 'First' });
      await untilChunks(first, 1);
      const second = client.streamMessage({ session_id: sessionId, message: 'Second' });
      await expect(second.result).rejects.toMatchObject({
        status: 409,
        error_code: 'STREAM_ALREADY_ACTIVE',
      });
      expect((await first.result).type).toBe('done');
    });
  });

  describe('authentication', () => {
    it('sends a token, fixed or from a function', async () => {
      const user = newUserId();
      const token = await signToken(user);
      const fixed = sdkClient(t.url, { token }).client;
      const room = await fixed.createRoom({ room_name: 'With a token' });
      expect(room.user_id).toBe(user);
      const refreshed = sdkClient(t.url, { token: () => Promise.resolve(token) }).client;
      expect((await refreshed.listRooms()).rooms.map((r) => r.room_id)).toEqual([room.room_id]);
      const { sessionId } = await newSession(fixed);
      const done = await fixed.streamMessage({ session_id: sessionId, message: 'Hi' }).result;
      expect(done.type).toBe('done');
    });

    it('a bad token is UNAUTHORIZED', async () => {
      const { client } = sdkClient(t.url, { token: 'not.a.token' });
      await expect(client.listRooms()).rejects.toMatchObject({
        status: 401,
        error_code: 'UNAUTHORIZED',
      });
    });
  });

  it('an unreachable server is a ChatConnectionError, for calls and streams', async () => {
    const { client } = sdkClient(`http://127.0.0.1:${await closedPort()}`, { userId: newUserId() });
    await expect(client.listRooms()).rejects.toBeInstanceOf(ChatConnectionError);
    const stream = client.streamMessage({
      session_id: 'session_00000000-0000-4000-8000-000000000000',
      message: 'Hello',
    });
    await expect(stream.result).rejects.toBeInstanceOf(ChatConnectionError);
  });
});

describe('the SDK and rate limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_MESSAGES: '1', RATE_LIMIT_MESSAGES_WINDOW_MS: '60000' });
  });
  afterAll(() => t.close());

  it('a rate-limited message carries Retry-After in seconds and is not re-sent', async () => {
    const { client, sent } = sdkClient(t.url, { userId: newUserId() });
    const { sessionId } = await newSession(client);
    await client.streamMessage({ session_id: sessionId, message: 'One' }).result;
    const error = (await client
      .streamMessage({ session_id: sessionId, message: 'Two' })
      .result.catch((e: unknown) => e)) as ChatApiError;
    expect(error).toMatchObject({ status: 429, error_code: 'RATE_LIMITED' });
    expect(error.retry_after_seconds).toBeGreaterThan(0);
    expect(error.retry_after_seconds).toBeLessThanOrEqual(60);
    expect(messagesSent(sent)).toHaveLength(2);
  });
});
