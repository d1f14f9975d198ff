import { ConfigService } from '@nestjs/config';
import { asUserId } from '../common/auth/user-id';
import { Test } from '@nestjs/testing';
import type { SessionRecord } from '../session/session.types';
import { DEFAULT_AGENTS_CONFIG } from './agents';
import { ContextEngineer, fitTurns } from './context-engineer';
import { ContextManager } from './context-manager';
import { SessionManager } from './session-manager';

const agent = DEFAULT_AGENTS_CONFIG.agents.find((a) => a.agent_type === 'general')!;

function session(resets: Record<string, Date> = {}): SessionRecord {
  const at = new Date('2025-01-01T00:00:00Z');
  return {
    session_id: 's1',
    user_id: 'u1',
    room_id: 'r1',
    created_at: at,
    last_activity: at,
    expires_at: at,
    context_resets: resets,
  };
}

describe('fitTurns', () => {
  const turns = [
    { user_input: 'q1', agent_response: 'a1-long-answer' },
    { user_input: 'q2', agent_response: 'a2' },
    { user_input: 'q3', agent_response: 'a3' },
  ];

  it('keeps the newest turns that fit, oldest first', () => {
    expect(fitTurns(turns, 8).map((m) => m.content)).toEqual(['q2', 'a2', 'q3', 'a3']);
  });

  it('keeps everything under a large budget and nothing under a tiny one', () => {
    expect(fitTurns(turns, 1_000)).toHaveLength(6);
    expect(fitTurns(turns, 3)).toEqual([]);
  });
});

describe('ContextEngineer', () => {
  let engineer: ContextEngineer;
  let store: jest.Mocked<Pick<ContextManager, 'recentTurns'>>;
  const settings: Record<string, number> = { CONTEXT_MAX_CHARS: 12_000, CONTEXT_MAX_TURNS: 10 };

  beforeEach(async () => {
    store = {
      recentTurns: jest.fn().mockResolvedValue([{ user_input: 'old q', agent_response: 'old a' }]),
    };
    const moduleRef = await Test.createTestingModule({
      providers: [
        ContextEngineer,
        SessionManager,
        { provide: ContextManager, useValue: store },
        { provide: ConfigService, useValue: { get: (key: string) => settings[key] } },
      ],
    }).compile();
    engineer = moduleRef.get(ContextEngineer);
  });

  it('builds system prompt with room details, reloaded turns, then the message', async () => {
    const prompt = await engineer.build({
      owner: asUserId('u1'),
      session: session(),
      agent,
      room: { room_name: 'Mum', metadata: { stage: 3 } },
      message: 'new q',
    });
    expect(prompt.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(prompt[0].content).toContain(agent.system_prompt);
    expect(prompt[0].content).toContain('"Mum"');
    expect(prompt[0].content).toContain('{"stage":3}');
    expect(prompt.slice(1).map((m) => m.content)).toEqual(['old q', 'old a', 'new q']);
  });

  it('reloads from the database once, then uses memory', async () => {
    const input = {
      owner: asUserId('u1'),
      session: session(),
      agent,
      room: { room_name: 'R', metadata: {} },
      message: 'q',
    };
    await engineer.build(input);
    engineer.remember(input.session, agent.agent_type, { user_input: 'q', agent_response: 'a' });
    const second = await engineer.build({ ...input, message: 'q2' });
    expect(store.recentTurns).toHaveBeenCalledTimes(1);
    expect(second.slice(1).map((m) => m.content)).toEqual(['old q', 'old a', 'q', 'a', 'q2']);
  });

  it('reloads only turns after the latest reset of this agent or of all agents', async () => {
    const agentReset = new Date('2025-01-02T00:00:00Z');
    const allReset = new Date('2025-01-03T00:00:00Z');
    await engineer.build({
      owner: asUserId('u1'),
      session: session({ general: agentReset, '*': allReset }),
      agent,
      room: { room_name: 'R', metadata: {} },
      message: 'q',
    });
    expect(store.recentTurns).toHaveBeenCalledWith('u1', 's1', 'general', allReset, 10);
  });

  it('trims turns to CONTEXT_MAX_CHARS, never the system prompt or the message', async () => {
    settings.CONTEXT_MAX_CHARS = 10;
    store.recentTurns.mockResolvedValue([
      { user_input: 'x'.repeat(50), agent_response: 'y'.repeat(50) },
    ]);
    const prompt = await engineer.build({
      owner: asUserId('u1'),
      session: session(),
      agent,
      room: { room_name: 'R', metadata: {} },
      message: 'q',
    });
    expect(prompt.map((m) => m.role)).toEqual(['system', 'user']);
    settings.CONTEXT_MAX_CHARS = 12_000;
  });
});
