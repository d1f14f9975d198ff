import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { SessionManager } from '../../src/context/session-manager';
import { SessionService } from '../../src/session/session.service';
import { createRoom, eventually, newConversation, newUserId } from '../support/factories';
import { FakeOpenAiServer } from '../support/fake-openai-server';
import { openSse } from '../support/sse-client';
import { startTestApp, type TestApp } from '../support/test-app';

interface SessionBody {
  session_id: string;
  user_id: string;
  room_id: string;
  created_at: string;
  last_activity: string;
  expires_at: string;
  streaming: boolean;
}

describe('session routes', () => {
  let t: TestApp;
  const conversations = () => t.db.collection('conversation_history');
  beforeAll(async () => {
    t = await startTestApp({ SIMULATED_LLM_DELAY_MS: '10', SIMULATED_LLM_WORDS: '300' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a session in an owned room with a 30-minute sliding expiry', async () => {
    const user = newUserId();
    const room = await createRoom(t.url, user);
    const res = await request(t.url)
      .post('/api/session/create')
      .send({ user_id: user, room_id: room.room_id })
      .expect(201);
    const session = (res.body as { data: SessionBody }).data;
    expect(res.body).toMatchObject({ success: true, message: 'Session created successfully' });
    expect(session).toMatchObject({ user_id: user, room_id: room.room_id, streaming: false });
    expect(session.session_id).toMatch(/^session_[0-9a-f-]{36}$/);
    expect(Date.parse(session.expires_at) - Date.parse(session.created_at)).toBe(30 * 60_000);

    await new Promise((done) => setTimeout(done, 20));
    const again = await request(t.url)
      .get(`/api/session/${session.session_id}?user_id=${user}`)
      .expect(200);
    const later = (again.body as { data: SessionBody }).data;
    expect(Date.parse(later.expires_at)).toBeGreaterThan(Date.parse(session.expires_at));
  });

  it("refuses a room that is missing, deleted or not the caller's", async () => {
    const user = newUserId();
    const mine = await createRoom(t.url, user);
    await request(t.url).delete(`/api/rooms/${mine.room_id}?user_id=${user}`).expect(200);
    const theirs = await createRoom(t.url, newUserId());
    for (const roomId of [`room_${randomUUID()}`, mine.room_id, theirs.room_id]) {
      const res = await request(t.url)
        .post('/api/session/create')
        .send({ user_id: user, room_id: roomId })
        .expect(404);
      expect(res.body).toMatchObject({ error_code: 'ROOM_NOT_FOUND' });
    }
    await request(t.url)
      .post('/api/session/create')
      .send({ user_id: user, room_id: 'nope' })
      .expect(400);
  });

  it("clears the session's stored history and updates the room", async () => {
    const { user, roomId, sessionId } = await newConversation(t.url);
    const stream = await openSse(`${t.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message: 'hello' },
    });
    await stream.rest();
    expect(await conversations().countDocuments({ session_id: sessionId })).toBe(1);
    const res = await request(t.url)
      .delete(`/api/session/${sessionId}/history?user_id=${user}`)
      .expect(200);
    expect(res.body).toMatchObject({
      data: { session_id: sessionId, room_id: roomId, conversations_deleted: 1 },
    });
    expect(await conversations().countDocuments({ session_id: sessionId })).toBe(0);
    expect(await t.db.collection('chat_rooms').findOne({ room_id: roomId })).toMatchObject({
      message_count: 0,
      last_message: null,
    });
  });

  it('deletes a session, stopping its stream first and keeping the partial', async () => {
    const { user, sessionId } = await newConversation(t.url);
    const stream = await openSse(`${t.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message: 'hello' },
    });
    for (let i = 0; i < 4; i += 1) await stream.next();
    const res = await request(t.url)
      .delete(`/api/session/${sessionId}?user_id=${user}`)
      .expect(200);
    expect(res.body).toMatchObject({
      data: { session_id: sessionId, deleted: true, stream_stopped: true },
    });
    const events = await stream.rest();
    expect(events[events.length - 1].event).toBe('cancelled');
    expect(await conversations().findOne({ session_id: sessionId })).toMatchObject({
      status: 'cancelled',
    });
    const gone = await request(t.url).get(`/api/session/${sessionId}?user_id=${user}`).expect(404);
    expect(gone.body).toMatchObject({ error_code: 'SESSION_NOT_FOUND' });
  });

  it("hides another user's session from every session and chat route, and changes nothing", async () => {
    const { user: owner, roomId, sessionId } = await newConversation(t.url);
    const ownerStream = await openSse(`${t.url}/api/chat/message`, {
      body: { user_id: owner, session_id: sessionId, message: 'private question' },
    });
    await ownerStream.next();
    const intruder = newUserId();

    const calls = [
      request(t.url).get(`/api/session/${sessionId}?user_id=${intruder}`),
      request(t.url).post(`/api/session/${sessionId}/reset`).send({ user_id: intruder }),
      request(t.url).post(`/api/session/${sessionId}/stop`).send({ user_id: intruder }),
      request(t.url).delete(`/api/session/${sessionId}/history?user_id=${intruder}`),
      request(t.url).delete(`/api/session/${sessionId}?user_id=${intruder}`),
      request(t.url).post('/api/session/create').send({ user_id: intruder, room_id: roomId }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('private question');
    }
    const chat = await openSse(`${t.url}/api/chat/message`, {
      body: { user_id: intruder, session_id: sessionId, message: 'mine now' },
    });
    expect(chat.status).toBe(404);
    expect(chat.json).toMatchObject({ error_code: 'SESSION_NOT_FOUND' });
    const history = await request(t.url)
      .get(`/api/chat/history?user_id=${intruder}&session_id=${sessionId}`)
      .expect(200);
    expect(history.body).toMatchObject({ data: { total: 0, conversations: [] } });

    // the owner's stream was not stopped by any of that
    const events = await ownerStream.rest();
    expect(events[events.length - 1].event).toBe('done');
    expect(await conversations().countDocuments({ session_id: sessionId })).toBe(1);
  });
});

describe('session expiry', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SESSION_TTL_MS: '1000', SESSION_SWEEP_INTERVAL_MS: '100000' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 410 SESSION_EXPIRED once the session was idle past its TTL', async () => {
    const { user, sessionId } = await newConversation(t.url);
    await request(t.url).get(`/api/session/${sessionId}?user_id=${user}`).expect(200);
    await new Promise((done) => setTimeout(done, 1_200));
    const res = await openSse(`${t.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message: 'hi' },
    });
    expect(res.status).toBe(410);
    expect(res.json).toMatchObject({ success: false, error_code: 'SESSION_EXPIRED' });
  });

  it('keeps answering 410 on every call until the sweeper removes it, then 404', async () => {
    const { user, sessionId } = await newConversation(t.url);
    await new Promise((done) => setTimeout(done, 1_200));
    const calls = [
      () => request(t.url).get(`/api/session/${sessionId}?user_id=${user}`),
      () => request(t.url).post(`/api/session/${sessionId}/reset`).send({ user_id: user }),
      () => request(t.url).post(`/api/session/${sessionId}/stop`).send({ user_id: user }),
      () => request(t.url).delete(`/api/session/${sessionId}/history?user_id=${user}`),
      () => request(t.url).get(`/api/session/${sessionId}?user_id=${user}`),
    ];
    for (const call of calls) {
      const res = await call();
      expect({
        status: res.status,
        code: (res.body as { error_code?: string }).error_code,
      }).toEqual({ status: 410, code: 'SESSION_EXPIRED' });
    }
    const stream = await openSse(`${t.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message: 'still there?' },
    });
    expect(stream.status).toBe(410);

    // what the sweeper runs every SESSION_SWEEP_INTERVAL_MS
    expect((await t.app.get(SessionService).sweep()).expired).toBeGreaterThanOrEqual(1);
    const gone = await request(t.url).get(`/api/session/${sessionId}?user_id=${user}`).expect(404);
    expect(gone.body).toMatchObject({ error_code: 'SESSION_NOT_FOUND' });
  });
});

