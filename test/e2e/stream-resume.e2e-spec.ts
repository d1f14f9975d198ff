import request from 'supertest';
import {
  createRoom,
  createSession,
  eventually,
  newConversation,
  newUserId,
  sharedRedis,
} from '../support/factories';
import { openSse, TERMINAL, type SseConnection, type SseEvent } from '../support/sse-client';
import { startTestApp, type TestApp } from '../support/test-app';

const conversationsOf = (t: TestApp) => t.db.collection('conversation_history');

function chunksText(events: SseEvent[]): string {
  return events
    .filter((event) => event.event === 'chunk')
    .map((event) => event.data.content as string)
    .join('');
}

/** Reads `count` events, then drops the connection as a lost network would. */
async function readThenDrop(stream: SseConnection, count: number): Promise<SseEvent[]> {
  const seen: SseEvent[] = [];
  for (let i = 0; i < count; i += 1) seen.push((await stream.next()) as SseEvent);
  stream.close();
  return seen;
}

/** The ids of a resumed stream continue where the client was, one by one, up to a terminal event. */
function expectContinuous(before: SseEvent[], after: SseEvent[]): void {
  const ids = [...before, ...after].map((event) => Number(event.id));
  expect(ids).toEqual(ids.map((_, index) => index + 1));
  expect(after.filter((event) => TERMINAL.includes(event.event))).toHaveLength(1);
  expect(TERMINAL).toContain(after[after.length - 1].event);
}

function resume(t: TestApp, streamId: string, lastEventId: number, user: string) {
  return openSse(`${t.url}/api/chat/streams/${streamId}?user_id=${user}`, {
    method: 'GET',
    headers: { 'Last-Event-ID': String(lastEventId) },
  });
}

