import type { Logger } from '@nestjs/common';
import { catchError, concat, defer, EMPTY, finalize, Observable, of } from 'rxjs';
import type { UserId } from '../common/auth/user-id';
import type { ErrorCode } from '../common/errors/error-code';
import type { AgentDefinition } from '../context/agents';
import type { ContextEngineer } from '../context/context-engineer';
import type { TurnStatus } from '../conversations/conversation.schema';
import type { TurnRecorder } from '../conversations/turn-recorder';
import { LlmUnavailable, type LlmProvider } from '../llm/llm-provider';
import type { Metrics } from '../metrics/metrics';
import type { SessionRecord } from '../session/session.types';
import type { StreamEventBody, TokenUsage } from '../streams/stream-events';
import type { StopReason, StreamLease, StreamOutcome } from '../streams/stream-lease';
import type { StreamLifecycle } from '../streams/stream-lifecycle';

export interface ChatTurnDeps {
  engineer: ContextEngineer;
  provider: LlmProvider;
  recorder: TurnRecorder;
  streams: StreamLifecycle;
  metrics: Metrics;
  logger: Logger;
  defaultModel: string;
  idleTimeoutMs: number;
  writeTimeoutMs: number;
}

export interface ChatTurnSpec {
  owner: UserId;
  session: SessionRecord;
  room: { room_name: string; metadata: Record<string, unknown> };
  agent: AgentDefinition;
  message: string;
}

/**
 * An async iterable's values as an Observable, pulled with the runtime's own `for await`;
 * unsubscribing stops the pull and closes the iterable. rxjs's `from()` does the same
 * through the generator helpers of its ES5 build, a cost paid on every chunk.
 */
