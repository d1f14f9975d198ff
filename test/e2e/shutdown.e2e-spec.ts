import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { mongo } from 'mongoose';
import { eventually, newConversation } from '../support/factories';
import { openSse } from '../support/sse-client';
import { TEST_DB_NAME } from '../support/test-app';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('graceful shutdown of a real process', () => {
  let child: ChildProcess;
  let url: string;
  let output = '';

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
      cwd: join(__dirname, '..', '..'),
      env: {
        PATH: process.env.PATH,
        MONGODB_URI: process.env.MONGODB_URI,
        MONGODB_DB_NAME: TEST_DB_NAME,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        SIMULATED_LLM_DELAY_MS: '20',
        SIMULATED_LLM_WORDS: '1000',
        SHUTDOWN_GRACE_MS: '5000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually(async () => {
      const res = await fetch(`${url}/healthz`).catch(() => undefined);
      return res?.ok ? true : undefined;
    }, 30_000);
  });

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
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

    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    const endings = await Promise.all(streams.map((stream) => stream.rest()));
    expect(await exited).toBe(0);
    expect(output).toContain('SIGTERM received');

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
