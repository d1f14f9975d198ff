import { randomUUID } from 'node:crypto';
import type { JobLease } from './job-lease';
import type { JobLeaseRepository } from './job-lease.repository';

/** Rounds of "remove the expired lease, insert ours" before giving up to another taker. */
const ACQUIRE_ROUNDS = 3;

/**
 * Leases in MongoDB (`job_leases`), used when there is no Redis. Taking a lease is an
 * insert arbitrated by a unique index; an expired one is first removed by its token.
 * Two instances racing for an expired lease may both remove it (the second removal
 * finds nothing), but only one insert succeeds. Expiry is read from each instance's
 * clock, so clocks should agree to well within a run interval.
 */
export class MongoJobLease implements JobLease {
  /** The token of each lease this instance took, by name. */
  private readonly tokens = new Map<string, string>();

  constructor(
    private readonly leases: JobLeaseRepository,
    readonly holder: string,
  ) {}

  async acquire(name: string, ttlMs: number): Promise<boolean> {
    for (let round = 0; round < ACQUIRE_ROUNDS; round += 1) {
      const now = new Date();
      const expiresAt = new Date(now.getTime() + ttlMs);
      const current = await this.leases.find(name);
      if (current && current.expires_at > now) {
        if (current.token !== this.tokens.get(name)) return false;
        if (await this.leases.extend(name, current.token, now, expiresAt)) return true;
        // It expired in between: take it again like anyone else.
        continue;
      }
      if (current) await this.leases.remove(name, current.token);
      const token = randomUUID();
      const taken = await this.leases.insert({
        name,
        holder: this.holder,
        token,
        acquired_at: now,
        expires_at: expiresAt,
      });
      if (taken) {
        this.tokens.set(name, token);
        return true;
      }
    }
    return false;
  }

  async release(name: string): Promise<void> {
    const token = this.tokens.get(name);
    if (token === undefined) return;
    this.tokens.delete(name);
    await this.leases.remove(name, token);
  }
}
