import { SIMULATED_LABEL, SimulatedLlmProvider } from './simulated.provider';

async function collect(provider: SimulatedLlmProvider, signal = new AbortController().signal) {
  const parts: string[] = [];
  let end: unknown;
  for await (const event of provider.stream({
    messages: [{ role: 'user', content: 'Hello kidney' }],
    model: 'm',
    temperature: 0,
    signal,
  })) {
    if (event.type === 'delta') parts.push(event.text);
    else end = event;
  }
  return { text: parts.join(''), parts, end };
}

describe('SimulatedLlmProvider', () => {
  it('is labelled, deterministic and as long as configured', async () => {
    const provider = new SimulatedLlmProvider(0, 40);
    const first = await collect(provider);
    const second = await collect(provider);
    expect(first.text).toBe(second.text);
    expect(first.text.startsWith(SIMULATED_LABEL)).toBe(true);
    expect(first.parts).toHaveLength(40);
    expect(first.end).toMatchObject({
      type: 'end',
      model: 'careguide-simulated',
      usage: { completion_tokens: expect.any(Number) },
    });
  });

  it('stops at once when aborted mid-delay', async () => {
    const provider = new SimulatedLlmProvider(10_000, 40);
    const controller = new AbortController();
    const run = collect(provider, controller.signal);
    setTimeout(() => controller.abort('stop'), 20);
    // Without honouring the signal this would wait 10 s per word, far past the test timeout.
    await expect(run).rejects.toBeDefined();
  });
});
