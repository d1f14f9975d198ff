import { randomUUID } from 'node:crypto';
import type { Logger } from '@nestjs/common';
import { Observable } from 'rxjs';
import type { UserId } from '../common/auth/user-id';
import type { AgentDefinition } from '../context/agents';
import type { ContextEngineer } from '../context/context-engineer';
import type { ContextManager } from '../context/context-manager';
import type { TurnStatus } from '../conversations/conversation.schema';
import { LlmUnavailable, type LlmProvider, type TokenUsage } from '../llm/llm-provider';
import type { Metrics } from '../metrics/metrics';
import type { SessionRecord } from '../session/session.types';
import type { ActiveStreamsRepository } from '../streams/active-streams.repository';
import type { StreamCoordinator } from '../streams/stream-coordinator';
import type {
  RunningStream,
  StopReason,
  StreamOutcome,
  StreamRegistry,
} from '../streams/stream-registry';
import type { ChatEvent } from './chat-events';

export interface ChatTurnDeps {
  engineer: ContextEngineer;
  context: ContextManager;
  provider: LlmProvider;
  registry: StreamRegistry;
  activeStreams: ActiveStreamsRepository;
  coordinator: StreamCoordinator;
  logger: Logger;
  metrics: Metrics;
  defaultModel: string;
  idleTimeoutMs: number;
}

export interface ChatTurnSpec {
  session: SessionRecord;
  room: { room_name: string; metadata: Record<string, unknown> };
  agent: AgentDefinition;
  message: string;
}

/** The upstream sent nothing for LLM_IDLE_TIMEOUT_MS. */
class UpstreamIdle extends Error {}

const STATUS_BY_STOP_REASON: Record<StopReason, TurnStatus> = {
  stopped: 'cancelled',
  client_disconnected: 'cancelled',
  session_deleted: 'cancelled',
  room_deleted: 'cancelled',
  shutdown: 'interrupted',
};

/**
 * One streamed answer, from the first event to its stored turn. `events()` is the
 * Observable the SSE response subscribes to. Whatever ends the turn (the answer is
 * complete, Stop, the client leaving, an upstream failure, shutdown), `finish()`
 * runs exactly once: it stores the turn (unless nothing was said), closes the
 * `active_streams` record and releases the registry slot; `settled` then resolves.
 * The Observable's teardown aborts the upstream call and calls `finish()`, so a
 * client that leaves mid-answer is handled by the same code as Stop.
 */
export class ChatTurn implements RunningStream {
  readonly streamId = `stream_${randomUUID()}`;
  readonly messageId = `msg_${randomUUID()}`;
  readonly sessionId: string;
  readonly roomId: string;
  readonly userId: UserId;
  readonly settled: Promise<StreamOutcome>;

  private readonly stopController = new AbortController();
  private readonly idleController = new AbortController();
  private stopReason: StopReason = 'stopped';
  private text = '';
  private usage: TokenUsage | null = null;
  private model: string;
  private finishing?: Promise<StreamOutcome & { stored: boolean }>;
  private resolveSettled!: (outcome: StreamOutcome) => void;
  private readonly startedAt = Date.now();
  private eventId = 0;
  private started = false;
  private firstTokenSeen = false;

  constructor(
    private readonly deps: ChatTurnDeps,
    private readonly spec: ChatTurnSpec,
  ) {
    this.sessionId = spec.session.session_id;
    this.roomId = spec.session.room_id;
    this.userId = spec.session.user_id as UserId;
    this.model = spec.agent.model ?? deps.defaultModel;
    this.settled = new Promise((resolve) => (this.resolveSettled = resolve));
  }

  stop(reason: StopReason): void {
    if (this.stopController.signal.aborted || this.finishing) return;
    this.stopReason = reason;
    this.stopController.abort(reason);
    // Never subscribed (the client left during setup): nothing else would finish it.
    if (!this.started) void this.finish(STATUS_BY_STOP_REASON[reason]);
  }

  events(): Observable<ChatEvent & { id: number }> {
    return new Observable((subscriber) => {
      this.started = true;
      const emit = (event: ChatEvent) => subscriber.next({ ...event, id: (this.eventId += 1) });
      void this.run(emit).then(() => subscriber.complete());
      return () => {
        // Runs on completion too; then both calls below are no-ops.
        this.stop('client_disconnected');
        void this.finish(STATUS_BY_STOP_REASON[this.stopReason]);
      };
    });
  }

