import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { eventually, expectEventually, newConversation } from '../support/factories';
import { openSse } from '../support/sse-client';
import { startTestApp, type TestApp } from '../support/test-app';

describe('active_streams heartbeat and sweepers', () => {
  let t: TestApp;
  const activeStreams = () => t.db.collection('active_streams');

  beforeAll(async () => {
    t = await startTestApp({
      STREAM_HEARTBEAT_MS: '200',
      STREAM_STALE_MS: '1000',
      SIMULATED_LLM_DELAY_MS: '20',
      SIMULATED_LLM_WORDS: '1000',
      SESSION_TTL_MS: '1000',
      SESSION_SWEEP_INTERVAL_MS: '200',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('beats for running streams and marks a stream whose instance died as interrupted', async () => {
    // a stream left behind by an instance that died two seconds ago
    const orphan = `stream_${randomUUID()}`;
    const past = new Date(Date.now() - 2_000);
    await activeStreams().insertOne({
      stream_id: orphan,
      session_id: `session_${randomUUID()}`,
      room_id: `room_${randomUUID()}`,
      user_id: 'user_gone',
      agent_type: 'general',
      started_at: past,
      ended_at: null,
      status: 'streaming',
      cancel_requested: false,
      last_heartbeat: past,
    });

    const { user, sessionId } = await newConversation(t.url);
    const stream = await openSse(`${t.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message: 'long answer' },
    });
    const start = await stream.next();
    const streamId = start?.data.stream_id as string;
    // Written behind the stream, within STREAM_RECORD_FLUSH_MS.
    const opened = await expectEventually(() => activeStreams().findOne({ stream_id: streamId }), {
      status: 'streaming',
      user_id: user,
      session_id: sessionId,
    });

    await eventually(
      async () =>
        (await activeStreams().findOne({ stream_id: orphan }))?.status === 'interrupted'
          ? true
          : undefined,
      5_000,
    );
    const beating = await eventually(async () => {
      const record = await activeStreams().findOne({ stream_id: streamId });
      return record && record.last_heartbeat > (opened?.last_heartbeat as Date)
        ? record
        : undefined;
    }, 5_000);
    // a stream of this instance keeps beating, so it is never taken for dead
    expect(beating.status).toBe('streaming');

    // streaming counts as activity: the session outlives its 1 s TTL while it streams
    await new Promise((done) => setTimeout(done, 1_300));
    expect((await activeStreams().findOne({ stream_id: streamId }))?.status).toBe('streaming');
    stream.close();
  });

  it('sweeps sessions once they expire', async () => {
    const { user, sessionId } = await newConversation(t.url);
    await eventually(async () => {
      const res = await request(t.url).get('/api/health');
      return (res.body as { data: { checks: { sessions: { active_count: number } } } }).data.checks
        .sessions.active_count === 0
        ? true
        : undefined;
    }, 5_000);
    await request(t.url).get(`/api/session/${sessionId}?user_id=${user}`).expect(404);
  });
});
