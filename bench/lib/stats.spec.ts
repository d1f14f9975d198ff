import { medianOfRounds, spread } from './stats';

describe('medianOfRounds', () => {
  const round = (
    p99: number,
    completed: number,
    failed: number,
    commands: object,
    errors: string[],
  ) => ({
    completed,
    failed,
    first_event_ms: { p50: p99 / 2, p99, max: p99 + 1, n: completed },
    cpu_ms_per_stream: p99 / 100,
    db_commands: commands,
    errors,
  });

  it('takes the middle value of each number, whatever round it comes from', () => {
    const figure = medianOfRounds([
      round(900, 1000, 0, {}, []),
      round(300, 1000, 0, {}, []),
      round(600, 1000, 0, {}, []),
    ]);
    expect(figure.first_event_ms).toEqual({ p50: 300, p99: 600, max: 601, n: 1000 });
    expect(figure.cpu_ms_per_stream).toBe(6);
  });

  it('keeps the fewest completed and the most failed of any round', () => {
    const figure = medianOfRounds([
      round(1, 1000, 0, {}, []),
      round(1, 997, 3, {}, ['socket hang up']),
      round(1, 1000, 0, {}, []),
    ]);
    expect(figure.completed).toBe(997);
    expect(figure.failed).toBe(3);
    expect(figure.errors).toEqual(['socket hang up']);
  });

  it('counts a command missing from a round as none, and merges the lists', () => {
    const figure = medianOfRounds([
      round(1, 1, 0, { insert: 4, update: 2 }, ['a']),
      round(1, 1, 0, { insert: 6 }, ['b', 'a']),
      round(1, 1, 0, { insert: 5, update: 3 }, []),
    ]);
    expect(figure.db_commands).toEqual({ insert: 5, update: 2 });
    expect(figure.errors).toEqual(['a', 'b']);
  });

  it('gives a single round back as it is, and refuses none', () => {
    const only = round(250, 10, 0, { find: 1 }, []);
    expect(medianOfRounds([only])).toEqual(only);
    expect(() => medianOfRounds([])).toThrow('no rounds');
  });
});

describe('spread', () => {
  it('gives nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(spread(samples)).toEqual({ p50: 50, p99: 99, max: 100, n: 100 });
  });
});
