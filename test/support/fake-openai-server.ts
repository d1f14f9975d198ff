import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type UpstreamBehaviour =
  | { kind: 'stream'; words: string[]; delayMs: number }
  /** Big chunks as fast as the client takes them, until it hangs up. */
  | { kind: 'flood'; chunkChars: number }
  | { kind: 'fail'; status: number }
  | { kind: 'hang-after'; words: string[] }
  /** Some words, then the connection is reset (TCP RST) in the middle of the answer. */
  | { kind: 'reset-after'; words: string[] }
  /** Some words, then a chunk that is not JSON, then the rest of a normal answer. */
  | { kind: 'malformed-after'; words: string[] };

export interface RecordedRequest {
  body: {
    model: string;
    messages: { role: string; content: string }[];
    stream: boolean;
    stream_options?: { include_usage?: boolean };
  };
  authorization?: string;
  /** True when the client closed the connection before the answer was complete. */
  aborted: boolean;
  finished: boolean;
}

/**
 * A small OpenAI-compatible chat completions server on loopback, for testing the
 * `openai` provider against real HTTP: it records each request and whether the
 * client aborted it.
 */
export class FakeOpenAiServer {
  readonly requests: RecordedRequest[] = [];
  behaviour: UpstreamBehaviour = { kind: 'stream', words: ['Hello', ' there'], delayMs: 0 };
  private server?: Server;
  private readonly open = new Set<ServerResponse>();

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((done) => this.server?.listen(0, '127.0.0.1', done));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/v1`;
  }

  async stop(): Promise<void> {
    for (const res of this.open) res.destroy();
    await new Promise<void>((done) => this.server?.close(() => done()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const record: RecordedRequest = {
      body: JSON.parse(raw) as RecordedRequest['body'],
      authorization: req.headers.authorization,
      aborted: false,
      finished: false,
    };
    this.requests.push(record);
    this.open.add(res);
    res.on('close', () => {
      this.open.delete(res);
      if (!record.finished) record.aborted = true;
    });

    const behaviour = this.behaviour;
    if (behaviour.kind === 'fail') {
      res.writeHead(behaviour.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'upstream exploded', type: 'server_error' } }));
      record.finished = true;
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    const send = (payload: unknown) => res.write(`data: ${JSON.stringify(payload)}\n\n`);
    const chunk = (content: string) =>
      send({
        id: 'c1',
        object: 'chat.completion.chunk',
        model: 'fake-model-1',
        choices: [{ index: 0, delta: { content } }],
      });

    if (behaviour.kind === 'flood') {
      const piece = 'x'.repeat(behaviour.chunkChars);
      while (!res.destroyed) {
        if (!chunk(piece))
          await new Promise<void>((done) => {
            // Both listeners go once either fires: a flood waits for thousands of drains.
            const settle = () => {
              res.off('drain', settle).off('close', settle);
              done();
            };
            res.on('drain', settle).on('close', settle);
          });
      }
      return;
    }
    for (const word of behaviour.words) {
      if (res.destroyed) return;
      chunk(word);
      if (behaviour.kind === 'stream' && behaviour.delayMs > 0)
        await new Promise((done) => setTimeout(done, behaviour.delayMs));
    }
    if (behaviour.kind === 'hang-after') return; // says nothing more, never ends
    if (behaviour.kind === 'reset-after') {
      // Time for the words to reach the client first: a reset drops unsent data.
      await new Promise((done) => setTimeout(done, 100));
      res.socket?.resetAndDestroy();
      return;
    }
    if (behaviour.kind === 'malformed-after')
      res.write('data: {"id":"c1","choices":[{"delta":\n\n');
    if (res.destroyed) return;
    send({
      id: 'c1',
      object: 'chat.completion.chunk',
      model: 'fake-model-1',
      choices: [],
      usage: {
        prompt_tokens: 11,
        completion_tokens: behaviour.words.length,
        total_tokens: 11 + behaviour.words.length,
      },
    });
    res.write('data: [DONE]\n\n');
    record.finished = true;
    res.end();
  }
}
