import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';

/**
 * A named lease that one instance holds at a time, so a scheduled job runs on one
 * instance of several. It expires by itself when its holder dies.
 */
export interface JobLease {
  /** This instance's name as a holder. */
  readonly holder: string;
  /**
   * Takes the lease for `ttlMs`, or extends it when this instance holds it already.
   * False while another instance holds it.
   */
  acquire(name: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up, if this instance holds it, so another can take it at once. */
  release(name: string): Promise<void>;
}

export const JOB_LEASE = Symbol('JOB_LEASE');

/** Host, process and a random part: two app instances in one process are two holders. */
export function newHolderName(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}
