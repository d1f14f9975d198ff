/** Nearest-rank percentile of an ascending list; NaN for an empty one. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface Spread {
  p50: number;
  p99: number;
  max: number;
  n: number;
}

export function spread(samples: number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
    n: sorted.length,
  };
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * One figure out of rounds of the same measurement: each number is the median of the
 * rounds' (the middle one; the lower middle of an even count), a number missing from a
 * round counts as 0, lists are merged; but `completed` is the fewest and `failed` the most
 * of any round, so that no round's failures are hidden by the others.
 */
export function medianOfRounds<T>(rounds: readonly T[]): T {
  if (rounds.length === 0) throw new Error('no rounds to combine');
  return combine(rounds, '') as T;
}

function combine(values: readonly unknown[], key: string): unknown {
  const present = values.filter((value) => value !== undefined && value !== null);
  const first = present[0];
  if (typeof first === 'number') {
    const numbers = values.map((value) => (typeof value === 'number' ? value : 0));
    if (key === 'completed') return Math.min(...numbers);
    if (key === 'failed') return Math.max(...numbers);
    const sorted = [...numbers].sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)];
  }
  if (Array.isArray(first)) return [...new Set(present.flatMap((value) => value as unknown[]))];
  if (typeof first === 'object' && first !== null) {
    const keys = new Set(present.flatMap((value) => Object.keys(value)));
    return Object.fromEntries(
      [...keys].map((name) => [
        name,
        combine(
          values.map((value) => (value as Record<string, unknown> | undefined)?.[name]),
          name,
        ),
      ]),
    );
  }
  return first;
}
