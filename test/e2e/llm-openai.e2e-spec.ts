import request from 'supertest';
import { eventually, newConversation } from '../support/factories';
import { FakeOpenAiServer } from '../support/fake-openai-server';
import { openSse } from '../support/sse-client';
import { startTestApp, type TestApp } from '../support/test-app';

describe('the openai provider against an OpenAI-compatible server on loopback', () => {
  let t: TestApp;
  const upstream = new FakeOpenAiServer();
  const conversations = () => t.db.collection('conversation_history');

  beforeAll(async () => {
    const baseUrl = await upstream.start();
    t = await startTestApp({
      LLM_PROVIDER: 'openai',
      LLM_BASE_URL: baseUrl,
      LLM_API_KEY: 'sk-test-123',
      LLM_MODEL: 'gpt-test',
      LLM_IDLE_TIMEOUT_MS: '700',
      MAX_STREAMS_PER_USER: '1',
    });
  });
  afterAll(async () => {
    await t.close();
    await upstream.stop();
  });

  async function start(message = 'What is eGFR?') {
    const conversation = await newConversation(t.url);
    const stream = await openSse(`${t.url}/api/chat/message`, {
      body: { user_id: conversation.user, session_id: conversation.sessionId, message },
    });
    return { ...conversation, stream };
  }

  it('relays the tokens, asks for usage, and stores usage and model', async () => {
    upstream.behaviour = {
      kind: 'stream',
      words: ['eGFR', ' estimates', ' kidney', ' function.'],
      delayMs: 5,
    };
    const { sessionId, stream } = await start();
    const events = await stream.rest();
    expect(events.filter((e) => e.event === 'chunk').map((e) => e.data.content)).toEqual([
      'eGFR',
      ' estimates',
      ' kidney',
      ' function.',
    ]);
    expect(events[events.length - 1]).toMatchObject({
      event: 'done',
      data: {
        response: 'eGFR estimates kidney function.',
        usage: { prompt_tokens: 11, completion_tokens: 4, total_tokens: 15 },
        model: 'fake-model-1',
      },
    });
    const sent = upstream.requests[upstream.requests.length - 1];
    expect(sent.body).toMatchObject({
      model: 'gpt-test',
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(sent.authorization).toBe('Bearer sk-test-123');
    expect(await conversations().findOne({ session_id: sessionId })).toMatchObject({
      status: 'completed',
      agent_response: 'eGFR estimates kidney function.',
      metadata: { tokens_used: 15, model: 'fake-model-1' },
    });
  });

  it('ends an empty answer with done and stores nothing', async () => {
    upstream.behaviour = { kind: 'stream', words: [], delayMs: 0 };
    const { sessionId, stream } = await start();
    const events = await stream.rest();
    expect(events.map((e) => e.event)).toEqual(['start', 'done']);
    expect(events[1].data).toMatchObject({ message_id: null, response: '' });
    expect(await conversations().countDocuments({ session_id: sessionId })).toBe(0);
  });

  it('aborts the upstream request on stop, so no more tokens are paid for', async () => {
    upstream.behaviour = {
      kind: 'stream',
      words: Array.from({ length: 400 }, (_, i) => ` w${i}`),
      delayMs: 10,
    };
    const { user, sessionId, stream } = await start();
    for (let i = 0; i < 4; i += 1) await stream.next();
    const stop = await request(t.url)
      .post(`/api/session/${sessionId}/stop`)
      .send({ user_id: user })
      .expect(200);
    const partial = (stop.body as { data: { partial_response: string } }).data.partial_response;
    const events = await stream.rest();
    expect(events[events.length - 1]).toMatchObject({
      event: 'cancelled',
      data: { partial_response: partial },
    });
    const sent = upstream.requests[upstream.requests.length - 1];
    await eventually<boolean>(() => (sent.aborted ? true : undefined), 3_000);
    expect(sent.finished).toBe(false);
    expect(await conversations().findOne({ session_id: sessionId })).toMatchObject({
      status: 'cancelled',
      agent_response: partial,
    });
  });

  it('turns an upstream 500 into an error event and releases the limits', async () => {
    upstream.behaviour = { kind: 'fail', status: 500 };
    const { user, sessionId, stream } = await start();
    const events = await stream.rest();
    expect(events.map((e) => e.event)).toEqual(['start', 'error']);
    expect(events[1].data).toMatchObject({
      error_code: 'LLM_UNAVAILABLE',
      partial_response: '',
      message_id: null,
    });
    expect(JSON.stringify(events[1].data)).not.toContain('exploded');
    expect(await conversations().countDocuments({ session_id: sessionId })).toBe(0);

    // MAX_STREAMS_PER_USER=1: the slot is free again
    upstream.behaviour = { kind: 'stream', words: ['ok'], delayMs: 0 };
    const again = await openSse(`${t.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message: 'retry' },
    });
    expect(again.status).toBe(200);
    await again.rest();
  });

  it('ends an upstream that hangs with an error event after LLM_IDLE_TIMEOUT_MS, keeping the partial', async () => {
    upstream.behaviour = { kind: 'hang-after', words: ['Partial', ' words'] };
    const { user, sessionId, stream } = await start();
    const events = await stream.rest();
    expect(events.map((e) => e.event)).toEqual(['start', 'chunk', 'chunk', 'error']);
    expect(events[3].data).toMatchObject({
      error_code: 'LLM_UNAVAILABLE',
      partial_response: 'Partial words',
    });
    expect(await conversations().findOne({ session_id: sessionId })).toMatchObject({
      status: 'error',
      agent_response: 'Partial words',
    });
    const sent = upstream.requests[upstream.requests.length - 1];
    await eventually<boolean>(() => (sent.aborted ? true : undefined), 3_000);

    upstream.behaviour = { kind: 'stream', words: ['ok'], delayMs: 0 };
    const again = await openSse(`${t.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message: 'retry' },
    });
    expect(again.status).toBe(200);
    await again.rest();
  });
});
