import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import request from 'supertest';
import { mongo } from 'mongoose';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../tools/embedded-db';
import { startAppProcess, type AppProcess } from '../support/app-process';
import {
  createRoom,
  createSession,
  eventually,
  expectEventually,
  newConversation,
  newUserId,
  sharedRedis,
} from '../support/factories';
import { FakeOpenAiServer } from '../support/fake-openai-server';
import { OwnRedis } from '../support/redis-server';
import { openSse, TERMINAL, type SseEvent } from '../support/sse-client';
import { startTestApp, TEST_DB_NAME, type TestApp } from '../support/test-app';

function chunksText(events: SseEvent[]): string {
  return events
    .filter((event) => event.event === 'chunk')
    .map((event) => event.data.content as string)
    .join('');
}

/**
 * The partial kept from a dead instance's journal and what its client saw are the same
 * answer cut at two points: either may be ahead (the client's last events may not have
 * reached it; the last checkpoint may not hold the client's last events), by at most a
 * checkpoint interval of words (50 ms at a word every 20 ms: a few words).
 */
function expectSameAnswer(clientText: string, partial: string): void {
  expect(partial.length).toBeGreaterThan(0);
  const [shorter, longer] =
    partial.length <= clientText.length ? [partial, clientText] : [clientText, partial];
  expect(longer.startsWith(shorter)).toBe(true);
  expect(longer.slice(shorter.length).split(' ').length).toBeLessThan(10);
}

describe('an instance killed mid-stream (SIGKILL), with a survivor sharing Redis', () => {
  let doomed: AppProcess;
  let survivor: TestApp;
  const env = {
    ...sharedRedis(),
    SIMULATED_LLM_DELAY_MS: '20',
    SIMULATED_LLM_WORDS: '2000',
    STREAM_CHECKPOINT_MS: '50',
    STREAM_HEARTBEAT_MS: '300',
    STREAM_STALE_MS: '3000',
  };

  beforeEach(async () => {
    doomed = await startAppProcess(env);
    survivor = await startTestApp(env);
  });
  afterEach(async () => {
    await doomed.stop('SIGKILL');
    await survivor.close();
  });

  async function streamOnDoomed() {
    const user = newUserId();
    const room = await createRoom(survivor.url, user);
    const sessionId = await createSession(survivor.url, user, room.room_id);
    const stream = await openSse(`${doomed.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message: 'a very long answer' },
    });
    const seen: SseEvent[] = [];
    for (let i = 0; i < 12; i += 1) seen.push((await stream.next()) as SseEvent);
    // Past one checkpoint, so the journal in Redis holds what the client saw.
    await new Promise((done) => setTimeout(done, 150));
    for (let i = 0; i < 3; i += 1) seen.push((await stream.next()) as SseEvent);
    await doomed.stop('SIGKILL');
    seen.push(...(await stream.rest()));
    return { user, room, sessionId, seen, streamId: seen[0].data.stream_id as string };
  }

  it('Stop on the survivor answers at once with the checkpointed partial, stored once as interrupted; the session streams again at once', async () => {
    const { user, room, sessionId, seen, streamId } = await streamOnDoomed();
    // The client's connection dropped with no terminal event.
    expect(seen.filter((event) => TERMINAL.includes(event.event))).toHaveLength(0);
    const clientText = chunksText(seen);

    const started = performance.now();
    const stop = await request(survivor.url)
      .post(`/api/session/${sessionId}/stop`)
      .send({ user_id: user })
      .expect(200);
    expect(performance.now() - started).toBeLessThan(2_000);
    const answer = (stop.body as { data: Record<string, unknown> }).data;
    expect(answer).toMatchObject({
      stream_id: streamId,
      stream_status: 'interrupted',
      stored: true,
    });
    const partial = answer.partial_response as string;
    expectSameAnswer(clientText, partial);

    const stored = await survivor.db
      .collection('conversation_history')
      .find({ session_id: sessionId })
      .toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      status: 'interrupted',
      agent_response: partial,
      user_input: 'a very long answer',
      message_id: seen[0].data.message_id,
    });
    await expectEventually(
      () => survivor.db.collection('chat_rooms').findOne({ room_id: room.room_id }),
      {
        message_count: 1,
      },
    );

    // The dead stream's resume ends with the terminal event the survivor wrote for it.
    const resumed = await (
      await openSse(`${survivor.url}/api/chat/streams/${streamId}?user_id=${user}`, {
        method: 'GET',
        headers: { 'Last-Event-ID': String(seen.length) },
      })
    ).rest();
    expect(resumed[resumed.length - 1]).toMatchObject({
      event: 'error',
      data: { error_code: 'SERVICE_UNAVAILABLE', partial_response: partial, stored: true },
    });

    // The session is free at once, on the survivor.
    const again = await openSse(`${survivor.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message: 'again' },
    });
    expect(again.status).toBe(200);
    again.close();
  });

  it('with nobody asking, a survivor stores the partial within one heartbeat of the death, exactly once; a Stop after that answers with it', async () => {
    const { user, sessionId, seen, streamId } = await streamOnDoomed();
    const killedAt = performance.now();
    const stored = await eventually(
      async () =>
        (await survivor.db.collection('conversation_history').findOne({ session_id: sessionId })) ??
        undefined,
      5_000,
    );
    const recoveredAfterMs = performance.now() - killedAt;
    expect(stored.status).toBe('interrupted');
    expectSameAnswer(chunksText(seen), stored.agent_response as string);
    // Found through the dead process's lost Redis subscription, not its stale heartbeat.
    expect(recoveredAfterMs).toBeLessThan(3_000);
    // The client saw its connection drop, with no terminal event: its Stop, arriving after
    // the survivor stored the partial, is answered with it rather than 404.
    const stop = await request(survivor.url)
      .post(`/api/session/${sessionId}/stop`)
      .send({ user_id: user })
      .expect(200);
    expect((stop.body as { data: Record<string, unknown> }).data).toMatchObject({
      stream_id: streamId,
      stream_status: 'interrupted',
      partial_response: stored.agent_response,
      stored: true,
    });
    await new Promise((done) => setTimeout(done, 700));
    expect(
      await survivor.db
        .collection('conversation_history')
        .countDocuments({ session_id: sessionId }),
    ).toBe(1);
  });
});

