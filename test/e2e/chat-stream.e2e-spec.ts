import { EventSource } from 'eventsource';
import request from 'supertest';
import {
  createRoom,
  createSession,
  eventually,
  expectEventually,
  newConversation,
  newUserId,
} from '../support/factories';
import { STREAM_LIMIT_RETRY_AFTER_SECONDS } from '../../src/common/errors/domain-error';
import { openSse, TERMINAL, type SseEvent } from '../support/sse-client';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
const conversations = () => t.db.collection('conversation_history');
const rooms = () => t.db.collection('chat_rooms');
const activeStreams = () => t.db.collection('active_streams');

beforeAll(async () => {
  // Long enough answers (300 words, 10 ms apart: about 3 s) to stop them midway.
  t = await startTestApp({
    SIMULATED_LLM_DELAY_MS: '10',
    SIMULATED_LLM_WORDS: '300',
    MAX_STREAMS_PER_USER: '3',
    SSE_KEEPALIVE_MS: '200',
  });
});
afterAll(async () => {
  await t.close();
});

function send(body: Record<string, unknown>, path = '/api/chat/message') {
  return openSse(`${t.url}${path}`, { body });
}

function chunksText(events: SseEvent[]): string {
  return events
    .filter((event) => event.event === 'chunk')
    .map((event) => event.data.content as string)
    .join('');
}

describe('a full answer', () => {
  it.each([['/api/chat/message'], ['/api/chat/stream']])(
    'streams start, chunks and done over POST %s, and stores the turn',
    async (path) => {
      const { user, roomId, sessionId } = await newConversation(t.url);
      const stream = await send(
        { user_id: user, session_id: sessionId, message: 'Which foods are low in potassium?' },
        path,
      );
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const events = await stream.rest();

      expect(events[0]).toMatchObject({
        event: 'start',
        data: { session_id: sessionId, room_id: roomId, agent_type: 'nutrition' },
      });
      expect(events.slice(1, -1).every((event) => event.event === 'chunk')).toBe(true);
      expect(events.filter((event) => TERMINAL.includes(event.event))).toHaveLength(1);
      const done = events[events.length - 1];
      expect(done.event).toBe('done');
      const ids = events.map((event) => Number(event.id));
      expect(ids).toEqual(ids.map((_, index) => index + 1));

      const response = done.data.response as string;
      expect(response).toBe(chunksText(events));
      expect(response.startsWith('[Simulated reply: no language model was called.]')).toBe(true);
      expect(response.split(' ')).toHaveLength(300);
      expect(done.data.usage).toMatchObject({
        completion_tokens: expect.any(Number),
        total_tokens: expect.any(Number),
      });
      expect(stream.comments()).toBeGreaterThan(0);

      const stored = await conversations().find({ session_id: sessionId }).toArray();
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({
        message_id: done.data.message_id,
        user_id: user,
        room_id: roomId,
        agent_type: 'nutrition',
        user_input: 'Which foods are low in potassium?',
        agent_response: response,
        status: 'completed',
        metadata: {
          tokens_used: expect.any(Number),
          response_time_ms: expect.any(Number),
          model: 'careguide-simulated',
        },
      });
      await expectEventually(() => rooms().findOne({ room_id: roomId }), {
        message_count: 1,
        last_message: {
          user_input: 'Which foods are low in potassium?',
          agent_response: response,
          agent_type: 'nutrition',
        },
      });
      await expectEventually(
        () => activeStreams().findOne({ stream_id: events[0].data.stream_id }),
        {
          status: 'completed',
          cancel_requested: false,
        },
      );

      const history = await request(t.url)
        .get(`/api/chat/history?user_id=${user}&session_id=${sessionId}`)
        .expect(200);
      expect(history.body).toMatchObject({
        data: {
          total: 1,
          conversations: [{ message_id: done.data.message_id, status: 'completed' }],
        },
      });
    },
  );

  it('streams the GET route to an EventSource client', async () => {
    const { user, sessionId } = await newConversation(t.url);
    const query = new URLSearchParams({
      user_id: user,
      session_id: sessionId,
      message: 'Tell me about dialysis research',
      agent_type: 'research_paper',
    });
    const events = await new Promise<{ type: string; data: Record<string, unknown>; id: string }[]>(
      (resolve, reject) => {
        const source = new EventSource(`${t.url}/api/chat/stream?${query.toString()}`);
        const seen: { type: string; data: Record<string, unknown>; id: string }[] = [];
        for (const type of ['start', 'chunk', 'done', 'cancelled', 'error']) {
          source.addEventListener(type, (event) => {
            seen.push({
              type,
              data: JSON.parse(event.data as string) as Record<string, unknown>,
              id: event.lastEventId,
            });
            if (TERMINAL.includes(type)) {
              source.close();
              resolve(seen);
            }
          });
        }
        source.onerror = () => {
          source.close();
          reject(new Error('EventSource failed'));
        };
      },
    );
    expect(events[0]).toMatchObject({
      type: 'start',
      data: { agent_type: 'research_paper' },
      id: '1',
    });
    const done = events[events.length - 1];
    expect(done.type).toBe('done');
    const joined = events
      .filter((event) => event.type === 'chunk')
      .map((event) => event.data.content as string)
      .join('');
    expect(done.data.response).toBe(joined);
    expect(
      await conversations().countDocuments({ session_id: sessionId, status: 'completed' }),
    ).toBe(1);
  });

  it('answers a reconnect carrying Last-Event-ID with 204 and sends nothing twice', async () => {
    const { user, sessionId } = await newConversation(t.url);
    const res = await request(t.url)
      .get(`/api/chat/stream?user_id=${user}&session_id=${sessionId}&message=hello`)
      .set('Last-Event-ID', '7')
      .expect(204);
    expect(res.text).toBe('');
    expect(await conversations().countDocuments({ session_id: sessionId })).toBe(0);
  });

  it('keeps message_count exact under concurrent streams in one room', async () => {
    const user = newUserId();
    const room = await createRoom(t.url, user);
    const sessions = await Promise.all(
      [0, 1, 2].map(() => createSession(t.url, user, room.room_id)),
    );
    const results = await Promise.all(
      sessions.map(async (sessionId, i) =>
        (await send({ user_id: user, session_id: sessionId, message: `question ${i}` })).rest(),
      ),
    );
    for (const events of results) expect(events[events.length - 1].event).toBe('done');
    const stored = await expectEventually(() => rooms().findOne({ room_id: room.room_id }), {
      message_count: 3,
    });
    const newest = await conversations()
      .find({ room_id: room.room_id })
      .sort({ timestamp: -1 })
      .limit(1)
      .toArray();
    expect(stored?.last_message).toMatchObject({ user_input: newest[0].user_input as string });
  });
});

