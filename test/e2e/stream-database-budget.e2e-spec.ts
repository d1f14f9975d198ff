import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { CommandStartedEvent } from 'mongodb';
import request from 'supertest';
import { expectEventually, newConversation } from '../support/factories';
import { openSse, TERMINAL, type SseEvent } from '../support/sse-client';
import { startTestApp, type TestApp } from '../support/test-app';

interface SentCommand {
  name: string;
  collection: string;
  at: number;
}

const WRITES = new Set(['insert', 'update', 'delete', 'findAndModify']);

/** Every command the app's connection sends, with the collection it names and when. */
function recordCommands(t: TestApp): SentCommand[] {
  const sent: SentCommand[] = [];
  t.db.getClient().on('commandStarted', (event: CommandStartedEvent) => {
    const target: unknown = event.command[event.commandName];
    sent.push({
      name: event.commandName,
      collection: typeof target === 'string' ? target : '',
      at: performance.now(),
    });
  });
  return sent;
}

/**
 * When the server wrote each SSE event, by name: the windows below are the server's own
 * (a busy test process may read an event well after it was written, by when a write
 * behind the stream, on its own timer, has been sent).
 */
function recordServerWrites(t: TestApp): Map<string, number> {
  const written = new Map<string, number>();
  const server = t.app.getHttpServer();
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      const text = Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
      for (const [, name] of text.matchAll(/^event: (\w+)$/gm))
        if (!written.has(name)) written.set(name, performance.now());
      return write(chunk, ...rest);
    }) as ServerResponse['write'];
  });
  return written;
}

/** The stream's events, each with the moment it arrived. */
async function readTimed(url: string, body: unknown) {
  const sentAt = performance.now();
  const stream = await openSse(url, { body });
  const events: (SseEvent & { at: number })[] = [];
  for (;;) {
    const event = await stream.next();
    if (!event) break;
    events.push({ ...event, at: performance.now() });
    if (TERMINAL.includes(event.event)) break;
  }
  return { sentAt, events };
}

const between = (sent: SentCommand[], from: number, to: number) =>
  sent.filter((command) => command.at >= from && command.at <= to);

/**
 * What a turn asks of the database (issue 7's budget): nothing but refusal checks before
 * the first event, nothing per chunk, one write (the turn) that the terminal event waits
 * for; the room summary and the stream's record follow it, batched.
 */
describe('the database on the critical path of a turn', () => {
  let t: TestApp;
  let sent: SentCommand[];
  let written: Map<string, number>;

  beforeAll(async () => {
    t = await startTestApp({
      // Background jobs stay out of the way: only the turn's own commands are seen.
      STREAM_HEARTBEAT_MS: '600000',
      STREAM_STALE_MS: '1200000',
      SESSION_SWEEP_INTERVAL_MS: '3600000',
      STREAM_RECORD_FLUSH_MS: '300',
      SIMULATED_LLM_DELAY_MS: '10',
      SIMULATED_LLM_WORDS: '40',
    });
    sent = recordCommands(t);
    written = recordServerWrites(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends nothing per chunk; the one write before the terminal event is the turn, the summary follows it', async () => {
    const { user, roomId, sessionId } = await newConversation(t.url);
    sent.splice(0);
    written.clear();
    const { sentAt, events } = await readTimed(`${t.url}/api/chat/message`, {
      user_id: user,
      session_id: sessionId,
      message: 'hello',
    });
    const start = events[0];
    const terminal = events[events.length - 1];
    expect(start.event).toBe('start');
    expect(terminal).toMatchObject({ event: 'done', data: { stored: true } });
    expect(events.filter((event) => event.event === 'chunk').length).toBeGreaterThan(30);

    expect([...written.keys()]).toEqual(expect.arrayContaining(['start', 'done']));
    const startWritten = written.get('start') as number;
    const terminalWritten = written.get('done') as number;
    expect(startWritten).toBeLessThanOrEqual(start.at);
    expect(terminalWritten).toBeLessThanOrEqual(terminal.at);

    // Before the first event: reads only (the room, unless cached since the session began).
    const beforeStart = between(sent, sentAt, startWritten);
    expect(beforeStart.filter((command) => WRITES.has(command.name))).toEqual([]);
    expect(beforeStart.length).toBeLessThanOrEqual(1);

    // While the answer streams: at most the stream record's batched insert (written
    // behind, never awaited by an event), then the turn's insert, which the terminal event
    // waits for; the room summary is sent once the turn is stored, not before.
    const streaming = between(sent, startWritten, terminalWritten).map(
      (command) => `${command.name} ${command.collection}`,
    );
    const turnInsert = streaming.indexOf('insert conversation_history');
    expect(turnInsert).toBeGreaterThanOrEqual(0);
    const beforeTurn = streaming.slice(0, turnInsert);
    expect(['insert active_streams'].slice(0, beforeTurn.length)).toEqual(beforeTurn);
    const afterTurn = streaming.slice(turnInsert + 1);
    expect(afterTurn.filter((command) => command !== 'update chat_rooms')).toEqual([]);

    // After it: the room summary (one command) and the record's close, batched.
    await expectEventually(() => t.db.collection('chat_rooms').findOne({ room_id: roomId }), {
      message_count: 1,
    });
    await expectEventually(
      () => t.db.collection('active_streams').findOne({ session_id: sessionId }),
      { status: 'completed' },
    );
    const turnCommands = between(sent, sentAt, performance.now()).filter(
      (command) => !(command.name === 'find' && command.collection === 'chat_rooms'),
    );
    // The test's own reads of the two collections above are left out of the count.
    const own = turnCommands.filter(
      (command) => command.name === 'find' && command.collection === 'active_streams',
    );
    expect(turnCommands.length - own.length).toBeLessThanOrEqual(4);
  });

  it('a stop waits for nothing but the partial turn', async () => {
    const { user, sessionId } = await newConversation(t.url);
    const stream = await openSse(`${t.url}/api/chat/message`, {
      body: { user_id: user, session_id: sessionId, message: 'a long one' },
    });
    await stream.next();
    await stream.next();
    sent.splice(0);
    const stop = await request(t.url)
      .post(`/api/session/${sessionId}/stop`)
      .send({ user_id: user })
      .expect(200);
    expect(stop.body).toMatchObject({ data: { stream_status: 'cancelled', stored: true } });
    const rest = await stream.rest();
    expect(rest[rest.length - 1]).toMatchObject({ event: 'cancelled', data: { stored: true } });
    expect(sent.filter((command) => command.collection === 'conversation_history')).toEqual([
      expect.objectContaining({ name: 'insert' }),
    ]);
  });
});