  private async run(emit: (event: ChatEvent) => void): Promise<void> {
    emit({
      type: 'start',
      data: {
        stream_id: this.streamId,
        session_id: this.sessionId,
        room_id: this.roomId,
        agent_type: this.spec.agent.agent_type,
        message_id: this.messageId,
      },
    });
    const signal = AbortSignal.any([this.stopController.signal, this.idleController.signal]);
    const idleTimer = setTimeout(
      () => this.idleController.abort(new UpstreamIdle()),
      this.deps.idleTimeoutMs,
    );
    try {
      const messages = await this.deps.engineer.build({ ...this.spec });
      signal.throwIfAborted();
      for await (const event of this.deps.provider.stream({
        messages,
        model: this.model,
        temperature: this.spec.agent.temperature,
        signal,
      })) {
        if (signal.aborted) break;
        if (event.type === 'delta') {
          idleTimer.refresh();
          if (!this.firstTokenSeen) {
            this.firstTokenSeen = true;
            this.deps.metrics.firstTokenAfter(
              this.spec.agent.agent_type,
              (Date.now() - this.startedAt) / 1000,
            );
          }
          this.text += event.text;
          emit({ type: 'chunk', data: { content: event.text } });
        } else {
          this.usage = event.usage;
          this.model = event.model;
        }
      }
      signal.throwIfAborted();
      const outcome = await this.finish('completed');
      // An empty answer has nothing to store; only a failed save is an error.
      emit(
        outcome.stored || outcome.text.length === 0
          ? {
              type: 'done',
              data: {
                message_id: outcome.message_id,
                response: this.text,
                usage: this.usage,
                model: this.model,
              },
            }
          : this.errorEvent(
              'SERVICE_UNAVAILABLE',
              'The answer could not be saved; please retry',
              null,
            ),
      );
    } catch (error) {
      if (this.stopController.signal.aborted) {
        // The client's stream ends at once; storing the partial goes on, and Stop
        // answers only once it is stored.
        emit(
          this.stopReason === 'shutdown'
            ? this.errorEvent(
                'SERVICE_UNAVAILABLE',
                'The server is restarting; the partial answer was kept',
                this.text ? this.messageId : null,
              )
            : {
                type: 'cancelled',
                data: {
                  message_id: this.text ? this.messageId : null,
                  partial_response: this.text,
                },
              },
        );
        void this.finish(STATUS_BY_STOP_REASON[this.stopReason]);
        return;
      }
      const upstream = this.idleController.signal.aborted || error instanceof LlmUnavailable;
      if (!upstream)
        this.deps.logger.error(`stream ${this.streamId} failed`, (error as Error).stack);
      const outcome = await this.finish('error');
      emit(
        upstream
          ? this.errorEvent(
              'LLM_UNAVAILABLE',
              'The language model is unavailable; the partial answer was kept',
              outcome.message_id,
            )
          : this.errorEvent(
              'SERVICE_UNAVAILABLE',
              'The answer could not be completed; please retry',
              outcome.message_id,
            ),
      );
    } finally {
      clearTimeout(idleTimer);
    }
  }

  private errorEvent(
    code: 'LLM_UNAVAILABLE' | 'SERVICE_UNAVAILABLE',
    error: string,
    messageId: string | null,
  ): ChatEvent {
    this.deps.metrics.error(code);
    return {
      type: 'error',
      data: { error, error_code: code, message_id: messageId, partial_response: this.text },
    };
  }

  /** The single place where a turn ends: store, close the record, release the slot. Idempotent. */
  private finish(status: TurnStatus): Promise<StreamOutcome & { stored: boolean }> {
    this.finishing ??= this.persistAndRelease(status);
    return this.finishing;
  }

  private async persistAndRelease(
    status: TurnStatus,
  ): Promise<StreamOutcome & { stored: boolean }> {
    const text = this.text;
    // The record is closed while the turn is stored: neither waits for the other.
    const closing = this.deps.activeStreams
      .close(this.streamId, status)
      .catch((error: Error) =>
        this.deps.logger.warn(`stream ${this.streamId}: record not closed: ${error.message}`),
      );
    const stored = text.length > 0 && (await this.storeTurn(status, text));
    this.deps.registry.release(this);
    await this.deps.coordinator.release(this.sessionId, this.streamId);
    this.deps.metrics.streamEnded(
      this.spec.agent.agent_type,
      status,
      (Date.now() - this.startedAt) / 1000,
    );
    await closing;
    const outcome = { status, text, message_id: stored ? this.messageId : null, stored };
    this.resolveSettled(outcome);
    return outcome;
  }

  private async storeTurn(status: TurnStatus, text: string): Promise<boolean> {
    try {
      await this.deps.context.saveTurn({
        message_id: this.messageId,
        user_id: this.userId,
        session_id: this.sessionId,
        room_id: this.roomId,
        agent_type: this.spec.agent.agent_type,
        user_input: this.spec.message,
        agent_response: text,
        status,
        timestamp: new Date(),
        metadata: {
          tokens_used: this.usage?.total_tokens ?? null,
          response_time_ms: Date.now() - this.startedAt,
          model: this.model,
        },
      });
    } catch (error) {
      this.deps.logger.error(
        `stream ${this.streamId}: the turn could not be stored`,
        (error as Error).stack,
      );
      return false;
    }
    if (status === 'completed' || status === 'cancelled') {
      this.deps.engineer.remember(this.spec.session, this.spec.agent.agent_type, {
        user_input: this.spec.message,
        agent_response: text,
      });
    }
    return true;
  }
}
