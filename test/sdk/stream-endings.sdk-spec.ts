import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChatStreamInterruptedError } from '../../sdk/src';
import { newUserId } from '../support/factories';
import { FakeOpenAiServer } from '../support/fake-openai-server';
import { startTestApp } from '../support/test-app';
import { messagesSent, sdkClient } from './sdk-client';

describe('how a streamed answer can end, through the SDK', () => {
  it('a model that fails mid-answer ends with an error event keeping the partial', async () => {
    const upstream = new FakeOpenAiServer();
    const t = await startTestApp({
      LLM_PROVIDER: 'openai',
      LLM_BASE_URL: await upstream.start(),
      LLM_API_KEY: 'sk-test-123',
      LLM_IDLE_TIMEOUT_MS: '500',
    });
    try {
      upstream.behaviour = { kind: 'hang-after', words: ['Drink', ' water'] };
      const { client } = sdkClient(t.url, { userId: newUserId() });
      const room = await client.createRoom();
      const session = await client.createSession(room.room_id);
      const stream = client.streamMessage({ session_id: session.session_id, message: 'Fluids?' });
      const terminal = await stream.result;
      expect(terminal).toMatchObject({
        type: 'error',
        data: { error_code: 'LLM_UNAVAILABLE', partial_response: 'Drink water' },
      });
      expect(stream.text).toBe('Drink water');
    } finally {
      await t.close();
      await upstream.stop();
    }
  });

  it('a server shutting down ends the answer with SERVICE_UNAVAILABLE and the partial', async () => {
    const t = await startTestApp({ SIMULATED_LLM_DELAY_MS: '20', SIMULATED_LLM_WORDS: '500' });
    let closed = false;
    try {
      const { client } = sdkClient(t.url, { userId: newUserId() });
      const room = await client.createRoom();
      const session = await client.createSession(room.room_id);
      const stream = client.streamMessage({ session_id: session.session_id, message: 'Long one' });
      await new Promise<void>((resolve) => {
        const unsubscribe = stream.onText((text) => {
          if (text.split(' ').length > 3) {
            unsubscribe();
            resolve();
          }
        });
      });
      const closing = t.close();
      closed = true;
      const terminal = await stream.result;
      await closing;
      expect(terminal).toMatchObject({
        type: 'error',
        data: { error_code: 'SERVICE_UNAVAILABLE' },
      });
      if (terminal.type !== 'error') return;
      expect(terminal.data.partial_response.length).toBeGreaterThan(0);
      expect(stream.text).toBe(terminal.data.partial_response);
    } finally {
      if (!closed) await t.close();
    }
  });

  describe('a connection dropped mid-answer', () => {
    it('is resumed where it broke off (detach): the whole answer, each event once, the message sent once', async () => {
      const t = await startTestApp({
        STREAM_ON_DISCONNECT: 'detach',
        SIMULATED_LLM_DELAY_MS: '10',
        SIMULATED_LLM_WORDS: '60',
      });
      try {
        const { client, sent } = sdkClient(
          t.url,
          { userId: newUserId() },
          { dropAnswerAfterEvents: 8, resume: { delayMs: 50 } },
        );
        const room = await client.createRoom();
        const session = await client.createSession(room.room_id);
        const stream = client.streamMessage({ session_id: session.session_id, message: 'Fluids?' });
        const ids: string[] = [];
        const events = (async () => {
          for await (const event of stream) ids.push(event.id ?? '');
        })();
        const terminal = await stream.result;
        await events;
        expect(terminal.type).toBe('done');
        if (terminal.type !== 'done') return;
        expect(stream.resumed).toBe(1);
        // Every id from 1 to the terminal event's, once, in order.
        expect(ids).toEqual(Array.from({ length: Number(terminal.id) }, (_, i) => String(i + 1)));
        expect(stream.text).toBe(terminal.data.response);
        // Well past the drop (after event 8), and the answer as stored.
        expect(ids.length).toBeGreaterThan(50);
        const history = await client.getChatHistory({ session_id: session.session_id });
        expect(history.conversations[0]).toMatchObject({
          status: 'completed',
          agent_response: terminal.data.response,
        });
        expect(messagesSent(sent)).toHaveLength(1);
        expect(
          sent.filter((request) => request.url.pathname.startsWith('/api/chat/streams/')),
        ).toHaveLength(1);
      } finally {
        await t.close();
      }
    });

    it('is resumed up to its cancellation when the server cancels on disconnect (the default): the partial is kept', async () => {
      const t = await startTestApp({ SIMULATED_LLM_DELAY_MS: '10', SIMULATED_LLM_WORDS: '200' });
      try {
        const { client } = sdkClient(
          t.url,
          { userId: newUserId() },
          { dropAnswerAfterEvents: 5, resume: { delayMs: 50 } },
        );
        const room = await client.createRoom();
        const session = await client.createSession(room.room_id);
        const stream = client.streamMessage({ session_id: session.session_id, message: 'Salt?' });
        const terminal = await stream.result;
        expect(terminal).toMatchObject({ type: 'cancelled', data: { stored: true } });
        expect(stream.text).toBe(
          terminal.type === 'cancelled' ? terminal.data.partial_response : undefined,
        );
        // After a page reload: the same stream read again from its start, for the replay window.
        const again = client.resumeStream({
          session_id: session.session_id,
          stream_id: stream.stream_id as string,
        });
        expect(await again.result).toEqual(terminal);
        expect(again.text).toBe(stream.text);
      } finally {
        await t.close();
      }
    });
  });

  describe('a connection cut before the terminal event', () => {
    // Stands in for a network failure, which the real server cannot be made to produce.
    let cutter: Server;
    let url: string;
    beforeAll(async () => {
      cutter = createServer((req, res) => {
        req.resume();
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        res.write(
          'id: 1\nevent: start\ndata: {"stream_id":"stream_1","session_id":"session_1","room_id":"room_1","agent_type":"general","message_id":"msg_1"}\n\n',
        );
        res.write('id: 2\nevent: chunk\ndata: {"content":"Half an"}\n\n');
        res.write(': keep-alive\n\n');
        res.write('id: 3\nevent: future_event\ndata: {"unknown":true}\n\n');
        setTimeout(() => res.destroy(), 50);
      });
      await new Promise<void>((done) => cutter.listen(0, '127.0.0.1', done));
      url = `http://127.0.0.1:${(cutter.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((done) => cutter.close(() => done())));

    it('rejects with ChatStreamInterruptedError saying where the answer stopped once resuming fails, and sends nothing again', async () => {
      const { client, sent } = sdkClient(
        url,
        { userId: newUserId() },
        { resume: { attempts: 2, delayMs: 20 } },
      );
      const stream = client.streamMessage({ session_id: 'session_1', message: 'Hello' });
      const error = (await stream.result.catch((e: unknown) => e)) as ChatStreamInterruptedError;
      expect(error).toBeInstanceOf(ChatStreamInterruptedError);
      expect(error).toMatchObject({
        stream_id: 'stream_1',
        last_event_id: '3',
        partial_response: 'Half an',
      });
      const types: string[] = [];
      await expect(
        (async () => {
          for await (const event of stream) types.push(event.type);
        })(),
      ).rejects.toBe(error);
      expect(types).toEqual(['start', 'chunk']);
      await new Promise((done) => setTimeout(done, 200));
      expect(messagesSent(sent)).toHaveLength(1);
      // Two resumes after the last id seen; each got the same events again (none shown twice).
      expect(sent.filter((request) => request.method === 'GET').map((r) => r.url.pathname)).toEqual(
        ['/api/chat/streams/stream_1', '/api/chat/streams/stream_1'],
      );
      expect(stream.resumed).toBe(2);
    });
  });
});
