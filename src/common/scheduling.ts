import type { SchedulerRegistry } from '@nestjs/schedule';

/**
 * Runs `task` every `intervalMs` under `name` in the scheduler registry (so it shows
 * there and stops with the app). The timer never keeps the process alive by itself.
 * Returns the function that cancels it.
 */
export function scheduleEvery(
  scheduler: SchedulerRegistry,
  name: string,
  intervalMs: number,
  task: () => Promise<unknown>,
): () => void {
  const timer = setInterval(() => void task(), intervalMs);
  timer.unref();
  scheduler.addInterval(name, timer);
  return () => {
    if (scheduler.doesExist('interval', name)) scheduler.deleteInterval(name);
  };
}

/**
 * A task that never runs twice at once: asked while it runs, it runs once more after,
 * and every ask made meanwhile shares that one run (which sees all their changes). A
 * writer slower than the interval that asks for it never piles up runs.
 */
export class CoalescedTask {
  private running?: Promise<void>;
  private queued?: Promise<void>;

  constructor(private readonly task: () => Promise<void>) {}

  run(): Promise<void> {
    if (!this.running) {
      this.running = this.task().finally(() => (this.running = undefined));
      return this.running;
    }
    this.queued ??= this.running.then(() => {
      this.queued = undefined;
      return this.run();
    });
    return this.queued;
  }

  /** Resolves once the run under way, and the one queued behind it, are over. */
  settled(): Promise<void> {
    return this.queued ?? this.running ?? Promise.resolve();
  }
}

/**
 * Writes others wait on, counted while they run, so that writes which can wait give way
 * to them: `run` wraps a write of the first kind; `quiet(deadline)` resolves once none is
 * in flight, or at the deadline at the latest, so a steady flow of them never starves
 * the writes that wait.
 */
export class UrgentWrites {
  private inFlight = 0;
  private readonly waiting = new Set<() => void>();

  async run<T>(write: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    try {
      return await write();
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const wake of [...this.waiting]) wake();
    }
  }

  /** Resolves once no urgent write is in flight, or at `deadline` (epoch ms). */
  quiet(deadline: number): Promise<void> {
    const left = deadline - Date.now();
    if (this.inFlight === 0 || left <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiting.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, left);
      this.waiting.add(wake);
    });
  }
}
