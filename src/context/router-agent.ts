import { Inject, Injectable } from '@nestjs/common';
import { ValidationFailed } from '../common/errors/domain-error';
import type { AgentDefinition, AgentsConfig } from './agents';

export const AGENTS_CONFIG = Symbol('AGENTS_CONFIG');

interface CompiledRule {
  agent: AgentDefinition;
  pattern: RegExp;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Chooses the agent for a message: the explicit `agent_type` when given, else the
 * first rule with a keyword in the message (whole words, any case), else the default.
 */
@Injectable()
export class RouterAgent {
  private readonly agents: Map<string, AgentDefinition>;
  private readonly rules: CompiledRule[];
  private readonly fallback: AgentDefinition;

  constructor(@Inject(AGENTS_CONFIG) config: AgentsConfig) {
    this.agents = new Map(config.agents.map((agent) => [agent.agent_type, agent]));
    this.fallback = this.agents.get(config.default_agent) as AgentDefinition;
    this.rules = config.rules.map((rule) => ({
      agent: this.agents.get(rule.agent_type) as AgentDefinition,
      pattern: new RegExp(
        `(^|[^\\p{L}\\p{N}])(${rule.keywords.map(escapeRegExp).join('|')})(?=$|[^\\p{L}\\p{N}])`,
        'iu',
      ),
    }));
  }

  agentTypes(): string[] {
    return [...this.agents.keys()];
  }

  /** The agent for an explicit type; a type we do not have is a validation error. */
  agent(agentType: string): AgentDefinition {
    const agent = this.agents.get(agentType);
    if (!agent) {
      throw new ValidationFailed([
        { field: 'agent_type', reason: `must be one of ${this.agentTypes().join(', ')}` },
      ]);
    }
    return agent;
  }

  route(message: string, explicit?: string): AgentDefinition {
    if (explicit !== undefined) return this.agent(explicit);
    return this.rules.find((rule) => rule.pattern.test(message))?.agent ?? this.fallback;
  }
}
