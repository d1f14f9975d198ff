import { mongo } from 'mongoose';
import { startAppProcess, type AppProcess } from '../support/app-process';
import { newConversation } from '../support/factories';
import { openSse } from '../support/sse-client';
import { TEST_DB_NAME } from '../support/test-app';

describe('graceful shutdown of a real process', () => {
  let app: AppProcess;
  let url: string;

  beforeAll(async () => {
    app = await startAppProcess({
      LOG_LEVEL: 'info',
      SIMULATED_LLM_DELAY_MS: '20',
      SIMULATED_LLM_WORDS: '1000',
      SHUTDOWN_GRACE_MS: '5000',
    });
    url = app.url;
  });

  it('on SIGTERM ends every open stream with a terminal event, stores each partial as interrupted, and exits 0', async () => {
    const conversations = await Promise.all([
      newConversation(url),
      newConversation(url),
      newConversation(url),
    ]);
    const streams = await Promise.all(
      conversations.map(({ user, sessionId }) =>
        openSse(`${url}/api/chat/message`, {
          body: { user_id: user, session_id: sessionId, message: 'a long answer please' },
        }),
      ),
    );
    for (const stream of streams) for (let i = 0; i < 4; i += 1) await stream.next();

    const exited = app.stop('SIGTERM');
    const endings = await Promise.all(streams.map((stream) => stream.rest()));
    expect(await exited).toBe(0);
    expect(app.output()).toContain('SIGTERM received');

    const client = await mongo.MongoClient.connect(process.env.MONGODB_URI as string);
    try {
      const stored = client.db(TEST_DB_NAME).collection('conversation_history');
      for (const [index, events] of endings.entries()) {
        const last = events[events.length - 1];
        expect(last.event).toBe('error');
        expect(last.data).toMatchObject({ error_code: 'SERVICE_UNAVAILABLE' });
        const partial = last.data.partial_response as string;
        expect(partial.length).toBeGreaterThan(0);
        const turn = await stored.findOne({ session_id: conversations[index].sessionId });
        expect(turn).toMatchObject({ status: 'interrupted', agent_response: partial });
      }
    } finally {
      await client.close();
    }
  });
});
