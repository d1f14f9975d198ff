import createClient, { createQuerySerializer, type Client } from 'openapi-fetch';
import { ChatConnectionError, errorFromResponse, isAbortError } from './errors.js';
import type { paths } from './generated/openapi.js';
import { MessageStream, type ResumeOptions, type StreamResumer } from './message-stream.js';
import type {
  ChatHistory,
  ChatHistoryQuery,
  CreateRoomInput,
  HealthReport,
  ListRoomsQuery,
  Room,
  RoomDeleted,
  RoomHistory,
  RoomHistoryQuery,
  RoomList,
  SendMessageInput,
  Session,
  SessionDeleted,
  SessionHistoryCleared,
  SessionReset,
  StopResult,
  UpdateRoomInput,
} from './types.js';

/**
 * Who calls: a Bearer token (or a function that returns a fresh one), or, on a server in
 * `AUTH_MODE=dev`, a plain user id sent as `user_id` with every request.
 */
export type ChatAuth = { token: string | (() => string | Promise<string>) } | { userId: string };

export interface ChatClientOptions {
  auth: ChatAuth;
  /** The API's origin, e.g. `http://localhost:3000`; defaults to the page's own origin. */
  baseUrl?: string;
  /** A fetch implementation; defaults to the global one. */
  fetch?: typeof globalThis.fetch;
  /** How streams resume after a dropped connection (see MessageStream); on by default. */
  resume?: ResumeOptions;
}

/** The typed openapi-fetch client over every operation of openapi.json. */
export type ChatApi = Client<paths>;

/** What openapi-fetch resolves with: the parsed success body, or the error body, and the response. */
interface ApiResult<Body> {
  data?: Body;
  error?: unknown;
  response: Response;
}

/** Success answers are `{ success, message, data, timestamp }`; callers want `data`. */
async function unwrap<T>(call: Promise<ApiResult<{ data: T }>>): Promise<T> {
  let result: ApiResult<{ data: T }>;
  try {
    result = await call;
  } catch (error) {
    throw isAbortError(error) ? error : connectionError(error);
  }
  const { data, error, response } = result;
  if (!response.ok || data === undefined) throw errorFromResponse(response, error);
  return data.data;
}

function connectionError(cause: unknown): ChatConnectionError {
  return new ChatConnectionError('The server could not be reached', { cause });
}

function defaultBaseUrl(): string {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  if (origin === undefined) throw new TypeError('baseUrl is required outside a browser');
  return origin;
}

/**
 * A client for the CareGuide Chat API. Each method is one call, named after its
 * operationId; it resolves with the answer's `data` or rejects with a ChatApiError
 * (error envelope) or a ChatConnectionError (server unreachable). Nothing is retried;
 * only a stream whose connection dropped is read again from where it broke off.
 */
export class ChatClient {
  /** Every operation, typed from openapi.json, for what the methods below do not cover. */
  readonly api: ChatApi;
  private readonly resumeOptions: ResumeOptions;

  constructor(options: ChatClientOptions) {
    const { auth } = options;
    this.resumeOptions = options.resume ?? {};
    const defaultQuery = createQuerySerializer();
    this.api = createClient<paths>({
      baseUrl: options.baseUrl ?? defaultBaseUrl(),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      // In dev mode the user is named on every call, whatever the operation declares.
      querySerializer:
        'userId' in auth
          ? (query) => defaultQuery({ ...query, user_id: auth.userId })
          : (query) => defaultQuery(query),
    });
    if ('token' in auth) {
      const { token } = auth;
      this.api.use({
        async onRequest({ request }) {
          const value = typeof token === 'function' ? await token() : token;
          request.headers.set('Authorization', `Bearer ${value}`);
          return request;
        },
      });
    }
  }

  listRooms(query: ListRoomsQuery = {}): Promise<RoomList> {
    return unwrap(this.api.GET('/api/rooms', { params: { query } }));
  }

  createRoom(input: CreateRoomInput = {}): Promise<Room> {
    return unwrap(this.api.POST('/api/rooms', { body: input }));
  }

  getRoom(roomId: string): Promise<Room> {
    return unwrap(this.api.GET('/api/rooms/{room_id}', { params: { path: { room_id: roomId } } }));
  }

  updateRoom(roomId: string, changes: UpdateRoomInput): Promise<Room> {
    return unwrap(
      this.api.PATCH('/api/rooms/{room_id}', {
        params: { path: { room_id: roomId } },
        body: { metadata_mode: 'merge', ...changes },
      }),
    );
  }

  /** Soft delete by default; `permanent: true` erases the room and its conversations for good. */
  deleteRoom(roomId: string, options: { permanent?: boolean } = {}): Promise<RoomDeleted> {
    return unwrap(
      this.api.DELETE('/api/rooms/{room_id}', {
        params: { path: { room_id: roomId }, query: { permanent: options.permanent ?? false } },
      }),
    );
  }

  getRoomHistory(roomId: string, query: RoomHistoryQuery = {}): Promise<RoomHistory> {
    return unwrap(
      this.api.GET('/api/rooms/{room_id}/history', {
        params: { path: { room_id: roomId }, query },
      }),
    );
  }

