import { ValidationFailed } from '../common/errors/domain-error';
import { DEFAULT_AGENTS_CONFIG, agentsConfigSchema } from './agents';
import { RouterAgent } from './router-agent';

describe('RouterAgent', () => {
  const router = new RouterAgent(DEFAULT_AGENTS_CONFIG);

  it('takes an explicit agent_type over any keyword', () => {
    expect(router.route('a diet study', 'medical_welfare').agent_type).toBe('medical_welfare');
  });

  it('refuses an unknown explicit agent_type', () => {
    expect(() => router.route('hi', 'astrologer')).toThrow(ValidationFailed);
  });

  it.each([
    ['Is there a new STUDY on dialysis?', 'research_paper'],
    ['What can I eat for breakfast?', 'nutrition'],
    ['How much potassium is too much?', 'nutrition'],
    ['Does insurance cover a transplant?', 'medical_welfare'],
    ['How do I sleep better?', 'general'],
  ])('routes %j to %s', (message, agent) => {
    expect(router.route(message).agent_type).toBe(agent);
  });

  it('matches whole words only and follows rule order', () => {
    expect(router.route('my eating habits').agent_type).toBe('general'); // "eat" inside "eating" is not a match
    expect(router.route('research on diet').agent_type).toBe('research_paper'); // first rule wins
  });

  it('validates agent files: unknown default or rule agents are refused', () => {
    const bad = { ...DEFAULT_AGENTS_CONFIG, default_agent: 'nobody' };
    expect(agentsConfigSchema.safeParse(bad).success).toBe(false);
    const badRule = {
      ...DEFAULT_AGENTS_CONFIG,
      rules: [{ agent_type: 'nobody', keywords: ['x'] }],
    };
    expect(agentsConfigSchema.safeParse(badRule).success).toBe(false);
  });
});
