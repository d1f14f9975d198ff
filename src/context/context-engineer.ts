import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { UserId } from '../common/auth/user-id';
import type { Env } from '../config/env.schema';
import type { PromptMessage } from '../llm/llm-provider';
import type { SessionRecord } from '../session/session.types';
import type { AgentDefinition } from './agents';
import { ContextManager } from './context-manager';
import { SessionManager, type Turn } from './session-manager';

/** Room metadata beyond this many characters is left out of the prompt. */
const PERSONALIZATION_MAX_CHARS = 1_000;

export interface PromptInput {
  owner: UserId;
  session: SessionRecord;
  agent: AgentDefinition;
  room: { room_name: string; metadata: Record<string, unknown> };
  message: string;
}

/**
 * Builds the prompt of one turn: the agent's system prompt with the room's details
 * for personalization, then this session's recent turns with this agent (from
 * memory, else reloaded from the database), then the new message; older turns are
 * dropped first until the prompt fits CONTEXT_MAX_CHARS.
 */
@Injectable()
export class ContextEngineer {
  constructor(
    private readonly memory: SessionManager,
    private readonly store: ContextManager,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async build(input: PromptInput): Promise<PromptMessage[]> {
    const system: PromptMessage = {
      role: 'system',
      content: systemPrompt(input.agent, input.room),
    };
    const question: PromptMessage = { role: 'user', content: input.message };
    const turns = await this.turnsFor(input.owner, input.session, input.agent.agent_type);
    return [
      system,
      ...fitTurns(
        turns,
        this.config.get('CONTEXT_MAX_CHARS', { infer: true }) -
          system.content.length -
          question.content.length,
      ),
      question,
    ];
  }

  /** Records a finished turn in memory, where this session's context is loaded. */
  remember(session: SessionRecord, agentType: string, turn: Turn): void {
    this.memory.append(
      session.session_id,
      agentType,
      turn,
      Date.now(),
      this.config.get('CONTEXT_MAX_TURNS', { infer: true }),
    );
  }

  private async turnsFor(
    owner: UserId,
    session: SessionRecord,
    agentType: string,
  ): Promise<Turn[]> {
    const now = Date.now();
    const cached = this.memory.turns(session.session_id, agentType, now);
    if (cached) return cached;
    const maxTurns = this.config.get('CONTEXT_MAX_TURNS', { infer: true });
    const since = latest(session.context_resets[agentType], session.context_resets['*']);
    const loaded = await this.store.recentTurns(
      owner,
      session.session_id,
      agentType,
      since,
      maxTurns,
    );
    this.memory.remember(session.session_id, agentType, loaded, now, maxTurns);
    return loaded;
  }
}

function latest(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

function systemPrompt(agent: AgentDefinition, room: PromptInput['room']): string {
  const details: string[] = [`Conversation: "${room.room_name}".`];
  if (Object.keys(room.metadata).length > 0) {
    details.push(
      `Details the user gave about this conversation: ${JSON.stringify(room.metadata).slice(0, PERSONALIZATION_MAX_CHARS)}`,
    );
  }
  return `${agent.system_prompt}\n\n${details.join('\n')}`;
}

/** Newest turns first in, as many as fit in `budgetChars`, returned oldest first. */
export function fitTurns(turns: Turn[], budgetChars: number): PromptMessage[] {
  const kept: PromptMessage[] = [];
  let used = 0;
  for (let i = turns.length - 1; i >= 0; i -= 1) {
    const size = turns[i].user_input.length + turns[i].agent_response.length;
    if (used + size > budgetChars) break;
    used += size;
    kept.unshift(
      { role: 'user', content: turns[i].user_input },
      { role: 'assistant', content: turns[i].agent_response },
    );
  }
  return kept;
}
