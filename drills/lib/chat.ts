/**
 * The drills' client: rooms and sessions through the API with a user's token, streams read
 * event by event (with the time each arrived), dropped at will, resumed with Last-Event-ID,
 * and Stop. Built on the benchmark's SSE client (bench/lib/sse-load.ts).
 */
import { performance } from 'node:perf_hooks';
import { runStream } from '../../bench/lib/sse-load';
import { HOST, tokenFor, type Api } from './fleet';

export const TERMINAL_EVENTS = ['done', 'cancelled', 'error'];

export interface Conversation {
  user: string;
  token: string;
  roomId: string;
  sessionId: string;
}

/** A user with a room and a session in it, created through `api`. */
export async function newConversation(api: Api, user: string): Promise<Conversation> {
  const token = await tokenFor(user);
  const auth = { Authorization: `Bearer ${token}` };
  const room = await api.client.call('POST', '/api/rooms', {}, auth);
  if (room.status !== 201) throw new Error(`POST /api/rooms answered ${room.status}`);
  const roomId = (room.json as { data: { room_id: string } }).data.room_id;
  const session = await api.client.call('POST', '/api/session/create', { room_id: roomId }, auth);
  if (session.status !== 201)
    throw new Error(`POST /api/session/create answered ${session.status}`);
  const sessionId = (session.json as { data: { session_id: string } }).data.session_id;
  return { user, token, roomId, sessionId };
}

export interface SseEvent {
  id: number;
  event: string;
  data: Record<string, unknown>;
  /** performance.now() when it arrived. */
  at: number;
}

export interface StreamRun {
  status: number;
  events: SseEvent[];
  /** The last event, when it is a terminal one. */
  terminal?: SseEvent;
  /** How the connection ended without a terminal event (dropped, refused, reset). */
  error?: string;
  /** performance.now() when the connection ended. */
  endedAt: number;
}

export interface ReadOptions {
  /**
   * Called for each event; `drop()` closes the connection as a lost network would (the
   * event was received; none after it is).
   */
  onEvent?: (event: SseEvent, drop: () => void) => void;
  /** Closes the connection once this many events arrived. */
  dropAfter?: number;
}

async function read(
  api: Api,
  token: string,
  target: { method: 'GET' | 'POST'; path: string; body?: string; headers?: Record<string, string> },
  options: ReadOptions,
): Promise<StreamRun> {
  const events: SseEvent[] = [];
  const abort = new AbortController();
  let dropped = false;
  const drop = () => {
    dropped = true;
    abort.abort();
  };
  const timing = await runStream(
    HOST,
    api.port,
    { ...target, headers: { Authorization: `Bearer ${token}`, ...target.headers } },
    {
      signal: abort.signal,
      onEvent: (id, name, data) => {
        if (dropped) return;
        const event: SseEvent = {
          id: Number(id),
          event: name,
          data: JSON.parse(data) as Record<string, unknown>,
          at: performance.now(),
        };
        events.push(event);
        options.onEvent?.(event, drop);
        if (options.dropAfter !== undefined && events.length >= options.dropAfter) drop();
      },
    },
  );
  const last = events[events.length - 1];
  return {
    status: timing.status,
    events,
    terminal: last && TERMINAL_EVENTS.includes(last.event) ? last : undefined,
    error: dropped ? 'dropped by the client' : timing.error,
    endedAt: performance.now(),
  };
}

/** Sends a message and reads its stream to the end (or until the client drops it). */
export function sendMessage(
  api: Api,
  conversation: Conversation,
  message: string,
  options: ReadOptions = {},
): Promise<StreamRun> {
  return read(
    api,
    conversation.token,
    {
      method: 'POST',
      path: '/api/chat/message',
      body: JSON.stringify({ session_id: conversation.sessionId, message }),
    },
    options,
  );
}

/**
 * Sends `message` in every conversation at once and resolves once each stream has
 * reached the event `eventId` (mid-answer), with the runs, which go on to their end.
 */
export async function allUnderWay(
  api: Api,
  conversations: Conversation[],
  message: string,
  eventId: number,
): Promise<Promise<StreamRun>[]> {
  let reached = 0;
  let allReached!: () => void;
  const underWay = new Promise<void>((done) => (allReached = done));
  const runs = conversations.map((conversation) =>
    sendMessage(api, conversation, message, {
      onEvent: (event) => {
        if (event.id === eventId && (reached += 1) === conversations.length) allReached();
      },
    }),
  );
  await underWay;
  return runs;
}

/** Asks `api` for the rest of a stream after the event `lastEventId`. */
export function resumeStream(
  api: Api,
  conversation: Conversation,
  streamId: string,
  lastEventId: number,
  options: ReadOptions = {},
): Promise<StreamRun> {
  return read(
    api,
    conversation.token,
    {
      method: 'GET',
      path: `/api/chat/streams/${streamId}`,
      headers: { 'Last-Event-ID': String(lastEventId) },
    },
    options,
  );
}

export interface StopAnswer {
  status: number;
  data?: {
    stream_id?: string;
    stream_status?: string;
    partial_response?: string;
    stored?: boolean;
  };
  ms: number;
}

/** POST /api/session/{id}/stop on `api`. */
export async function stopStream(api: Api, conversation: Conversation): Promise<StopAnswer> {
  const res = await api.client.call(
    'POST',
    `/api/session/${conversation.sessionId}/stop`,
    {},
    { Authorization: `Bearer ${conversation.token}` },
  );
  return {
    status: res.status,
    data: (res.json as { data?: StopAnswer['data'] } | undefined)?.data,
    ms: res.ms,
  };
}

/** The answer's text as the client saw it: its chunks, joined. */
export function chunksText(events: SseEvent[]): string {
  return events
    .filter((event) => event.event === 'chunk')
    .map((event) => event.data.content as string)
    .join('');
}

/** The stream id its start event carried. */
export function streamIdOf(run: StreamRun): string {
  const start = run.events.find((event) => event.event === 'start');
  if (!start) throw new Error(`no start event (status ${run.status}, ${run.error ?? 'no error'})`);
  return start.data.stream_id as string;
}

/** The message id its start event carried (the stored turn's key). */
export function messageIdOf(run: StreamRun): string | undefined {
  return run.events.find((event) => event.event === 'start')?.data.message_id as string | undefined;
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Polls `check` every 50 ms until it returns something other than undefined, or `timeoutMs` passed. */
export async function poll<T>(
  check: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T | undefined> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (performance.now() > deadline) return undefined;
    await sleep(50);
  }
}
