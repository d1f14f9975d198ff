/** One message of a chat prompt, in the shape every OpenAI-compatible server takes. */
export interface PromptMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface CompletionRequest {
  messages: PromptMessage[];
  model: string;
  temperature: number;
  /** Aborting it ends the upstream request at once, so no more tokens are paid for. */
  signal: AbortSignal;
}

export interface TokenUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** What a provider yields: text deltas, then exactly one `end` with usage and model. */
export type CompletionEvent =
  { type: 'delta'; text: string } | { type: 'end'; model: string; usage: TokenUsage | null };

export interface LlmProvider {
  readonly name: string;
  /**
   * Streams one completion. Throws `LlmUnavailable` when the upstream fails, and the
   * signal's reason when aborted.
   */
  stream(request: CompletionRequest): AsyncIterable<CompletionEvent>;
}

/** DI token of the configured provider. */
export const LLM_PROVIDER = Symbol('LLM_PROVIDER');

export class LlmUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LlmUnavailable';
  }
}