describe('resuming a stream on the same instance (no Redis)', () => {
  let cancel: TestApp;
  let detach: TestApp;
  const answers = { SIMULATED_LLM_DELAY_MS: '15', SIMULATED_LLM_WORDS: '120' };

  beforeAll(async () => {
    cancel = await startTestApp(answers);
    detach = await startTestApp({
      ...answers,
      STREAM_ON_DISCONNECT: 'detach',
      STREAM_DETACH_GRACE_MS: '800',
    });
  });
  afterAll(async () => {
    await cancel.close();
    await detach.close();
  });

  it('detach: the answer goes on after a drop; the resume gets every missed event, then the live ones', async () => {
    const { user, sessionId } = await newConversation(detach.url);
    const stream = await openSse(`${detach.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message: 'tell me about fluids' },
    });
    const before = await readThenDrop(stream, 6);
    const streamId = before[0].data.stream_id as string;
    await new Promise((done) => setTimeout(done, 300));

    const resumed = await resume(detach, streamId, 6, user);
    expect(resumed.status).toBe(200);
    const after = await resumed.rest();
    expectContinuous(before, after);
    const done = after[after.length - 1];
    expect(done.event).toBe('done');
    expect(done.data).toMatchObject({ stored: true });
    const text = chunksText([...before, ...after]);
    expect(done.data.response).toBe(text);
    const stored = await conversationsOf(detach).find({ session_id: sessionId }).toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ status: 'completed', agent_response: text });
  });

  it('detach: with no resume within STREAM_DETACH_GRACE_MS the answer is cancelled and its partial stored', async () => {
    const { user, sessionId } = await newConversation(detach.url);
    const stream = await openSse(`${detach.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message: 'a long one' },
    });
    const before = await readThenDrop(stream, 4);
    const stored = await eventually(
      async () => (await conversationsOf(detach).findOne({ session_id: sessionId })) ?? undefined,
      5_000,
    );
    expect(stored.status).toBe('cancelled');
    // It went on while detached: more than the client saw, less than the whole answer.
    expect((stored.agent_response as string).startsWith(chunksText(before))).toBe(true);
    expect((stored.agent_response as string).length).toBeGreaterThan(chunksText(before).length);

    // Replay after the end: the rest of it, ending with the same cancelled event.
    const replay = await resume(detach, before[0].data.stream_id as string, 4, user);
    const after = await replay.rest();
    expectContinuous(before, after);
    expect(after[after.length - 1]).toMatchObject({
      event: 'cancelled',
      data: { partial_response: stored.agent_response, stored: true },
    });
  });

  it('cancel (the default): a drop ends the answer at once; the resume replays up to cancelled', async () => {
    const { user, sessionId } = await newConversation(cancel.url);
    const stream = await openSse(`${cancel.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message: 'sodium please' },
    });
    const before = await readThenDrop(stream, 5);
    const stored = await eventually(
      async () => (await conversationsOf(cancel).findOne({ session_id: sessionId })) ?? undefined,
    );
    expect(stored.status).toBe('cancelled');
    const after = await (await resume(cancel, before[0].data.stream_id as string, 5, user)).rest();
    expectContinuous(before, after);
    expect(after[after.length - 1].data.partial_response).toBe(stored.agent_response);
    expect(chunksText([...before, ...after])).toBe(stored.agent_response);
  });

  it('replays a finished stream from the start (last_event_id in the query), and 204 once the client has it all', async () => {
    const { user, sessionId } = await newConversation(cancel.url);
    const events = await (
      await openSse(`${cancel.url}/api/chat/message`, {
        body: { user_id: user, session_id: sessionId, message: 'short' },
      })
    ).rest();
    const streamId = events[0].data.stream_id as string;
    const replay = await openSse(
      `${cancel.url}/api/chat/streams/${streamId}?user_id=${user}&last_event_id=0`,
      { method: 'GET' },
    );
    expect(await replay.rest()).toEqual(events);
    const lastId = events[events.length - 1].id as string;
    await request(cancel.url)
      .get(`/api/chat/streams/${streamId}?user_id=${user}`)
      .set('Last-Event-ID', lastId)
      .expect(204);
  });

  it("refuses another user's stream and an unknown one with 404 STREAM_NOT_FOUND, a malformed id with 400", async () => {
    const { user, sessionId } = await newConversation(cancel.url);
    const events = await (
      await openSse(`${cancel.url}/api/chat/message`, {
        body: { user_id: user, session_id: sessionId, message: 'mine' },
      })
    ).rest();
    const streamId = events[0].data.stream_id as string;
    for (const [path, status, code] of [
      [`/api/chat/streams/${streamId}?user_id=${newUserId()}`, 404, 'STREAM_NOT_FOUND'],
      [
        `/api/chat/streams/stream_00000000-0000-4000-8000-000000000000?user_id=${user}`,
        404,
        'STREAM_NOT_FOUND',
      ],
      [`/api/chat/streams/not-a-stream?user_id=${user}`, 400, 'VALIDATION_ERROR'],
    ] as const) {
      const res = await request(cancel.url).get(path).expect(status);
      expect(res.body).toMatchObject({ success: false, error_code: code });
      expect(JSON.stringify(res.body)).not.toContain('mine');
    }
  });

  it("a stream route carrying Last-Event-ID never starts a turn: it resumes the session's stream (POST and EventSource GET)", async () => {
    const { user, sessionId } = await newConversation(detach.url);
    const stream = await openSse(`${detach.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message: 'once only' },
    });
    const before = await readThenDrop(stream, 3);

    // What @microsoft/fetch-event-source does when it retries: the same POST, with Last-Event-ID.
    const retried = await openSse(`${detach.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message: 'once only' },
      headers: { 'Last-Event-ID': '3' },
    });
    const after = await retried.rest();
    expectContinuous(before, after);

    // EventSource's own reconnect: the GET route with the same query and Last-Event-ID.
    const lastId = after[after.length - 1].id as string;
    const query = new URLSearchParams({
      user_id: user,
      session_id: sessionId,
      message: 'once only',
    });
    await request(detach.url)
      .get(`/api/chat/stream?${query.toString()}`)
      .set('Last-Event-ID', lastId)
      .expect(204);
    const middle = await openSse(`${detach.url}/api/chat/stream?${query.toString()}`, {
      method: 'GET',
      headers: { 'Last-Event-ID': '2' },
    });
    expect((await middle.rest()).map((event) => event.id)).toEqual(
      [...before, ...after].slice(2).map((event) => event.id),
    );
    expect(await conversationsOf(detach).countDocuments({ session_id: sessionId })).toBe(1);
  });

  it('answers a reconnect for a session that never streamed with 204, and a malformed Last-Event-ID with 400', async () => {
    const { user, sessionId } = await newConversation(cancel.url);
    await request(cancel.url)
      .post('/api/chat/stream')
      .set('Last-Event-ID', '5')
      .send({ user_id: user, session_id: sessionId, message: 'hello' })
      .expect(204);
    const bad = await request(cancel.url)
      .post('/api/chat/message')
      .set('Last-Event-ID', 'five')
      .send({ user_id: user, session_id: sessionId, message: 'hello' })
      .expect(400);
    expect(bad.body).toMatchObject({ error_code: 'VALIDATION_ERROR' });
    expect(await conversationsOf(cancel).countDocuments({ session_id: sessionId })).toBe(0);
  });
});

describe('resuming on another instance (two instances sharing Redis)', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    const env = {
      ...sharedRedis(),
      SIMULATED_LLM_DELAY_MS: '15',
      SIMULATED_LLM_WORDS: '150',
      STREAM_ON_DISCONNECT: 'detach',
      STREAM_CHECKPOINT_MS: '50',
    };
    a = await startTestApp(env);
    b = await startTestApp(env);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('a stream dropped on A resumes on B with its original ids, nothing twice, nothing missing', async () => {
    const user = newUserId();
    const room = await createRoom(a.url, user);
    const sessionId = await createSession(a.url, user, room.room_id);
    const stream = await openSse(`${a.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message: 'across instances' },
    });
    const before = await readThenDrop(stream, 8);
    const resumed = await resume(b, before[0].data.stream_id as string, 8, user);
    expect(resumed.status).toBe(200);
    const after = await resumed.rest();
    expectContinuous(before, after);
    const done = after[after.length - 1];
    expect(done.event).toBe('done');
    const text = chunksText([...before, ...after]);
    expect(done.data.response).toBe(text);
    expect(await conversationsOf(a).find({ session_id: sessionId }).toArray()).toEqual([
      expect.objectContaining({ status: 'completed', agent_response: text }),
    ]);
    // Another user cannot resume it from either instance.
    await request(b.url)
      .get(`/api/chat/streams/${before[0].data.stream_id as string}?user_id=${newUserId()}`)
      .expect(404);
  });
});
