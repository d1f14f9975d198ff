import { readFileSync } from 'node:fs';
import { z } from 'zod';

const agentSchema = z.object({
  agent_type: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  name: z.string().min(1).max(100),
  system_prompt: z.string().min(1).max(20_000),
  /** Model for this agent; unset means LLM_MODEL. */
  model: z.string().min(1).optional(),
  temperature: z.number().min(0).max(2),
});

const ruleSchema = z.object({
  agent_type: z.string(),
  /** Case-insensitive whole words or phrases that send a message to this agent. */
  keywords: z.array(z.string().min(1)).min(1),
});

export const agentsConfigSchema = z
  .object({
    default_agent: z.string(),
    agents: z.array(agentSchema).min(1),
    rules: z.array(ruleSchema),
  })
  .superRefine((config, ctx) => {
    const known = new Set(config.agents.map((agent) => agent.agent_type));
    if (known.size !== config.agents.length)
      ctx.addIssue({ code: 'custom', message: 'agent_type values must be unique' });
    if (!known.has(config.default_agent))
      ctx.addIssue({ code: 'custom', message: 'default_agent must be one of agents' });
    for (const rule of config.rules) {
      if (!known.has(rule.agent_type))
        ctx.addIssue({ code: 'custom', message: `rule names unknown agent ${rule.agent_type}` });
    }
  });

export type AgentsConfig = z.infer<typeof agentsConfigSchema>;
export type AgentDefinition = AgentsConfig['agents'][number];

const SAFETY =
  'You are part of CareGuide, an assistant for people living with kidney disease and their families. ' +
  'You give general information, not a diagnosis; for decisions about treatment, urge them to ask their care team. ' +
  'Answer in the language of the question, plainly and kindly.';

/** The agents CareGuide ships with; AGENTS_CONFIG_FILE replaces them with a JSON file of this shape. */
export const DEFAULT_AGENTS_CONFIG: AgentsConfig = {
  default_agent: 'general',
  agents: [
    {
      agent_type: 'research_paper',
      name: 'Research',
      system_prompt: `${SAFETY} You summarise published research on kidney disease: what was studied, how, what was found, and how strong the evidence is.`,
      temperature: 0.2,
    },
    {
      agent_type: 'medical_welfare',
      name: 'Welfare and benefits',
      system_prompt: `${SAFETY} You explain welfare, insurance and support programmes for patients on dialysis or after a transplant, and how to apply.`,
      temperature: 0.3,
    },
    {
      agent_type: 'nutrition',
      name: 'Nutrition',
      system_prompt: `${SAFETY} You give dietary guidance for kidney disease: sodium, potassium, phosphorus, protein and fluids, with practical meal ideas.`,
      temperature: 0.4,
    },
    {
      agent_type: 'general',
      name: 'General',
      system_prompt: `${SAFETY} You answer general questions about living with kidney disease.`,
      temperature: 0.5,
    },
  ],
  rules: [
    {
      agent_type: 'research_paper',
      keywords: ['research', 'study', 'studies', 'paper', 'trial', 'evidence', 'journal'],
    },
    {
      agent_type: 'medical_welfare',
      keywords: ['insurance', 'benefit', 'benefits', 'welfare', 'subsidy', 'cost', 'allowance'],
    },
    {
      agent_type: 'nutrition',
      keywords: [
        'diet',
        'food',
        'meal',
        'eat',
        'sodium',
        'potassium',
        'phosphorus',
        'protein',
        'recipe',
      ],
    },
  ],
};

/** Reads and validates an agents file; throws a message naming the file and the problem. */
export function loadAgentsConfig(path: string | undefined): AgentsConfig {
  if (!path) return DEFAULT_AGENTS_CONFIG;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`AGENTS_CONFIG_FILE ${path}: ${(error as Error).message}`);
  }
  const result = agentsConfigSchema.safeParse(raw);
  if (!result.success) {
    throw new Error(
      `AGENTS_CONFIG_FILE ${path}: ${result.error.issues.map((issue) => issue.message).join('; ')}`,
    );
  }
  return result.data;
}
