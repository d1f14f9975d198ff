import {
  ShuttingDown,
  StreamAlreadyActive,
  StreamCapacityReached,
  StreamLimitExceeded,
} from '../common/errors/domain-error';
import type { StreamLease } from './stream-lease';

export interface StreamLimits {
  perUser: number;
  capacity: number;
}

/**
 * This instance's streams: one per session, `perUser` per user, `capacity` in all.
 * Checking and reserving happen in one synchronous step, so two concurrent requests can
 * never both pass a limit. A reserved stream becomes visible to Stop only once it is
 * active (its cross-instance claim is held).
 */
export class StreamRegistry {
  private readonly bySession = new Map<string, StreamLease>();
  private readonly byStream = new Map<string, StreamLease>();
  private readonly perUser = new Map<string, number>();
  private draining = false;

  constructor(private readonly limits: StreamLimits) {}

  reserve(lease: StreamLease): void {
    if (this.draining) throw new ShuttingDown();
    if (this.bySession.has(lease.sessionId)) throw new StreamAlreadyActive(lease.sessionId);
    if ((this.perUser.get(lease.owner) ?? 0) >= this.limits.perUser)
      throw new StreamLimitExceeded(this.limits.perUser);
    if (this.bySession.size >= this.limits.capacity) throw new StreamCapacityReached();
    this.bySession.set(lease.sessionId, lease);
    this.byStream.set(lease.streamId, lease);
    this.perUser.set(lease.owner, (this.perUser.get(lease.owner) ?? 0) + 1);
  }

  /** Idempotent: only the lease that holds the session's slot frees it. */
  release(lease: StreamLease): void {
    if (this.bySession.get(lease.sessionId) !== lease) return;
    this.bySession.delete(lease.sessionId);
    this.byStream.delete(lease.streamId);
    const remaining = (this.perUser.get(lease.owner) ?? 1) - 1;
    if (remaining > 0) this.perUser.set(lease.owner, remaining);
    else this.perUser.delete(lease.owner);
  }

  /** The caller's active stream in a session. */
  find(owner: string, sessionId: string): StreamLease | undefined {
    const lease = this.bySession.get(sessionId);
    return lease?.active && lease.owner === owner ? lease : undefined;
  }

  /** An active stream by its id (admin and resume). */
  byStreamId(streamId: string): StreamLease | undefined {
    const lease = this.byStream.get(streamId);
    return lease?.active ? lease : undefined;
  }

  /** Whether this instance holds the session's slot (reserved or active). */
  holds(sessionId: string): boolean {
    return this.bySession.has(sessionId);
  }

  active(): StreamLease[] {
    return [...this.bySession.values()].filter((lease) => lease.active);
  }

  startDraining(): void {
    this.draining = true;
  }

  isDraining(): boolean {
    return this.draining;
  }

  count(): number {
    return this.bySession.size;
  }

  countFor(owner: string): number {
    return this.perUser.get(owner) ?? 0;
  }

  capacity(): number {
    return this.limits.capacity;
  }
}
