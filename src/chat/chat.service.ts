import { Injectable } from '@nestjs/common';
import type { MessageEvent } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Response } from 'express';
import { map, Observable } from 'rxjs';
import type { UserId } from '../common/auth/user-id';
import { DomainError, ValidationFailed } from '../common/errors/domain-error';
import { NoContent } from '../common/http/no-content';
import type { Env } from '../config/env.schema';
import { RouterAgent } from '../context/router-agent';
import { RoomsService } from '../rooms/rooms.service';
import type { SessionRecord } from '../session/session.types';
import type { StreamEvent } from '../streams/stream-events';
import { NOTHING_TO_RESUME, StreamLifecycle } from '../streams/stream-lifecycle';
import { ChatTurns } from './chat-turns';
import { assertValidMessage } from './message-rules';
import { clientSinkOf } from './sse-connection';

export interface ChatMessageInput {
  room_id?: string;
  message: string;
  agent_type?: string;
}

/** The SSE response of a request, and the signal Nest aborts when its client goes away. */
export interface SseClient {
  res: Response;
  gone: AbortSignal;
}

@Injectable()
export class ChatService {
  constructor(
    private readonly rooms: RoomsService,
    private readonly router: RouterAgent,
    private readonly streams: StreamLifecycle,
    private readonly turns: ChatTurns,
    private readonly config: ConfigService<Env, true>,
  ) {}

  /**
   * Checks everything that can refuse the message (the session was checked by its guard;
   * then the room, the agent, the stream limits) and starts the turn; only then returns
   * the events, so a refusal is an ordinary JSON error response rather than a broken
   * stream. Nothing else waits before `start`: the record and the journal are written
   * behind the stream.
   */
  async open(
    owner: UserId,
    session: SessionRecord,
    input: ChatMessageInput,
    client: SseClient,
  ): Promise<Observable<MessageEvent>> {
    assertValidMessage(input.message, this.config.get('MESSAGE_MAX_CHARS', { infer: true }));
    if (input.room_id !== undefined && input.room_id !== session.room_id) {
      throw new ValidationFailed([{ field: 'room_id', reason: "is not this session's room" }]);
    }
    const room = await this.rooms.promptDetails(owner, session.room_id);
    const agent = this.router.route(input.message, input.agent_type);
    const lease = await this.streams.acquire({
      owner,
      sessionId: session.session_id,
      roomId: session.room_id,
      agentType: agent.agent_type,
      userInput: input.message,
    });
    this.turns.start(lease, { owner, session, room, agent, message: input.message });
    // A client that left during the setup is never subscribed: the policy applies at once.
    client.gone.addEventListener('abort', () => this.streams.abandoned(lease), { once: true });
    return this.sse(this.streams.attach(lease, this.sinkOf(client), 0));
  }

  /**
   * A stream route called with Last-Event-ID (a client reconnecting): never a new turn.
   * Resumes the session's newest stream after that id, or answers 204.
   */
  async resumeSession(
    owner: UserId,
    session: SessionRecord,
    lastEventId: number,
    client: SseClient,
  ): Promise<Observable<MessageEvent>> {
    const streamId = await this.streams.latestStreamOf(owner, session.session_id);
    if (!streamId) throw new NoContent();
    try {
      return await this.resume(owner, streamId, lastEventId, client);
    } catch (error) {
      // Its replay window has passed: as far as EventSource is concerned, nothing is left.
      if (error instanceof DomainError && error.code === 'STREAM_NOT_FOUND') throw new NoContent();
      throw error;
    }
  }

  /** The events of a stream after `afterId`, then live ones, then its terminal event. */
  async resume(
    owner: UserId,
    streamId: string,
    afterId: number,
    client: SseClient,
  ): Promise<Observable<MessageEvent>> {
    const events = await this.streams.resume(owner, streamId, afterId, this.sinkOf(client));
    if (events === NOTHING_TO_RESUME) throw new NoContent();
    return this.sse(events);
  }

  private sinkOf(client: SseClient) {
    return clientSinkOf(client.res, this.config.get('SSE_MAX_BUFFERED_BYTES', { infer: true }));
  }

  /** SSE messages with `id:`, plus a comment every SSE_KEEPALIVE_MS so proxies keep the line open. */
  private sse(events: Observable<StreamEvent>): Observable<MessageEvent> {
    const intervalMs = this.config.get('SSE_KEEPALIVE_MS', { infer: true });
    const messages = events.pipe(
      map((event): MessageEvent => ({ id: String(event.id), type: event.type, data: event.data })),
    );
    return new Observable<MessageEvent>((subscriber) => {
      const timer = setInterval(() => subscriber.next({ comment: 'keep-alive' }), intervalMs);
      const inner = messages.subscribe(subscriber);
      return () => {
        clearInterval(timer);
        inner.unsubscribe();
      };
    });
  }
}