describe('stop', () => {
  it('ends the stream with cancelled, returns and stores the same partial; a second stop answers 404', async () => {
    const { user, roomId, sessionId } = await newConversation(t.url);
    const stream = await send({
      user_id: user,
      session_id: sessionId,
      message: 'Explain potassium limits',
    });
    const received: SseEvent[] = [];
    for (let i = 0; i < 6; i += 1) received.push((await stream.next()) as SseEvent);

    const stop = await request(t.url)
      .post(`/api/session/${sessionId}/stop`)
      .send({ user_id: user })
      .expect(200);
    const stopped = (
      stop.body as {
        data: { partial_response: string; status: string; stream_status: string; room_id: string };
      }
    ).data;
    expect(stopped).toMatchObject({
      status: 'stop_requested',
      stream_status: 'cancelled',
      room_id: roomId,
    });
    expect(stop.body).toMatchObject({ success: true, message: 'Stream stop requested' });

    received.push(...(await stream.rest()));
    const last = received[received.length - 1];
    expect(last.event).toBe('cancelled');
    expect(last.data.partial_response).toBe(stopped.partial_response);
    expect(chunksText(received)).toBe(stopped.partial_response);
    expect(stopped.partial_response.length).toBeGreaterThan(0);
    expect(stopped.partial_response.split(' ').length).toBeLessThan(300);

    const stored = await conversations().find({ session_id: sessionId }).toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      status: 'cancelled',
      agent_response: stopped.partial_response,
      message_id: last.data.message_id,
    });
    await expectEventually(() => rooms().findOne({ room_id: roomId }), { message_count: 1 });
    await expectEventually(() => activeStreams().findOne({ session_id: sessionId }), {
      status: 'cancelled',
      cancel_requested: true,
    });

    const again = await request(t.url)
      .post(`/api/session/${sessionId}/stop`)
      .send({ user_id: user })
      .expect(404);
    expect(again.body).toMatchObject({ success: false, error_code: 'STREAM_NOT_FOUND' });
  });

  it('stores nothing when stopped before the first word', async () => {
    const { user, sessionId } = await newConversation(t.url);
    const stream = await send({ user_id: user, session_id: sessionId, message: 'hello' });
    await stream.next(); // start
    const stop = await request(t.url)
      .post(`/api/session/${sessionId}/stop`)
      .send({ user_id: user })
      .expect(200);
    const events = await stream.rest();
    const partial = (stop.body as { data: { partial_response: string } }).data.partial_response;
    expect(events[events.length - 1].event).toBe('cancelled');
    expect(chunksText(events)).toBe(partial);
    expect(await conversations().countDocuments({ session_id: sessionId })).toBe(partial ? 1 : 0);
  });
});

describe('deleting a room while it streams', () => {
  it.each([
    ['soft', ''],
    ['permanent', '&permanent=true'],
  ])(
    '%s delete ends the stream with cancelled; a permanent one leaves no turn behind',
    async (kind, query) => {
      const { user, roomId, sessionId } = await newConversation(t.url);
      const stream = await send({ user_id: user, session_id: sessionId, message: 'a long answer' });
      for (let i = 0; i < 4; i += 1) await stream.next();
      await request(t.url).delete(`/api/rooms/${roomId}?user_id=${user}${query}`).expect(200);
      const events = await stream.rest();
      expect(events[events.length - 1].event).toBe('cancelled');
      expect(await conversations().countDocuments({ room_id: roomId })).toBe(
        kind === 'soft' ? 1 : 0,
      );
      // the session's room is gone: no new message
      const again = await send({ user_id: user, session_id: sessionId, message: 'again' });
      expect(again.status).toBe(404);
      expect(again.json).toMatchObject({ error_code: 'ROOM_NOT_FOUND' });
    },
  );
});

