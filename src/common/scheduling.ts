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