function pulled<T>(values: AsyncIterable<T>): Observable<T> {
  return new Observable<T>((subscriber) => {
    void (async () => {
      try {
        for await (const value of values) {
          subscriber.next(value);
          if (subscriber.closed) return;
        }
        subscriber.complete();
      } catch (error) {
        subscriber.error(error);
      }
    })();
  });
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

/** How the answer part ended, before the turn is stored. */
type Ending =
  | { kind: 'completed' }
  | { kind: 'stopped'; reason: StopReason }
  | { kind: 'failed'; code: 'LLM_UNAVAILABLE' | 'SERVICE_UNAVAILABLE' };

/**
 * One streamed answer: an Observable pipeline over the LLM provider, run by the turn
 * itself (not by a client), whose events go into the stream's journal: `start`, a
 * `chunk` per token, then, after the turn is stored with one write, exactly one
 * terminal event. Its finalize is the one place the turn ends: the lease is released
 * there, whatever ended it (done, Stop, a client leaving, an upstream failure,
 * shutdown). Tokens are pulled only while every client has room for them
 * (backpressure); a client that does not drain for SSE_WRITE_TIMEOUT_MS is dropped.
 */
export class ChatTurn {
  private usage: TokenUsage | null = null;
  private model: string;
  private ending: Ending = { kind: 'completed' };
  private outcome?: StreamOutcome;
  private firstTokenSeen = false;

  constructor(
    private readonly deps: ChatTurnDeps,
    private readonly lease: StreamLease,
    private readonly spec: ChatTurnSpec,
  ) {
    this.model = spec.agent.model ?? deps.defaultModel;
  }

  /** Starts producing; returns at once. */
  start(): void {
    this.pipeline().subscribe({
      next: (event) => this.lease.journal.append(event),
      error: (error: Error) => {
        // Only a bug gets here: the pipeline catches what the provider and storage throw.
        this.deps.logger.error(`stream ${this.lease.streamId} broke`, error.stack);
        if (!this.lease.journal.terminal) this.lease.journal.append(this.terminalEvent());
      },
    });
  }

  private pipeline(): Observable<StreamEventBody> {
    return concat(
      of<StreamEventBody>({
        type: 'start',
        data: {
          stream_id: this.lease.streamId,
          session_id: this.lease.sessionId,
          room_id: this.lease.roomId,
          agent_type: this.spec.agent.agent_type,
          message_id: this.lease.messageId,
        },
      }),
      pulled(this.chunks()).pipe(
        catchError((error: unknown) => {
          this.ending = this.endingAfter(error);
          return EMPTY;
        }),
      ),
      defer(() => this.conclude()),
    ).pipe(
      finalize(() =>
        this.deps.streams.release(
          this.lease,
          this.outcome ?? {
            status: 'error',
            text: this.lease.journal.text(),
            message_id: null,
            stored: false,
          },
        ),
      ),
    );
  }

  /** The answer's chunks, pulled from the provider only when the clients can take more. */
  private async *chunks(): AsyncGenerator<StreamEventBody> {
    const messages = await this.deps.engineer.build({ ...this.spec });
    // One signal for the upstream call: aborted by Stop (the lease) or by its silence.
    const upstreamCall = new AbortController();
    const stopped = () => upstreamCall.abort(this.lease.signal.reason);
    if (this.lease.signal.aborted) stopped();
    else this.lease.signal.addEventListener('abort', stopped, { once: true });
    const upstream = this.deps.provider
      .stream({
        messages,
        model: this.model,
        temperature: this.spec.agent.temperature,
        signal: upstreamCall.signal,
      })
      [Symbol.asyncIterator]();
    // Only the upstream's silence counts as idle, never a wait for a slow client.
    const idle = setTimeout(() => upstreamCall.abort(new UpstreamIdle()), this.deps.idleTimeoutMs);
    try {
      for (;;) {
        if (this.lease.congested()) {
          clearTimeout(idle);
          await this.lease.writable(this.deps.writeTimeoutMs);
        }
        upstreamCall.signal.throwIfAborted();
        idle.refresh();
        const step = await upstream.next();
        if (step.done) return;
        const event = step.value;
        if (event.type === 'end') {
          this.usage = event.usage;
          this.model = event.model;
          continue;
        }
        if (!this.firstTokenSeen) {
          this.firstTokenSeen = true;
          this.deps.metrics.firstTokenAfter(
            this.spec.agent.agent_type,
            (Date.now() - this.lease.startedAt) / 1000,
          );
        }
        yield { type: 'chunk', data: { content: event.text } };
      }
    } finally {
      clearTimeout(idle);
      this.lease.signal.removeEventListener('abort', stopped);
    }
  }

  private endingAfter(error: unknown): Ending {
    const reason = this.lease.stopReason;
    if (reason) return { kind: 'stopped', reason };
    if (error instanceof UpstreamIdle || error instanceof LlmUnavailable)
      return { kind: 'failed', code: 'LLM_UNAVAILABLE' };
    if (error instanceof Error && error.cause instanceof UpstreamIdle)
      return { kind: 'failed', code: 'LLM_UNAVAILABLE' };
    this.deps.logger.error(`stream ${this.lease.streamId} failed`, (error as Error).stack);
    return { kind: 'failed', code: 'SERVICE_UNAVAILABLE' };
  }

  /** The one write before the terminal event: the turn itself. */
  private async conclude(): Promise<StreamEventBody> {
    const text = this.lease.journal.text();
    const status = this.statusOf(this.ending);
    let stored = false;
    if (text.length > 0) {
      stored = await this.deps.recorder.record({
        message_id: this.lease.messageId,
        user_id: this.spec.owner,
        session_id: this.lease.sessionId,
        room_id: this.lease.roomId,
        agent_type: this.spec.agent.agent_type,
        user_input: this.spec.message,
        agent_response: text,
        status,
        timestamp: new Date(),
        metadata: {
          tokens_used: this.usage?.total_tokens ?? null,
          response_time_ms: Date.now() - this.lease.startedAt,
          model: this.model,
        },
      });
      // What the user saw is context for the next turn, stored yet or not.
      if (status === 'completed' || status === 'cancelled')
        this.deps.engineer.remember(this.spec.session, this.spec.agent.agent_type, {
          user_input: this.spec.message,
          agent_response: text,
        });
    }
    this.outcome = { status, text, message_id: text ? this.lease.messageId : null, stored };
    return this.terminalEvent();
  }

  private statusOf(ending: Ending): TurnStatus {
    if (ending.kind === 'completed') return 'completed';
    if (ending.kind === 'stopped') return STATUS_BY_STOP_REASON[ending.reason];
    return 'error';
  }

  private terminalEvent(): StreamEventBody {
    const text = this.lease.journal.text();
    const messageId = this.outcome?.message_id ?? null;
    const stored = this.outcome?.stored ?? false;
    const ending = this.ending;
    if (ending.kind === 'completed') {
      return {
        type: 'done',
        data: {
          message_id: messageId,
          response: text,
          usage: this.usage,
          model: this.model,
          stored,
        },
      };
    }
    if (ending.kind === 'stopped' && ending.reason !== 'shutdown') {
      return { type: 'cancelled', data: { message_id: messageId, partial_response: text, stored } };
    }
    const [code, error]: [ErrorCode, string] =
      ending.kind === 'stopped'
        ? ['SERVICE_UNAVAILABLE', 'The server is restarting; the partial answer was kept']
        : ending.code === 'LLM_UNAVAILABLE'
          ? ['LLM_UNAVAILABLE', 'The language model is unavailable; the partial answer was kept']
          : ['SERVICE_UNAVAILABLE', 'The answer could not be completed; please retry'];
    this.deps.metrics.error(code);
    return {
      type: 'error',
      data: { error, error_code: code, message_id: messageId, partial_response: text, stored },
    };
  }
}