describe('client disconnect', () => {
  it('stores what was sent as cancelled and releases the session and user limits', async () => {
    const { user, sessionId } = await newConversation(t.url);
    const stream = await send({
      user_id: user,
      session_id: sessionId,
      message: 'Tell me about sodium',
    });
    const received: SseEvent[] = [];
    for (let i = 0; i < 5; i += 1) received.push((await stream.next()) as SseEvent);
    stream.close();

    const stored = await eventually(
      async () => (await conversations().findOne({ session_id: sessionId })) ?? undefined,
    );
    expect(stored.status).toBe('cancelled');
    expect((stored.agent_response as string).startsWith(chunksText(received))).toBe(true);
    await expectEventually(() => activeStreams().findOne({ session_id: sessionId }), {
      status: 'cancelled',
    });

    // the session and the user's count are free again: three parallel streams fit (MAX_STREAMS_PER_USER=3)
    const room2 = await createRoom(t.url, user);
    const more = await Promise.all(
      [
        sessionId,
        await createSession(t.url, user, room2.room_id),
        await createSession(t.url, user, room2.room_id),
      ].map((id) => send({ user_id: user, session_id: id, message: 'again' })),
    );
    expect(more.map((s) => s.status)).toEqual([200, 200, 200]);
    for (const s of more) s.close();
  });
});

describe('limits', () => {
  it('refuses a second stream in the same session with 409 STREAM_ALREADY_ACTIVE', async () => {
    const { user, sessionId } = await newConversation(t.url);
    const first = await send({ user_id: user, session_id: sessionId, message: 'one' });
    const second = await send({ user_id: user, session_id: sessionId, message: 'two' });
    expect(second.status).toBe(409);
    expect(second.json).toMatchObject({ success: false, error_code: 'STREAM_ALREADY_ACTIVE' });
    // The refused attempt took nothing of the running stream: Stop finds it and ends it.
    const started = await first.next();
    const stop = await request(t.url)
      .post(`/api/session/${sessionId}/stop`)
      .send({ user_id: user })
      .expect(200);
    expect(stop.body).toMatchObject({
      data: { stream_id: started?.data.stream_id, stream_status: 'cancelled' },
    });
    const partial = (stop.body as { data: { partial_response: string } }).data.partial_response;
    const rest = await first.rest();
    expect(rest[rest.length - 1]).toMatchObject({
      event: 'cancelled',
      data: { partial_response: partial },
    });
    expect(await conversations().countDocuments({ session_id: sessionId })).toBe(
      partial === '' ? 0 : 1,
    );
  });

  it('refuses a stream beyond MAX_STREAMS_PER_USER with 429 STREAM_LIMIT_EXCEEDED and Retry-After', async () => {
    const user = newUserId();
    const room = await createRoom(t.url, user);
    const sessions = await Promise.all(
      [0, 1, 2, 3].map(() => createSession(t.url, user, room.room_id)),
    );
    const open = await Promise.all(
      sessions.slice(0, 3).map((id) => send({ user_id: user, session_id: id, message: 'hi' })),
    );
    expect(open.map((s) => s.status)).toEqual([200, 200, 200]);
    const fourth = await send({ user_id: user, session_id: sessions[3], message: 'hi' });
    expect(fourth.status).toBe(429);
    expect(fourth.json).toMatchObject({ error_code: 'STREAM_LIMIT_EXCEEDED' });
    expect(fourth.headers.get('retry-after')).toBe(String(STREAM_LIMIT_RETRY_AFTER_SECONDS));
    for (const s of open) s.close();
  });

  it.each([
    ['an empty message', { message: '' }, 'message'],
    ['a blank message', { message: '   ' }, 'message'],
    ['4001 characters', { message: 'x'.repeat(4001) }, 'message'],
    ['a NUL byte', { message: 'bad\u0000byte' }, 'message'],
    ['an operator object', { message: { $gt: '' } }, 'message'],
    ['an unknown agent', { message: 'hi', agent_type: 'astrologer' }, 'agent_type'],
    ['an unknown field', { message: 'hi', extra: true }, 'extra'],
  ])('refuses %s with 400 VALIDATION_ERROR and stores nothing', async (_label, fields, field) => {
    const { user, sessionId } = await newConversation(t.url);
    const res = await send({ user_id: user, session_id: sessionId, ...fields });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      error_code: 'VALIDATION_ERROR',
      details: expect.arrayContaining([expect.objectContaining({ field })]),
    });
    expect(await conversations().countDocuments({ session_id: sessionId })).toBe(0);
  });

  it("refuses a room_id that is not the session's room", async () => {
    const { user, sessionId } = await newConversation(t.url);
    const other = await createRoom(t.url, user);
    const res = await send({
      user_id: user,
      session_id: sessionId,
      room_id: other.room_id,
      message: 'hi',
    });
    expect(res.status).toBe(400);
  });
});
