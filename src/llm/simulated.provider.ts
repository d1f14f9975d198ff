import { createHash } from 'node:crypto';
import type { CompletionEvent, CompletionRequest, LlmProvider } from './llm-provider';

export const SIMULATED_MODEL = 'careguide-simulated';
export const SIMULATED_LABEL = '[Simulated reply: no language model was called.]';

const VOCABULARY = [
  'kidney',
  'care',
  'team',
  'diet',
  'fluid',
  'balance',
  'rest',
  'routine',
  'question',
  'doctor',
  'nurse',
  'plan',
  'support',
  'family',
  'daily',
  'gentle',
  'steady',
  'check',
  'notes',
  'meals',
  'sodium',
  'potassium',
  'protein',
  'water',
  'walk',
  'sleep',
  'help',
  'progress',
  'appointment',
  'together',
  'calm',
  'clear',
  'step',
  'record',
  'ask',
];

/** A rough token count for usage figures: about one token per word or punctuation mark. */
function approximateTokens(text: string): number {
  return (text.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? []).length;
}

/**
 * Offline and deterministic: the same prompt always yields the same words. The reply
 * is labelled as simulated, echoes what was asked and how much context came with it,
 * then continues with words picked by a hash of the prompt, one word every `delayMs`,
 * `words` words in all. Abort ends it at once.
 */
export class SimulatedLlmProvider implements LlmProvider {
  readonly name = 'simulated';

  constructor(
    private readonly delayMs: number,
    private readonly words: number,
  ) {}

  async *stream(request: CompletionRequest): AsyncIterable<CompletionEvent> {
    const reply = this.compose(request);
    const pieces = reply.split(' ');
    const pause = new Pause(request.signal);
    try {
      for (const [index, piece] of pieces.entries()) {
        request.signal.throwIfAborted();
        if (index > 0 && this.delayMs > 0) await pause.for(this.delayMs);
        yield { type: 'delta', text: index === 0 ? piece : ` ${piece}` };
      }
    } finally {
      pause.dispose();
    }
    const promptTokens = request.messages.reduce(
      (sum, message) => sum + approximateTokens(message.content),
      0,
    );
    const completionTokens = approximateTokens(reply);
    yield {
      type: 'end',
      model: SIMULATED_MODEL,
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
    };
  }

  private compose(request: CompletionRequest): string {
    const question =
      [...request.messages].reverse().find((message) => message.role === 'user')?.content ?? '';
    const earlierTurns = request.messages.filter((message) => message.role === 'assistant').length;
    const topic = question.replace(/\s+/g, ' ').trim().split(' ').slice(0, 8).join(' ');
    const head = `${SIMULATED_LABEL} You asked: "${topic}". Context: ${earlierTurns} earlier turns.`;
    const headWords = head.split(' ');
    const seed = createHash('sha256').update(JSON.stringify(request.messages)).digest();
    const body: string[] = [];
    for (let i = headWords.length; i < this.words; i += 1)
      body.push(VOCABULARY[seed[i % seed.length] % VOCABULARY.length]);
    return [...headWords.slice(0, this.words), ...body].join(' ');
  }
}

/**
 * The waits between words, all cut short by one abort listener: cheaper than a timer
 * with its own signal listener for every word.
 */
class Pause {
  private timer?: NodeJS.Timeout;
  private fail?: (reason: unknown) => void;
  private readonly onAbort = () => {
    clearTimeout(this.timer);
    this.fail?.(this.signal.reason);
  };

  constructor(private readonly signal: AbortSignal) {
    signal.addEventListener('abort', this.onAbort, { once: true });
  }

  for(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.fail = reject;
      this.timer = setTimeout(() => {
        this.fail = undefined;
        resolve();
      }, ms);
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.signal.removeEventListener('abort', this.onAbort);
  }
}