  createSession(roomId: string): Promise<Session> {
    return unwrap(this.api.POST('/api/session/create', { body: { room_id: roomId } }));
  }

  getSession(sessionId: string): Promise<Session> {
    return unwrap(
      this.api.GET('/api/session/{session_id}', {
        params: { path: { session_id: sessionId } },
      }),
    );
  }

  resetSession(sessionId: string, agentType?: string): Promise<SessionReset> {
    return unwrap(
      this.api.POST('/api/session/{session_id}/reset', {
        params: { path: { session_id: sessionId } },
        body: agentType === undefined ? {} : { agent_type: agentType },
      }),
    );
  }

  /** Stops the session's running answer; resolves with the partial once it is stored. */
  stopStream(sessionId: string): Promise<StopResult> {
    return unwrap(
      this.api.POST('/api/session/{session_id}/stop', {
        params: { path: { session_id: sessionId } },
        body: {},
      }),
    );
  }

  clearSessionHistory(sessionId: string): Promise<SessionHistoryCleared> {
    return unwrap(
      this.api.DELETE('/api/session/{session_id}/history', {
        params: { path: { session_id: sessionId } },
      }),
    );
  }

  deleteSession(sessionId: string): Promise<SessionDeleted> {
    return unwrap(
      this.api.DELETE('/api/session/{session_id}', {
        params: { path: { session_id: sessionId } },
      }),
    );
  }

  getChatHistory(query: ChatHistoryQuery): Promise<ChatHistory> {
    return unwrap(this.api.GET('/api/chat/history', { params: { query } }));
  }

  healthReport(): Promise<HealthReport> {
    return unwrap(this.api.GET('/api/health'));
  }

  /**
   * Sends a message (POST /api/chat/message) and streams the answer. The request goes out
   * once, now; a refusal (validation, 404, 409, 410, 429, 503) rejects `result` and the
   * iterator with a ChatApiError before any event. A connection that drops mid-answer is
   * resumed (GET /api/chat/streams/{stream_id} with Last-Event-ID), never sent again.
   * See MessageStream.
   */
  streamMessage(input: SendMessageInput): MessageStream {
    return new MessageStream(
      input.session_id,
      async (signal) =>
        eventStreamOf(
          this.api.POST('/api/chat/message', {
            body: input,
            parseAs: 'stream',
            headers: { Accept: 'text/event-stream' },
            signal,
          }),
        ),
      () => this.stopStream(input.session_id),
      this.resumer,
      this.resumeOptions,
    );
  }

  /**
   * Reads a stream again from the event after `last_event_id` (all of it without one),
   * e.g. after a page reload: the missed events with their ids, then the live ones, then
   * the terminal event (GET /api/chat/streams/{stream_id}). A finished stream can be
   * read for the server's replay window (STREAM_REPLAY_TTL_MS); once the caller has it
   * all, `result` rejects with ChatStreamInterruptedError.
   */
  resumeStream(input: {
    session_id: string;
    stream_id: string;
    last_event_id?: string;
  }): MessageStream {
    return new MessageStream(
      input.session_id,
      async (signal) => {
        const body = await this.resumer(input.stream_id, input.last_event_id, signal);
        return body ?? new ReadableStream<Uint8Array>({ start: (close) => close.close() });
      },
      () => this.stopStream(input.session_id),
      this.resumer,
      this.resumeOptions,
      input,
    );
  }

  private readonly resumer: StreamResumer = async (streamId, lastEventId, signal) =>
    eventStreamOf(
      this.api.GET('/api/chat/streams/{stream_id}', {
        params: {
          path: { stream_id: streamId },
          ...(lastEventId === undefined ? {} : { header: { 'Last-Event-ID': lastEventId } }),
        },
        parseAs: 'stream',
        headers: { Accept: 'text/event-stream' },
        signal,
      }),
      true,
    );
}

/** The event stream of an SSE answer; ChatApiError when refused; undefined on 204 when allowed. */
async function eventStreamOf(
  call: Promise<ApiResult<ReadableStream<Uint8Array> | null>>,
  allowNoContent: true,
): Promise<ReadableStream<Uint8Array> | undefined>;
async function eventStreamOf(
  call: Promise<ApiResult<ReadableStream<Uint8Array> | null>>,
): Promise<ReadableStream<Uint8Array>>;
async function eventStreamOf(
  call: Promise<ApiResult<ReadableStream<Uint8Array> | null>>,
  allowNoContent = false,
): Promise<ReadableStream<Uint8Array> | undefined> {
  let result: ApiResult<ReadableStream<Uint8Array> | null>;
  try {
    result = await call;
  } catch (error) {
    throw isAbortError(error) ? error : connectionError(error);
  }
  const { data, error, response } = result;
  if (!response.ok) throw errorFromResponse(response, error);
  if (response.status === 204 && allowNoContent) return undefined;
  if (!data || !response.headers.get('content-type')?.startsWith('text/event-stream')) {
    throw new ChatConnectionError(
      `Expected an event stream, got ${response.headers.get('content-type') ?? 'no body'}`,
    );
  }
  return data;
}

export function createChatClient(options: ChatClientOptions): ChatClient {
  return new ChatClient(options);
}
