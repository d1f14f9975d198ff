import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { ChatApiError, ChatConnectionError, ChatStreamInterruptedError } from './errors.js';
import type {
  ChatStreamEvent,
  ChatStreamEventType,
  StartEvent,
  StopResult,
  TerminalEvent,
} from './types.js';

const EVENT_TYPES: ReadonlySet<string> = new Set<ChatStreamEventType>([
  'start',
  'chunk',
  'done',
  'cancelled',
  'error',
]);

/** Opens the `text/event-stream` body; throws ChatApiError when the message is refused. */
export type StreamOpener = (signal: AbortSignal) => Promise<ReadableStream<Uint8Array>>;

/**
 * Reopens a stream after the event with `lastEventId` (GET /api/chat/streams/{stream_id});
 * undefined when the server has nothing more to send (204).
 */
export type StreamResumer = (
  streamId: string,
  lastEventId: string | undefined,
  signal: AbortSignal,
) => Promise<ReadableStream<Uint8Array> | undefined>;

export interface ResumeOptions {
  /** Reconnections tried after a dropped connection, each after a longer wait; 0 turns resuming off. Default 3. */
  attempts?: number;
  /** The first wait, doubled for each later attempt. Default 250 ms. */
  delayMs?: number;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Nobody may be listening; the failure is still delivered to whoever awaits later.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

function abortError(): DOMException {
  return new DOMException('The stream was aborted', 'AbortError');
}

/**
 * One streamed answer. The request is sent once, when the stream is created; events are
 * read at once and kept, so `text`, `result` and every iterator see all of them, in order:
 * `start`, any number of `chunk`, then exactly one of `done`, `cancelled` or `error`.
 * A connection that drops after `start` is resumed where it broke off (the server sends
 * the missed events with their ids; none is seen twice); the message is never sent again.
 */
export class MessageStream implements AsyncIterable<ChatStreamEvent> {
  /** The terminal event; rejects with ChatApiError (refused), ChatConnectionError or an AbortError. */
  readonly result: Promise<TerminalEvent>;
  /** The `start` event: the server accepted the message. Rejects as `result` does when refused. */
  readonly started: Promise<StartEvent>;

  private readonly events: ChatStreamEvent[] = [];
  private readonly controller = new AbortController();
  private readonly outcome = deferred<TerminalEvent>();
  private readonly startOutcome = deferred<StartEvent>();
  private readonly textListeners = new Set<(text: string) => void>();
  private wakeIterators: Array<() => void> = [];
  private partial = '';
  private startEvent: StartEvent | undefined;
  private terminalEvent: TerminalEvent | undefined;
  private failure: { error: unknown } | undefined;
  private lastEventId: string | undefined;

  private readonly knownStreamId: string | undefined;
  private readonly attempts: number;
  private readonly delayMs: number;
  /** Connections that dropped and were opened again. */
  private resumedCount = 0;

  constructor(
    readonly session_id: string,
    open: StreamOpener,
    private readonly requestStop: () => Promise<StopResult>,
    private readonly resume?: StreamResumer,
    options: ResumeOptions = {},
    /** A stream read again (resumeStream): its id, and the last event the caller has. */
    from?: { stream_id: string; last_event_id?: string },
  ) {
    this.result = this.outcome.promise;
    this.started = this.startOutcome.promise;
    this.knownStreamId = from?.stream_id;
    this.lastEventId = from?.last_event_id;
    this.attempts = resume ? (options.attempts ?? 3) : 0;
    this.delayMs = options.delayMs ?? 250;
    void this.pump(open);
  }

  /** How many times a dropped connection was opened again. */
  get resumed(): number {
    return this.resumedCount;
  }

  /** The answer so far: the joined chunks, then the stored text of the terminal event. */
  get text(): string {
    return this.partial;
  }

  /** The `start` event's data (stream, room, agent and message ids), once it arrived. */
  get start(): StartEvent | undefined {
    return this.startEvent;
  }

  get terminal(): TerminalEvent | undefined {
    return this.terminalEvent;
  }

  get stream_id(): string | undefined {
    return this.startEvent?.stream_id ?? this.knownStreamId;
  }

  /** The id of the last event received, where a resumed stream would go on from. */
  get last_event_id(): string | undefined {
    return this.lastEventId;
  }

  /** True once the terminal event arrived or the stream failed. */
  get ended(): boolean {
    return this.terminalEvent !== undefined || this.failure !== undefined;
  }

  /** Calls `listener` with the whole text each time it grows; returns the unsubscribe function. */
  onText(listener: (text: string) => void): () => void {
    this.textListeners.add(listener);
    return () => this.textListeners.delete(listener);
  }

  /**
   * Asks the server to stop the answer (POST /api/session/{id}/stop) and resolves with the
   * partial as stored. The stream then ends with `cancelled`. Waits for `start` first, so a
   * stop sent right after the message reaches the running stream. Rejects with ChatApiError
   * `STREAM_NOT_FOUND` when the answer had already ended.
   */
  async stop(): Promise<StopResult> {
    if (this.stream_id === undefined) await this.startOutcome.promise;
    return this.requestStop();
  }

