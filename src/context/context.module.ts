import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env.schema';
import { ConversationsModule } from '../conversations/conversations.module';
import { RoomsModule } from '../rooms/rooms.module';
import { loadAgentsConfig } from './agents';
import { ContextEngineer } from './context-engineer';
import { ContextManager } from './context-manager';
import { AGENTS_CONFIG, RouterAgent } from './router-agent';
import { SessionManager } from './session-manager';

/** Agents, routing, prompt building and turn persistence. */
@Module({
  imports: [ConversationsModule, RoomsModule],
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