describe('the database down at the end of a turn', () => {
  let db: EmbeddedDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await startEmbeddedDatabase({ ownServer: true, log: () => undefined });
    t = await startTestApp({
      MONGODB_URI: db.uri,
      MONGODB_SERVER_SELECTION_TIMEOUT_MS: '1000',
      DB_OPERATION_TIMEOUT_MS: '1000',
      SIMULATED_LLM_DELAY_MS: '25',
      SIMULATED_LLM_WORDS: '80',
    });
  });
  afterAll(async () => {
    await t.close();
    await db.stop();
  });

  it('keeps the turns that end during the outage and writes each once when it returns; the terminal event says stored: false', async () => {
    const conversations = await Promise.all([newConversation(t.url), newConversation(t.url)]);
    const [finishing, stopped] = await Promise.all(
      conversations.map(({ user, sessionId }) =>
        openSse(`${t.url}/api/chat/message`, {
          body: { user_id: user, session_id: sessionId, message: 'before the outage' },
        }),
      ),
    );
    for (let i = 0; i < 5; i += 1) {
      await finishing.next();
      await stopped.next();
    }
    await db.suspend();
    let stop: request.Response;
    try {
      stop = await request(t.url)
        .post(`/api/session/${conversations[1].sessionId}/stop`)
        .send({ user_id: conversations[1].user });
    } catch (error) {
      await db.resume();
      throw error;
    }
    if (stop.status !== 200) await db.resume();
    expect({ status: stop.status, body: stop.body as unknown }).toMatchObject({
      status: 200,
      body: { data: { stream_status: 'cancelled', stored: false } },
    });
    const stoppedEvents = await stopped.rest();
    expect(stoppedEvents[stoppedEvents.length - 1]).toMatchObject({
      event: 'cancelled',
      data: { stored: false },
    });

    const events = await finishing.rest();
    const done = events[events.length - 1];
    expect(done).toMatchObject({ event: 'done', data: { stored: false } });
    expect(done.data.message_id).toEqual(expect.stringMatching(/^msg_/));

    await db.resume();
    for (const [index, { sessionId }] of conversations.entries()) {
      const turn = await eventually(
        async () =>
          (await t.db.collection('conversation_history').findOne({ session_id: sessionId })) ??
          undefined,
        15_000,
      );
      expect(turn.status).toBe(index === 0 ? 'completed' : 'cancelled');
    }
    expect(
      await t.db.collection('conversation_history').findOne({ message_id: done.data.message_id }),
    ).toMatchObject({ agent_response: done.data.response });
    await new Promise((done) => setTimeout(done, 1_500));
    for (const { sessionId, roomId } of conversations) {
      expect(
        await t.db.collection('conversation_history').countDocuments({ session_id: sessionId }),
      ).toBe(1);
      await expectEventually(() => t.db.collection('chat_rooms').findOne({ room_id: roomId }), {
        message_count: 1,
      });
    }
  });

  it('a stalled database (connected, silent) answers 503 within DB_OPERATION_TIMEOUT_MS, and readiness pings for real', async () => {
    const user = newUserId();
    await createRoom(t.url, user);
    db.freeze();
    try {
      for (const path of [`/api/rooms?user_id=${user}`, '/readyz']) {
        const started = performance.now();
        const res = await request(t.url).get(path).timeout(10_000);
        expect(res.status).toBe(503);
        expect(res.body).toMatchObject({ error_code: 'SERVICE_UNAVAILABLE' });
        expect(performance.now() - started).toBeLessThan(2_500);
      }
    } finally {
      db.thaw();
    }
    await eventually(async () =>
      (await request(t.url).get(`/api/rooms?user_id=${user}`)).status === 200 ? true : undefined,
    );
  });
});

