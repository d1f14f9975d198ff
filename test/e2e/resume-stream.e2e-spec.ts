import { newConversation, newUserId } from '../support/factories';
import { openSse, type SseEvent } from '../support/sse-client';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ SIMULATED_LLM_DELAY_MS: '1', SIMULATED_LLM_WORDS: '12' });
});
afterAll(async () => {
  await t.close();
});

/** A whole answer in a new conversation: its events, and the owner. */
async function finishedStream(): Promise<{ user: string; events: SseEvent[]; streamId: string }> {
  const { user, sessionId } = await newConversation(t.url);
  const stream = await openSse(`${t.url}/api/chat/message`, {
    body: { user_id: user, session_id: sessionId, message: 'What should I eat on dialysis?' },
  });
  const events = await stream.rest();
  expect(events.at(-1)?.event).toBe('done');
  return { user, events, streamId: events[0].data.stream_id as string };
}

function resumeUrl(streamId: string, query: Record<string, string>): string {
  return `${t.url}/api/chat/streams/${streamId}?${new URLSearchParams(query).toString()}`;
}

describe('GET /api/chat/streams/{stream_id}', () => {
  it('replays the events after Last-Event-ID with their original ids, through the terminal event', async () => {
    const { user, events, streamId } = await finishedStream();
    const resumed = await openSse(resumeUrl(streamId, { user_id: user }), {
      method: 'GET',
      headers: { 'Last-Event-ID': '2' },
    });
    expect(resumed.status).toBe(200);
    expect(resumed.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(await resumed.rest()).toEqual(events.slice(2));
  });

  it('takes the position as last_event_id when the client cannot send the header', async () => {
    const { user, events, streamId } = await finishedStream();
    const resumed = await openSse(
      resumeUrl(streamId, { user_id: user, last_event_id: String(events.length - 2) }),
      { method: 'GET' },
    );
    expect(resumed.status).toBe(200);
    expect(await resumed.rest()).toEqual(events.slice(-2));
  });

  it('answers 204 with no body when the client already has the terminal event', async () => {
    const { user, events, streamId } = await finishedStream();
    const response = await fetch(resumeUrl(streamId, { user_id: user }), {
      headers: { 'Last-Event-ID': String(events.at(-1)?.id) },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('content-type')).toBeNull();
    expect(await response.text()).toBe('');
  });

  it("answers 404 STREAM_NOT_FOUND in the JSON envelope for another user's stream and an unknown one", async () => {
    const { streamId } = await finishedStream();
    for (const id of [streamId, 'stream_00000000-0000-4000-8000-000000000000']) {
      const response = await fetch(resumeUrl(id, { user_id: newUserId() }));
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toMatchObject({
        success: false,
        error_code: 'STREAM_NOT_FOUND',
      });
    }
  });
});
