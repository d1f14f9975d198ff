import OpenAI from 'openai';
import type { CompletionEvent, CompletionRequest, LlmProvider } from './llm-provider';
import { LlmUnavailable } from './llm-provider';

export interface OpenAiProviderOptions {
  baseUrl?: string;
  apiKey?: string;
  timeoutMs: number;
}

/**
 * Any OpenAI-compatible chat completions server (OpenAI, Azure, Ollama, vLLM,
 * llama.cpp server). Streams deltas, asks for usage in the last chunk, and hands the
 * abort signal to the HTTP request, so aborting closes the upstream connection.
 */
export class OpenAiLlmProvider implements LlmProvider {
  readonly name = 'openai';
  private readonly client: OpenAI;

  constructor(options: OpenAiProviderOptions) {
    this.client = new OpenAI({
      baseURL: options.baseUrl,
      // Local servers need no key, but the SDK insists on one.
      apiKey: options.apiKey ?? 'not-needed',
      timeout: options.timeoutMs,
      maxRetries: 0,
    });
  }

  async *stream(request: CompletionRequest): AsyncIterable<CompletionEvent> {
    let model = request.model;
    let usage: (CompletionEvent & { type: 'end' })['usage'] = null;
    try {
      const stream = await this.client.chat.completions.create(
        {
          model: request.model,
          messages: request.messages,
          temperature: request.temperature,
          stream: true,
          stream_options: { include_usage: true },
        },
        { signal: request.signal },
      );
      for await (const chunk of stream) {
        if (chunk.model) model = chunk.model;
        if (chunk.usage) {
          usage = {
            prompt_tokens: chunk.usage.prompt_tokens,
            completion_tokens: chunk.usage.completion_tokens,
            total_tokens: chunk.usage.total_tokens,
          };
        }
        const text = chunk.choices[0]?.delta?.content;
        if (text) yield { type: 'delta', text };
      }
    } catch (error) {
      if (request.signal.aborted) throw request.signal.reason;
      throw new LlmUnavailable(describeUpstreamError(error));
    }
    yield { type: 'end', model, usage };
  }
}

/** A short, safe description for logs; never sent to clients as is. */
function describeUpstreamError(error: unknown): string {
  if (error instanceof OpenAI.APIError)
    return `upstream answered ${error.status ?? 'without a status'}`;
  return error instanceof Error ? error.name : 'unknown upstream failure';
}
