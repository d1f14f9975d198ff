import { Injectable } from '@nestjs/common';

/** One finished exchange, as the prompt of the next one needs it. */
export interface Turn {
  user_input: string;
  agent_response: string;
}

interface AgentTurns {
  turns: Turn[];
  lastUsedMs: number;
}

/**
 * In-memory context: per session, per agent, the recent turns. A missing entry means
 * "not loaded" (the ContextEngineer reloads it from the database); an empty list
 * means "known to be empty", e.g. right after a reset.
 */
@Injectable()
export class SessionManager {
  private readonly sessions = new Map<string, Map<string, AgentTurns>>();

  turns(sessionId: string, agentType: string, nowMs: number): Turn[] | undefined {
    const entry = this.sessions.get(sessionId)?.get(agentType);
    if (entry) entry.lastUsedMs = nowMs;
    return entry?.turns;
  }

  remember(
    sessionId: string,
    agentType: string,
    turns: Turn[],
    nowMs: number,
    maxTurns: number,
  ): void {
    let agents = this.sessions.get(sessionId);
    if (!agents) {
      agents = new Map();
      this.sessions.set(sessionId, agents);
    }
    agents.set(agentType, { turns: turns.slice(-maxTurns), lastUsedMs: nowMs });
  }

  /** Adds a turn only where the context is loaded; otherwise the next reload finds it in the database. */
  append(sessionId: string, agentType: string, turn: Turn, nowMs: number, maxTurns: number): void {
    const entry = this.sessions.get(sessionId)?.get(agentType);
    if (!entry) return;
    entry.turns = [...entry.turns, turn].slice(-maxTurns);
    entry.lastUsedMs = nowMs;
  }

  /** Empties one agent's turns (or every agent's); returns how many turns were dropped. */
  reset(
    sessionId: string,
    agentType: string | undefined,
    agentTypes: string[],
    nowMs: number,
  ): number {
    let agents = this.sessions.get(sessionId);
    if (!agents) {
      agents = new Map();
      this.sessions.set(sessionId, agents);
    }
    let dropped = 0;
    for (const type of agentType ? [agentType] : agentTypes) {
      dropped += agents.get(type)?.turns.length ?? 0;
      agents.set(type, { turns: [], lastUsedMs: nowMs });
    }
    return dropped;
  }

  forget(sessionId: string): void {
    this.sessions.delete(sessionId);
  }

  /** Drops contexts unused since `cutoffMs`; they reload from the database when needed. */
  dropIdle(cutoffMs: number): number {
    let dropped = 0;
    for (const [sessionId, agents] of this.sessions) {
      for (const [agentType, entry] of agents) {
        if (entry.lastUsedMs < cutoffMs) {
          agents.delete(agentType);
          dropped += 1;
        }
      }
      if (agents.size === 0) this.sessions.delete(sessionId);
    }
    return dropped;
  }

  sessionCount(): number {
    return this.sessions.size;
  }
}
