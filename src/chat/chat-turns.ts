import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env.schema';
import { ContextEngineer } from '../context/context-engineer';
import { TurnRecorder } from '../conversations/turn-recorder';
import { LLM_PROVIDER, type LlmProvider } from '../llm/llm-provider';
import { Metrics } from '../metrics/metrics';
import type { StreamLease } from '../streams/stream-lease';
import { StreamLifecycle } from '../streams/stream-lifecycle';
import { ChatTurn, type ChatTurnDeps, type ChatTurnSpec } from './chat-turn';

/** Starts chat turns: holds what every turn needs, so a turn is built from a lease and a spec. */
@Injectable()
export class ChatTurns {
  private readonly deps: ChatTurnDeps;

  constructor(
    engineer: ContextEngineer,
    @Inject(LLM_PROVIDER) provider: LlmProvider,
    recorder: TurnRecorder,
    streams: StreamLifecycle,
    metrics: Metrics,
    config: ConfigService<Env, true>,
  ) {
    this.deps = {
      engineer,
      provider,
      recorder,
      streams,
      metrics,
      logger: new Logger('ChatStream'),
      defaultModel: config.get('LLM_MODEL', { infer: true }),
      idleTimeoutMs: config.get('LLM_IDLE_TIMEOUT_MS', { infer: true }),
      writeTimeoutMs: config.get('SSE_WRITE_TIMEOUT_MS', { infer: true }),
    };
  }

  start(lease: StreamLease, spec: ChatTurnSpec): void {
    new ChatTurn(this.deps, lease, spec).start();
  }
}
