/** The API's built-in agents; "automatic" lets the server's router choose by the message. */
export const AGENTS: ReadonlyArray<{ value: string; label: string }> = [
  { value: 'general', label: 'General care' },
  { value: 'nutrition', label: 'Nutrition' },
  { value: 'research_paper', label: 'Research papers' },
  { value: 'medical_welfare', label: 'Medical welfare' },
];

export function agentLabel(agentType: string): string {
  return AGENTS.find((agent) => agent.value === agentType)?.label ?? agentType.replace(/_/g, ' ');
}
