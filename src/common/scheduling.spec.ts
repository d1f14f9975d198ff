import { CoalescedTask } from './scheduling';

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
