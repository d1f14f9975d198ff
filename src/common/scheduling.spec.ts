import { CoalescedTask, UrgentWrites } from './scheduling';

describe('CoalescedTask', () => {
  it('runs once at a time; asks made during a run share one run after it', async () => {
    let runs = 0;
    let concurrent = 0;
    let mostAtOnce = 0;
    const finishers: (() => void)[] = [];
    const task = new CoalescedTask(async () => {
      runs += 1;
      concurrent += 1;
      mostAtOnce = Math.max(mostAtOnce, concurrent);
      await new Promise<void>((done) => finishers.push(done));
      concurrent -= 1;
    });

    const first = task.run();
    const asks = Array.from({ length: 10 }, () => task.run());
    expect(runs).toBe(1);
    // Every ask made during the first run is the same queued run.
    expect(new Set(asks).size).toBe(1);

    finishers.shift()?.();
    await first;
    await new Promise((done) => setImmediate(done));
    expect(runs).toBe(2);

    let settled = false;
    const waiting = task.settled().then(() => (settled = true));
    await new Promise((done) => setImmediate(done));
    expect(settled).toBe(false);
    finishers.shift()?.();
    await Promise.all([...asks, waiting]);
    expect(runs).toBe(2);
    expect(mostAtOnce).toBe(1);
    await expect(task.settled()).resolves.toBeUndefined();
  });
});

describe('UrgentWrites', () => {
  const settle = () => new Promise((done) => setImmediate(done));

  it('is quiet at once when no urgent write runs', async () => {
    const urgent = new UrgentWrites();
    await expect(urgent.quiet(Date.now() + 60_000)).resolves.toBeUndefined();
  });

  it('keeps waiters until the last urgent write is over, and passes its outcome on', async () => {
    const urgent = new UrgentWrites();
    const ends: (() => void)[] = [];
    const first = urgent.run(() => new Promise<string>((done) => ends.push(() => done('a'))));
    const second = urgent.run(() => new Promise<string>((done) => ends.push(() => done('b'))));
    let quiet = false;
    void urgent.quiet(Date.now() + 60_000).then(() => (quiet = true));

    ends[0]();
    await expect(first).resolves.toBe('a');
    await settle();
    expect(quiet).toBe(false);
    ends[1]();
    await expect(second).resolves.toBe('b');
    await settle();
    expect(quiet).toBe(true);
  });

  it('counts a failed urgent write as over', async () => {
    const urgent = new UrgentWrites();
    await expect(urgent.run(() => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await expect(urgent.quiet(Date.now() + 60_000)).resolves.toBeUndefined();
  });

  it('lets a waiter go at its deadline while urgent writes still run', async () => {
    jest.useFakeTimers();
    try {
      const urgent = new UrgentWrites();
      void urgent.run(() => new Promise(() => {}));
      let quiet = false;
      void urgent.quiet(Date.now() + 500).then(() => (quiet = true));
      await jest.advanceTimersByTimeAsync(499);
      expect(quiet).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      expect(quiet).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});
