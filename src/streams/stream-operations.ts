import { Injectable } from '@nestjs/common';
import type { UserId } from '../common/auth/user-id';
import { ActiveStreamsRepository, type ActiveStreamRecord } from './active-streams.repository';
import type { StopOutcome } from './stream-coordinator';
import { StreamLifecycle } from './stream-lifecycle';

/** Other instances' running streams listed at most (an admin page is far smaller). */
const OTHERS_LISTED_MAX = 10_000;

export interface StreamLoad {
  /** Streams running on every instance, from the shared active_streams records. */
  running: number;
  runningHere: number;
  capacityPerInstance: number;
}

/**
 * What operators (the admin API) and retention do with streams of any user, on any
 * instance: list them, stop them, ask which rooms are busy. The one place outside the
 * chat path that reaches the stream engine; each operation is one method over
 * StreamLifecycle and the shared active_streams records.
 */
@Injectable()
export class StreamOperations {
  constructor(
    private readonly records: ActiveStreamsRepository,
    private readonly streams: StreamLifecycle,
  ) {}

  /**
   * Running streams of every instance, oldest first: this instance's from its registry
   * (exact), the others' from their active_streams records (written within
   * STREAM_RECORD_FLUSH_MS of a stream's start).
   */
  async running(page: {
    limit: number;
    offset: number;
  }): Promise<{ items: ActiveStreamRecord[]; total: number }> {
    const here = this.streams.recordsHere();
    const elsewhere = await this.records.streamingElsewhere(
      this.streams.instanceId,
      OTHERS_LISTED_MAX,
    );
    const all = [...here, ...elsewhere].sort(
      (a, b) =>
        a.started_at.getTime() - b.started_at.getTime() || a.stream_id.localeCompare(b.stream_id),
    );
    return { items: all.slice(page.offset, page.offset + page.limit), total: all.length };
  }

  /**
   * Stops a stream wherever it runs, exactly as its user's own Stop does (the partial
   * is stored as a `cancelled` turn), and answers once the partial is stored.
   */
  stop(streamId: string): Promise<StopOutcome> {
    return this.streams.stopById(streamId, 'stopped');
  }

  /**
   * Stops every stream of a user, here and on other instances; resolves once all
   * partials are stored. A stream that ended meanwhile is not counted; any other
   * failure (another instance unreachable) is thrown, so nothing is erased after it.
   */
  stopAllOf(owner: UserId): Promise<number> {
    return this.streams.stopOwned(owner, undefined, 'stopped');
  }

  /** Which of these rooms have a stream running, on any instance. */
  async roomsStreaming(roomIds: string[]): Promise<Set<string>> {
    const busy = new Set(await this.records.roomsStreaming(roomIds));
    for (const roomId of this.streams.roomsRunningHere())
      if (roomIds.includes(roomId)) busy.add(roomId);
    return busy;
  }

  async load(): Promise<StreamLoad> {
    return {
      running:
        this.streams.count() +
        (await this.records.countStreamingElsewhere(this.streams.instanceId)),
      runningHere: this.streams.count(),
      capacityPerInstance: this.streams.capacity(),
    };
  }
}
