/**
 * The shape of a drill and of its outcome. A drill starts what it needs through its
 * fleet, injects its fault, checks what the client saw against what the database holds,
 * and records figures; every failed check is kept with what was expected and found.
 */
import type { Fleet } from './fleet';

export type Figure = number | string;

export class Verdict {
  readonly failures: string[] = [];
  readonly figures: Record<string, Figure> = {};
  private sealed = false;

  /** Records a failure unless `ok`; returns `ok`. */
  check(ok: boolean, what: string): boolean {
    if (!ok && !this.sealed) this.failures.push(what);
    return ok;
  }

  fail(what: string): void {
    this.check(false, what);
  }

  figure(name: string, value: Figure): void {
    if (!this.sealed) this.figures[name] = typeof value === 'number' ? round(value) : value;
  }

  /** After its deadline a drill still running in the background changes nothing. */
  seal(): void {
    this.sealed = true;
  }
}

export interface DrillContext {
  quick: boolean;
  fleet: Fleet;
  verdict: Verdict;
  log: (line: string) => void;
}

export interface Drill {
  /** Used by --only= and in the results. */
  name: string;
  /** What it does, in one line, for the table and docs/drills.md. */
  title: string;
  /** The hard limit on the whole drill, start-up and tear-down included. */
  timeoutMs(quick: boolean): number;
  run(context: DrillContext): Promise<void>;
}

export interface DrillOutcome {
  name: string;
  title: string;
  passed: boolean;
  seconds: number;
  figures: Record<string, Figure>;
  failures: string[];
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** p50 and max of a list of samples, as "p50/max". */
export function p50Max(samples: number[]): string {
  if (samples.length === 0) return 'n/a';
  const sorted = [...samples].sort((a, b) => a - b);
  return `${round(sorted[Math.ceil(sorted.length / 2) - 1], 0)}/${round(sorted[sorted.length - 1], 0)}`;
}