describe('Redis down or stalled', () => {
  const redis = new OwnRedis();
  let t: TestApp;

  beforeAll(async () => {
    await redis.start();
    t = await startTestApp({
      REDIS_URL: redis.url,
      REDIS_COMMAND_TIMEOUT_MS: '800',
      SIMULATED_LLM_DELAY_MS: '20',
      SIMULATED_LLM_WORDS: '1000',
    });
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  it('Stop works on the instance running the stream with Redis killed', async () => {
    const { user, sessionId } = await newConversation(t.url);
    const stream = await openSse(`${t.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message: 'keep going' },
    });
    const seen: SseEvent[] = [];
    for (let i = 0; i < 6; i += 1) seen.push((await stream.next()) as SseEvent);
    await redis.kill();
    try {
      const stop = await request(t.url)
        .post(`/api/session/${sessionId}/stop`)
        .send({ user_id: user })
        .expect(200);
      const answer = (stop.body as { data: Record<string, unknown> }).data;
      expect(answer).toMatchObject({ stream_status: 'cancelled', stored: true });
      seen.push(...(await stream.rest()));
      expect(seen[seen.length - 1]).toMatchObject({
        event: 'cancelled',
        data: { partial_response: answer.partial_response },
      });
      // A route that needs the session store answers 503, not a hang.
      await request(t.url).get(`/api/session/${sessionId}?user_id=${newUserId()}`).expect(503);
    } finally {
      await redis.start();
    }
  });

  it('a stalled Redis answers 503 within REDIS_COMMAND_TIMEOUT_MS', async () => {
    await eventually(async () =>
      (await request(t.url).get('/readyz')).status === 200 ? true : undefined,
    );
    const { user, sessionId } = await newConversation(t.url);
    redis.freeze();
    try {
      const started = performance.now();
      const res = await request(t.url)
        .get(`/api/session/${sessionId}?user_id=${user}`)
        .timeout(10_000);
      expect(res.status).toBe(503);
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      redis.thaw();
    }
  });
});

/** The most a loopback connection buffers in the kernel (receiver's plus sender's maximum). */
function kernelSocketCapacity(): number {
  const maximum = (file: string) =>
    Number(readFileSync(`/proc/sys/net/ipv4/${file}`, 'utf8').trim().split(/\s+/)[2]);
  try {
    return maximum('tcp_rmem') + maximum('tcp_wmem');
  } catch {
    return 40 * 1024 * 1024;
  }
}

describe('a client that stops reading (backpressure)', () => {
  const socketCapacity = kernelSocketCapacity();
  const upstream = new FakeOpenAiServer();
  let app: AppProcess;
  // A database of its own: megabytes of partials would hold up the other test files' writes.
  let db: EmbeddedDatabase;

  beforeAll(async () => {
    upstream.behaviour = { kind: 'flood', chunkChars: 2_000 };
    db = await startEmbeddedDatabase({ ownServer: true, log: () => undefined });
    app = await startAppProcess({
      MONGODB_URI: db.uri,
      LOG_LEVEL: 'warn',
      LLM_PROVIDER: 'openai',
      LLM_BASE_URL: await upstream.start(),
      SSE_WRITE_TIMEOUT_MS: '1500',
    });
  });
  afterAll(async () => {
    await app.stop('SIGTERM');
    await upstream.stop();
    await db.stop();
  });

  it('stops pulling from the model while the client reads nothing, then cancels and stores the partial; memory stays bounded', async () => {
    const port = Number(new URL(app.url).port);
    const rss = async () =>
      Number(
        (await (await fetch(`${app.url}/metrics`)).text()).match(
          /^process_resident_memory_bytes (\d+)/m,
        )?.[1],
      );
    const before = await rss();
    const conversations = await Promise.all(
      Array.from({ length: 5 }, () => newConversation(app.url)),
    );
    // Sockets that send the request and never read: the answer piles up in their buffers.
    const sockets = conversations.map(({ user, sessionId }) => {
      const body = JSON.stringify({ user_id: user, session_id: sessionId, message: 'flood me' });
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `POST /api/chat/message HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
        socket.pause();
      });
      socket.on('error', () => undefined);
      return socket;
    });
    await new Promise((done) => setTimeout(done, 1_000));
    const during = await rss();
    let sent = 0;
    const client = await mongo.MongoClient.connect(db.uri);
    try {
      const turns = client.db(TEST_DB_NAME).collection('conversation_history');
      for (const { sessionId } of conversations) {
        const turn = await eventually(
          async () => (await turns.findOne({ session_id: sessionId })) ?? undefined,
          // Megabytes of partials into a database of its own, on a machine that may be busy.
          20_000,
        );
        // Cancelled as a client that left, with what was sent before the buffers filled.
        expect(turn.status).toBe('cancelled');
        const partial = (turn.agent_response as string).length;
        expect(partial).toBeGreaterThan(0);
        // No more than the sockets took: the kernel's buffers, and ours (64 KiB) on top.
        expect(partial).toBeLessThan(socketCapacity + 1024 * 1024);
        sent += partial;
      }
    } finally {
      await client.close();
      for (const socket of sockets) socket.destroy();
    }
    // The upstream calls were closed, not drained into memory.
    expect(upstream.requests.slice(-5).every((call) => call.aborted)).toBe(true);
    // The answers themselves are kept (the journal, the terminal event, the stored turn);
    // an unbounded queue would instead grow by hundreds of MB a second at loopback speed.
    expect(during - before).toBeLessThan(4 * sent + 64 * 1024 * 1024);
  });
});
