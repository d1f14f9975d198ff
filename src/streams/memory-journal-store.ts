import { defer, from, mergeMap, type Observable } from 'rxjs';
import { JournalStore, type StoredJournal } from './journal-store';
import type { LiveJournal, StreamMeta } from './live-journal';
import type { StreamEvent } from './stream-events';

/** A rough per-string overhead of the V8 heap, for the memory budget. */
const STRING_OVERHEAD_BYTES = 48;

/** A finished journal, compacted: the chunks' texts only, their ids follow from their order. */
interface KeptJournal {
  meta: StreamMeta;
  start: StreamEvent;
  chunks: string[];
  terminal: StreamEvent;
  bytes: number;
  expiresAt: number;
}

/**
 * Journals on one instance without Redis: running streams are read from their live
 * journal; finished ones are kept here, compacted, for STREAM_REPLAY_TTL_MS and within
 * STREAM_REPLAY_MAX_BYTES (the oldest go first). Nothing survives a restart.
 */
export class MemoryJournalStore extends JournalStore {
  readonly shared = false;
  private readonly kept = new Map<string, KeptJournal>();
  private readonly latestBySession = new Map<string, string>();
  private bytes = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxBytes: number,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  started(journal: LiveJournal): void {
    this.latestBySession.set(journal.meta.session_id, journal.meta.stream_id);
  }

  appended(): void {
    // Nothing to write: the live journal holds the events while the stream runs.
  }

  finished(journal: LiveJournal): Promise<void> {
    const events = journal.eventsAfter(0);
    const chunks = events.flatMap((event) => (event.type === 'chunk' ? [event.data.content] : []));
    const start = events[0];
    const terminal = events[events.length - 1];
    const kept: KeptJournal = {
      meta: journal.meta,
      start,
      chunks,
      terminal,
      bytes:
        2 * (JSON.stringify(start).length + JSON.stringify(terminal).length) +
        chunks.reduce((sum, chunk) => sum + 2 * chunk.length + STRING_OVERHEAD_BYTES, 0),
      expiresAt: this.now() + this.ttlMs,
    };
    this.kept.set(journal.meta.stream_id, kept);
    this.bytes += kept.bytes;
    this.evict();
    return Promise.resolve();
  }

  load(streamId: string): Promise<StoredJournal | undefined> {
    const kept = this.fresh(streamId);
    if (!kept) return Promise.resolve(undefined);
    const events: StreamEvent[] = [kept.start];
    for (const content of kept.chunks)
      events.push({ type: 'chunk', id: events.length + 1, data: { content } });
    events.push(kept.terminal);
    return Promise.resolve({ meta: kept.meta, events });
  }

  /** Only finished journals are kept here, so following one is replaying it. */
  follow(streamId: string, afterId: number): Observable<StreamEvent> {
    return defer(() => this.load(streamId)).pipe(
      mergeMap((journal) => from(journal?.events.slice(afterId) ?? [])),
    );
  }

  latestStreamOf(sessionId: string): Promise<string | undefined> {
    return Promise.resolve(this.latestBySession.get(sessionId));
  }

  close(): Promise<void> {
    // Without Redis there is one instance: no survivor ever closes another's journal.
    return Promise.resolve();
  }

  dispose(): void {
    // No background work.
  }

  /** Bytes held by finished journals (for tests and the health report). */
  heldBytes(): number {
    return this.bytes;
  }

  private fresh(streamId: string): KeptJournal | undefined {
    const kept = this.kept.get(streamId);
    if (kept && kept.expiresAt <= this.now()) {
      this.remove(streamId, kept);
      return undefined;
    }
    return kept;
  }

  /** Drops expired journals and, past the byte budget, the oldest ones. */
  private evict(): void {
    const now = this.now();
    for (const [streamId, kept] of this.kept) {
      if (kept.expiresAt > now && this.bytes <= this.maxBytes) break;
      this.remove(streamId, kept);
    }
  }

  private remove(streamId: string, kept: KeptJournal): void {
    this.kept.delete(streamId);
    this.bytes -= kept.bytes;
    if (this.latestBySession.get(kept.meta.session_id) === streamId)
      this.latestBySession.delete(kept.meta.session_id);
  }
}
