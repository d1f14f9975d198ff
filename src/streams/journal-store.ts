import type { Observable } from 'rxjs';
import type { LiveJournal, StreamMeta } from './live-journal';
import type { StreamEvent } from './stream-events';

/** A stream's journal read back from the store: its meta and the events kept so far. */
export interface StoredJournal {
  meta: StreamMeta;
  events: StreamEvent[];
}

export interface StallCheck {
  everyMs: number;
  check: () => Promise<void>;
}

/**
 * Where journals live beyond the running stream: in Redis (REDIS_URL), shared by every
 * instance and surviving this one, or in this instance's memory. Running streams report
 * their events here; writes are coalesced, never one call per token.
 */
export abstract class JournalStore {
  /** Whether another instance can read what this one writes (Redis). */
  abstract readonly shared: boolean;

  /** A stream began on this instance. */
  abstract started(journal: LiveJournal): void;

  /** A stream has new events; they are written with the next coalesced flush. */
  abstract appended(journal: LiveJournal): void;

  /** The stream has its terminal event: write what is left now and keep it for replay. */
  abstract finished(journal: LiveJournal): Promise<void>;

  /** A journal that is not running on this instance: a finished one, or another instance's. */
  abstract load(streamId: string): Promise<StoredJournal | undefined>;

  /**
   * The events after `afterId` of a stored journal, then the ones written later (another
   * instance's running stream), completing after the terminal event. `stalled.check` runs
   * whenever nothing new came for `stalled.everyMs`, to find out whether the writer died.
   */
  abstract follow(streamId: string, afterId: number, stalled: StallCheck): Observable<StreamEvent>;

  /** The newest stream of a session, while its journal is kept. */
  abstract latestStreamOf(sessionId: string): Promise<string | undefined>;

  /** Ends a dead instance's journal with the terminal event a survivor wrote for it. */
  abstract close(journal: StoredJournal, terminal: StreamEvent): Promise<void>;

  /** Stops background work (the coalesced writes). */
  abstract dispose(): void;
}
