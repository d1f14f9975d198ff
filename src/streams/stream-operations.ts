import { Injectable } from '@nestjs/common';
import type { UserId } from '../common/auth/user-id';
import { DomainError } from '../common/errors/domain-error';
import { ActiveStreamsRepository, type ActiveStreamRecord } from './active-streams.repository';
import type { StopOutcome } from './stream-coordinator';
import { StreamLifecycle } from './stream-lifecycle';

export type StoppedStream = StopOutcome & { user_id: string; session_id: string };

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

  running(page: {
    limit: number;
    offset: number;
  }): Promise<{ items: ActiveStreamRecord[]; total: number }> {
    return this.records.listStreaming(page);
  }

  /**
   * Stops a stream wherever it runs, exactly as its user's own Stop does (the partial
   * is stored as a `cancelled` turn), and answers once the partial is stored.
   */
  async stop(streamId: string): Promise<StoppedStream> {
    const outcome = await this.streams.stopById(streamId, 'stopped');
    const record = await this.records.findAny(streamId);
    return {
      ...outcome,
      user_id: record?.user_id ?? '',
      session_id: record?.session_id ?? '',
    };
  }

  /**
   * Stops every stream of a user, here and on other instances; resolves once all
   * partials are stored. A stream that ended meanwhile is not counted; any other
   * failure (another instance unreachable) is thrown, so nothing is erased after it.
   */
  async stopAllOf(owner: UserId): Promise<number> {
    const streamIds = new Set(this.streams.runningOf(owner).map((lease) => lease.streamId));
    for (const record of await this.records.streamingOf(owner)) streamIds.add(record.stream_id);
    const stops = await Promise.allSettled(
      [...streamIds].map((streamId) => this.streams.stopById(streamId, 'stopped')),
    );
    let stopped = 0;
    for (const stop of stops) {
      if (stop.status === 'fulfilled') stopped += 1;
      else if (!(stop.reason instanceof DomainError && stop.reason.code === 'STREAM_NOT_FOUND'))
        throw stop.reason;
    }
    return stopped;
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
      running: await this.records.countStreaming(),
      runningHere: this.streams.count(),
      capacityPerInstance: this.streams.capacity(),
    };
  }
}
