import request from 'supertest';
import { createRoom, createSession, newUserId, sharedRedis } from '../support/factories';
import { openSse, type SseEvent } from '../support/sse-client';
import { startTestApp, type TestApp } from '../support/test-app';

/** Two instances behind one Redis and one database, as behind a load balancer. */
describe('two instances sharing Redis', () => {
  let a: TestApp;
  let b: TestApp;
  const env = {
    ...sharedRedis(),
    SIMULATED_LLM_DELAY_MS: '15',
    SIMULATED_LLM_WORDS: '800',
  };

  beforeAll(async () => {
    a = await startTestApp(env);
    b = await startTestApp(env);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  async function conversationOnA() {
    const user = newUserId();
    const room = await createRoom(a.url, user);
    return {
      user,
      roomId: room.room_id,
      sessionId: await createSession(a.url, user, room.room_id),
    };
  }

  it('serves a session created on one instance from the other', async () => {
    const { user, sessionId } = await conversationOnA();
    const res = await request(b.url).get(`/api/session/${sessionId}?user_id=${user}`).expect(200);
    expect(res.body).toMatchObject({ data: { session_id: sessionId, user_id: user } });
    const reset = await request(b.url)
      .post(`/api/session/${sessionId}/reset`)
      .send({ user_id: user })
      .expect(200);
    expect(reset.body).toMatchObject({ data: { reset_scope: 'all' } });
    await request(a.url).get(`/api/session/${sessionId}?user_id=${newUserId()}`).expect(404);
  });

  it('stops a stream running on instance A through instance B, with the partial stored', async () => {
    const { user, sessionId } = await conversationOnA();
    const stream = await openSse(`${a.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message: 'long one' },
    });
    const received: SseEvent[] = [];
    for (let i = 0; i < 5; i += 1) received.push((await stream.next()) as SseEvent);

    const seenFromB = await request(b.url)
      .get(`/api/session/${sessionId}?user_id=${user}`)
      .expect(200);
    expect(seenFromB.body).toMatchObject({ data: { streaming: true } });

    const stop = await request(b.url)
      .post(`/api/session/${sessionId}/stop`)
      .send({ user_id: user })
      .expect(200);
    const partial = (stop.body as { data: { partial_response: string; stream_status: string } })
      .data;
    expect(partial.stream_status).toBe('cancelled');
    received.push(...(await stream.rest()));
    expect(received[received.length - 1]).toMatchObject({
      event: 'cancelled',
      data: { partial_response: partial.partial_response },
    });
    expect(
      await a.db.collection('conversation_history').findOne({ session_id: sessionId }),
    ).toMatchObject({
      status: 'cancelled',
      agent_response: partial.partial_response,
    });
    const again = await request(b.url)
      .post(`/api/session/${sessionId}/stop`)
      .send({ user_id: user })
      .expect(404);
    expect(again.body).toMatchObject({ error_code: 'STREAM_NOT_FOUND' });
  });

  it('keeps one stream per session across instances (409 on the other instance)', async () => {
    const { user, sessionId } = await conversationOnA();
    const first = await openSse(`${a.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message: 'one' },
    });
    await first.next();
    const second = await openSse(`${b.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message: 'two' },
    });
    expect(second.status).toBe(409);
    expect(second.json).toMatchObject({ error_code: 'STREAM_ALREADY_ACTIVE' });
    await request(b.url).post(`/api/session/${sessionId}/stop`).send({ user_id: user }).expect(200);
    await first.rest();
    // the claim was released: the other instance may stream now
    const third = await openSse(`${b.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message: 'three' },
    });
    expect(third.status).toBe(200);
    third.close();
  });

  it("never stops another user's stream from the other instance", async () => {
    const { user, sessionId } = await conversationOnA();
    const stream = await openSse(`${a.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message: 'mine' },
    });
    await stream.next();
    await request(b.url)
      .post(`/api/session/${sessionId}/stop`)
      .send({ user_id: newUserId() })
      .expect(404);
    const next = await stream.next();
    expect(next?.event).toBe('chunk');
    stream.close();
  });
});
