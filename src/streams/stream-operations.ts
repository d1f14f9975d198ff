import { Injectable } from '@nestjs/common';
import { asUserId, type UserId } from '../common/auth/user-id';
import { StreamNotFound, StreamNotRunning } from '../common/errors/domain-error';
import { ActiveStreamsRepository, type ActiveStreamRecord } from './active-streams.repository';
import { StreamCoordinator, type RemoteStopOutcome } from './stream-coordinator';
import { StreamRegistry } from './stream-registry';

export type StoppedStream = RemoteStopOutcome & { user_id: string; session_id: string };

export interface StreamLoad {
  /** Streams running on every instance, from the shared active_streams records. */
  running: number;
  runningHere: number;
  capacityPerInstance: number;
}

/**
 * What operators (the admin API) and retention do with streams of any user, on any
 * instance: list them, stop them, ask which rooms are busy. The one place outside the
 * chat path that reaches the stream engine; each operation is one method.
 */
@Injectable()
export class StreamOperations {
  constructor(
    private readonly records: ActiveStreamsRepository,
    private readonly registry: StreamRegistry,
    private readonly coordinator: StreamCoordinator,
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
    const local = this.registry.all().find((stream) => stream.streamId === streamId);
    if (local) {
      const outcome = await this.registry.stop(local.userId, local.sessionId, 'stopped');
      return { ...outcome, user_id: local.userId, session_id: local.sessionId };
    }
    const record = await this.records.findStreaming(streamId);
    if (!record) throw new StreamNotRunning(streamId);
    // The record was written by the chat path from the stream owner's verified identity.
    const owner = asUserId(record.user_id);
    const remote = await this.coordinator.stopElsewhere(owner, record.session_id, 'stopped');
    if (!remote) throw new StreamNotRunning(streamId);
    return { ...remote, user_id: owner, session_id: record.session_id };
  }

  /**
   * Stops every stream of a user, here and on other instances; resolves once all
   * partials are stored. A stream that ended meanwhile is not counted; any other
   * failure (another instance unreachable) is thrown, so nothing is erased after it.
   */
  async stopAllOf(owner: UserId): Promise<number> {
    const sessions = new Set(
      this.registry
        .all()
        .filter((stream) => stream.userId === owner)
        .map((stream) => stream.sessionId),
    );
    for (const record of await this.records.streamingOf(owner)) sessions.add(record.session_id);
    const stops = await Promise.allSettled(
      [...sessions].map(async (sessionId) => {
        if (this.registry.find(owner, sessionId)) {
          return this.registry.stop(owner, sessionId, 'stopped');
        }
        return this.coordinator.stopElsewhere(owner, sessionId, 'stopped');
      }),
    );
    let stopped = 0;
    for (const stop of stops) {
      if (stop.status === 'fulfilled') stopped += stop.value === undefined ? 0 : 1;
      else if (!(stop.reason instanceof StreamNotFound)) throw stop.reason;
    }
    return stopped;
  }

  /** Which of these rooms have a stream running, on any instance. */
  async roomsStreaming(roomIds: string[]): Promise<Set<string>> {
    const busy = new Set(await this.records.roomsStreaming(roomIds));
    for (const stream of this.registry.all()) {
      if (roomIds.includes(stream.roomId)) busy.add(stream.roomId);
    }
    return busy;
  }

  async load(): Promise<StreamLoad> {
    return {
      running: await this.records.countStreaming(),
      runningHere: this.registry.count(),
      capacityPerInstance: this.registry.capacity(),
    };
  }
}
