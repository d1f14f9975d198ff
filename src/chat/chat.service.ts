import { Inject, Injectable, Logger } from '@nestjs/common';
import type { MessageEvent } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Observable } from 'rxjs';
import type { UserId } from '../common/auth/user-id';
import { StreamAlreadyActive, ValidationFailed } from '../common/errors/domain-error';
import type { Env } from '../config/env.schema';
import { ContextEngineer } from '../context/context-engineer';
import { ContextManager } from '../context/context-manager';
import { RouterAgent } from '../context/router-agent';
import { ConversationRepository, type PageRequest } from '../conversations/conversation.repository';
import { LLM_PROVIDER, type LlmProvider } from '../llm/llm-provider';
import { Metrics } from '../metrics/metrics';
import { toConversationView, type ConversationView } from '../rooms/room.view';
import { RoomsService } from '../rooms/rooms.service';
import { SessionService } from '../session/session.service';
import { ActiveStreamsRepository } from '../streams/active-streams.repository';
import { StreamCoordinator } from '../streams/stream-coordinator';
import { StreamRegistry } from '../streams/stream-registry';
import { ChatTurn, type ChatTurnDeps } from './chat-turn';
import { assertValidMessage } from './message-rules';

export interface ChatMessageInput {
  session_id: string;
  room_id?: string;
  message: string;
  agent_type?: string;
}

@Injectable()
export class ChatService {
  private readonly logger = new Logger('ChatStream');
  private readonly turnDeps: ChatTurnDeps;

  constructor(
    private readonly sessions: SessionService,
    private readonly rooms: RoomsService,
    private readonly router: RouterAgent,
    private readonly registry: StreamRegistry,
    private readonly activeStreams: ActiveStreamsRepository,
    private readonly coordinator: StreamCoordinator,
    private readonly conversations: ConversationRepository,
    private readonly config: ConfigService<Env, true>,
    private readonly metrics: Metrics,
    engineer: ContextEngineer,
    context: ContextManager,
    @Inject(LLM_PROVIDER) provider: LlmProvider,
  ) {
    this.turnDeps = {
      engineer,
      context,
      provider,
      registry,
      activeStreams,
      coordinator,
      logger: this.logger,
      metrics,
      defaultModel: config.get('LLM_MODEL', { infer: true }),
      idleTimeoutMs: config.get('LLM_IDLE_TIMEOUT_MS', { infer: true }),
    };
  }

  /**
   * Checks everything that can refuse the message (session, room, agent, stream
   * limits) and registers the stream; only then returns the events, so a refusal is
   * an ordinary JSON error response rather than a broken stream.
   */
  async open(
    owner: UserId,
    input: ChatMessageInput,
    clientGone: AbortSignal,
  ): Promise<Observable<MessageEvent>> {
    assertValidMessage(input.message, this.config.get('MESSAGE_MAX_CHARS', { infer: true }));
    const session = await this.sessions.use(owner, input.session_id);
    if (input.room_id !== undefined && input.room_id !== session.room_id) {
      throw new ValidationFailed([{ field: 'room_id', reason: "is not this session's room" }]);
    }
    const room = await this.rooms.get(owner, session.room_id);
    const agent = this.router.route(input.message, input.agent_type);

    const turn = new ChatTurn(this.turnDeps, { session, room, agent, message: input.message });
    this.registry.register(turn);
    if (!(await this.coordinator.claim(session.session_id, turn.streamId))) {
      this.registry.release(turn);
      throw new StreamAlreadyActive(session.session_id);
    }
    try {
      await this.activeStreams.open({
        stream_id: turn.streamId,
        session_id: session.session_id,
        room_id: session.room_id,
        user_id: owner,
        agent_type: agent.agent_type,
        started_at: new Date(),
      });
    } catch (error) {
      this.registry.release(turn);
      await this.coordinator.release(session.session_id, turn.streamId);
      throw error;
    }
    this.metrics.streamStarted();
    // Nest never subscribes when the client left during these awaits; stop() then finishes the turn.
    clientGone.addEventListener('abort', () => turn.stop('client_disconnected'), { once: true });
    if (clientGone.aborted) turn.stop('client_disconnected');
    return withKeepAlive(turn.events(), this.config.get('SSE_KEEPALIVE_MS', { infer: true }));
  }

  async history(
    owner: UserId,
    scope: { sessionId?: string; roomId?: string },
    page: PageRequest,
  ): Promise<{ items: ConversationView[]; total: number }> {
    const { items, total } = await this.conversations.pageForOwner(owner, scope, page);
    return { items: items.map(toConversationView), total };
  }
}

/** SSE events with `id:`, plus a comment every `intervalMs` so proxies keep the connection open. */
function withKeepAlive(
  events: Observable<{ id: number; type: string; data: object }>,
  intervalMs: number,
): Observable<MessageEvent> {
  return new Observable<MessageEvent>((subscriber) => {
    const timer = setInterval(() => subscriber.next({ comment: 'keep-alive' }), intervalMs);
    const inner = events.subscribe({
      next: (event) =>
        subscriber.next({ id: String(event.id), type: event.type, data: event.data }),
      error: (error: unknown) => subscriber.error(error),
      complete: () => subscriber.complete(),
    });
    return () => {
      clearInterval(timer);
      inner.unsubscribe();
    };
  });
}