  /** Closes the connection. The server ends the answer and keeps what was said; nothing is re-sent. */
  abort(): void {
    this.controller.abort();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<ChatStreamEvent> {
    let index = 0;
    for (;;) {
      while (index < this.events.length) yield this.events[index++];
      if (this.failure !== undefined) throw this.failure.error;
      if (this.terminalEvent !== undefined) return;
      await new Promise<void>((resolve) => this.wakeIterators.push(resolve));
    }
  }

  private async pump(open: StreamOpener): Promise<void> {
    try {
      let body: ReadableStream<Uint8Array> | undefined = await open(this.controller.signal);
      let failures = 0;
      for (;;) {
        let dropped: unknown;
        if (body) {
          try {
            await this.read(body);
            if (this.ended) return;
          } catch (error) {
            if (error instanceof ChatStreamInterruptedError || this.controller.signal.aborted)
              throw error;
            dropped = error;
          }
        }
        const streamId = this.stream_id;
        if (!body || streamId === undefined || failures >= this.attempts || !this.resume) {
          throw new ChatStreamInterruptedError(
            body
              ? 'The connection closed before the answer ended'
              : 'The server has nothing more to send for this answer',
            this.stream_id,
            this.lastEventId,
            this.partial,
            dropped === undefined ? undefined : { cause: dropped },
          );
        }
        await this.wait(this.delayMs * 2 ** failures);
        failures += 1;
        try {
          body = await this.resume(streamId, this.lastEventId, this.controller.signal);
          this.resumedCount += 1;
        } catch (error) {
          if (this.controller.signal.aborted) throw error;
          // Refused (the replay window has passed, the stream is unknown): give up.
          if (error instanceof ChatApiError) {
            throw new ChatStreamInterruptedError(
              'The connection closed before the answer ended, and the answer could not be resumed',
              streamId,
              this.lastEventId,
              this.partial,
              { cause: error },
            );
          }
          // Unreachable for now: the next attempt may get through.
          if (!(error instanceof ChatConnectionError)) throw error;
        }
      }
    } catch (error) {
      this.fail(error);
    }
  }

  /** Feeds one connection's events until the terminal event or the connection's end. */
  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const parser = createParser({ onEvent: (message) => this.accept(message) });
    const reader = body.getReader();
    const decoder = new TextDecoder();
    try {
      while (!this.ended) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } finally {
      // The server closes after the terminal event; nothing more is wanted from it.
      await reader.cancel().catch(() => undefined);
    }
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const signal = this.controller.signal;
      if (signal.aborted) return reject(abortError());
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private accept(message: EventSourceMessage): void {
    if (this.ended) return;
    // A resumed connection starts after the last id seen; anything older is not shown twice.
    if (message.id !== undefined && this.lastEventId !== undefined) {
      if (Number(message.id) <= Number(this.lastEventId)) return;
    }
    if (message.id !== undefined) this.lastEventId = message.id;
    // Event names this client does not know are skipped, so new server events break nothing.
    if (message.event === undefined || !EVENT_TYPES.has(message.event)) return;
    let data: unknown;
    try {
      data = JSON.parse(message.data);
    } catch (cause) {
      throw new ChatStreamInterruptedError(
        `The server sent a "${message.event}" event that is not JSON`,
        this.stream_id,
        this.lastEventId,
        this.partial,
        { cause },
      );
    }
    const event = { type: message.event, id: message.id, data } as ChatStreamEvent;
    this.events.push(event);
    switch (event.type) {
      case 'start':
        this.startEvent = event.data;
        this.startOutcome.resolve(event.data);
        break;
      case 'chunk':
        this.setText(this.partial + event.data.content);
        break;
      case 'done':
        this.finish(event, event.data.response);
        break;
      case 'cancelled':
      case 'error':
        this.finish(event, event.data.partial_response);
        break;
    }
    this.wake();
  }

  private finish(event: TerminalEvent, storedText: string): void {
    this.setText(storedText);
    this.terminalEvent = event;
    this.startOutcome.reject(new ChatConnectionError('The stream ended'));
    this.outcome.resolve(event);
  }

  private fail(error: unknown): void {
    if (this.ended) return;
    let reason = error;
    if (this.controller.signal.aborted) reason = abortError();
    else if (!(error instanceof ChatApiError || error instanceof ChatConnectionError)) {
      reason = new ChatStreamInterruptedError(
        'The connection to the server was lost during the answer',
        this.stream_id,
        this.lastEventId,
        this.partial,
        { cause: error },
      );
    }
    this.failure = { error: reason };
    this.startOutcome.reject(reason);
    this.outcome.reject(reason);
    this.wake();
  }

  private setText(text: string): void {
    if (text === this.partial) return;
    this.partial = text;
    for (const listener of this.textListeners) listener(text);
  }

  private wake(): void {
    const waiting = this.wakeIterators;
    this.wakeIterators = [];
    for (const resolve of waiting) resolve();
  }
}