describe('context: reset, idle drop and reload (prompts seen by an OpenAI-compatible server)', () => {
  let t: TestApp;
  const upstream = new FakeOpenAiServer();
  beforeAll(async () => {
    const baseUrl = await upstream.start();
    upstream.behaviour = { kind: 'stream', words: ['Noted', ' answer'], delayMs: 0 };
    t = await startTestApp({
      LLM_PROVIDER: 'openai',
      LLM_BASE_URL: baseUrl,
      LLM_API_KEY: 'test-key',
      SESSION_IDLE_MS: '1000',
      SESSION_SWEEP_INTERVAL_MS: '200',
    });
  });
  afterAll(async () => {
    await t.close();
    await upstream.stop();
  });

  async function ask(user: string, sessionId: string, message: string) {
    const stream = await openSse(`${t.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message, agent_type: 'general' },
    });
    const events = await stream.rest();
    expect(events[events.length - 1].event).toBe('done');
    return upstream.requests[upstream.requests.length - 1].body.messages;
  }

  it('puts earlier turns in the prompt, drops them on reset, and reloads only later ones after an idle drop', async () => {
    const { user, roomId, sessionId } = await newConversation(t.url);
    await request(t.url)
      .patch(`/api/rooms/${roomId}`)
      .send({
        user_id: user,
        room_name: 'Dad after transplant',
        metadata: { stage: 'post-transplant' },
      })
      .expect(200);

    const first = await ask(user, sessionId, 'first question');
    expect(first[0].role).toBe('system');
    expect(first[0].content).toContain('Dad after transplant');
    expect(first[0].content).toContain('post-transplant');
    expect(first.map((m) => m.content)).toEqual([first[0].content, 'first question']);

    const second = await ask(user, sessionId, 'second question');
    expect(second.slice(1).map((m) => m.content)).toEqual([
      'first question',
      'Noted answer',
      'second question',
    ]);

    const reset = await request(t.url)
      .post(`/api/session/${sessionId}/reset`)
      .send({ user_id: user, agent_type: 'general' })
      .expect(200);
    expect(reset.body).toMatchObject({
      data: { session_id: sessionId, reset_scope: 'general', conversations_cleared: 2 },
    });
    const third = await ask(user, sessionId, 'third question');
    expect(third.slice(1).map((m) => m.content)).toEqual(['third question']);

    // idle for longer than SESSION_IDLE_MS: the sweeper drops the in-memory context
    const memory = t.app.get(SessionManager);
    await eventually<boolean>(() => (memory.sessionCount() === 0 ? true : undefined), 5_000);
    const fourth = await ask(user, sessionId, 'fourth question');
    // reloaded from conversation_history: the turn after the reset, not those before it
    expect(fourth.slice(1).map((m) => m.content)).toEqual([
      'third question',
      'Noted answer',
      'fourth question',
    ]);
  });

  it('resets every agent when no agent_type is given', async () => {
    const { user, sessionId } = await newConversation(t.url);
    await ask(user, sessionId, 'one');
    const reset = await request(t.url)
      .post(`/api/session/${sessionId}/reset`)
      .send({ user_id: user })
      .expect(200);
    expect(reset.body).toMatchObject({ data: { reset_scope: 'all', conversations_cleared: 1 } });
    const next = await ask(user, sessionId, 'two');
    expect(next.slice(1).map((m) => m.content)).toEqual(['two']);
  });
});
