import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env.schema';
import { ConversationsModule } from '../conversations/conversations.module';
import { loadAgentsConfig } from './agents';
import { ContextEngineer } from './context-engineer';
import { ContextManager } from './context-manager';
import { AGENTS_CONFIG, RouterAgent } from './router-agent';
import { SessionManager } from './session-manager';

/** Agents, routing, prompt building, and the in-memory context of sessions. */
@Module({
  imports: [ConversationsModule],
  providers: [
    {
      provide: AGENTS_CONFIG,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) =>
        loadAgentsConfig(config.get('AGENTS_CONFIG_FILE', { infer: true })),
    },
    RouterAgent,
    SessionManager,
    ContextManager,
    ContextEngineer,
  ],
  exports: [RouterAgent, SessionManager, ContextManager, ContextEngineer],
})
export class ContextModule {}
