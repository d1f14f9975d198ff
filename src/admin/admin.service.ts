import { Inject, Injectable } from '@nestjs/common';
import type { UserId } from '../common/auth/user-id';
import { pageOf } from '../common/http/pagination.dto';
import { SessionManager } from '../context/session-manager';
import { Metrics } from '../metrics/metrics';
import { toRoomView, type RoomView } from '../rooms/room.view';
import { SESSION_STORE, type SessionStore } from '../session/session.types';
import { RoomDetailsCache } from '../rooms/room-details-cache';
import { StreamOperations } from '../streams/stream-operations';
import { AdminRepository } from './admin.repository';
import type {
  AdminStatsDto,
  AdminStreamDto,
  AdminStreamStopDto,
  AdminUserErasedDto,
  RoomState,
} from './dto/admin.dto';

const DAY_MS = 24 * 3_600_000;

export type AdminRoomView = RoomView & { is_deleted: boolean; deleted_at: Date | null };

export interface AdminPage {
  limit: number;
  offset: number;
}

/** What operators do across users: see and stop streams, read or erase one user, count. */
@Injectable()
export class AdminService {
  constructor(
    private readonly streams: StreamOperations,
    private readonly repository: AdminRepository,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    private readonly memory: SessionManager,
    private readonly metrics: Metrics,
    private readonly roomDetails: RoomDetailsCache,
  ) {}

  async listStreams(page: AdminPage): Promise<{
    streams: AdminStreamDto[];
    total: number;
    page: number;
    page_size: number;
  }> {
    const { items, total } = await this.streams.running(page);
    const now = Date.now();
    return {
      streams: items.map((record) => ({
        stream_id: record.stream_id,
        user_id: record.user_id,
        room_id: record.room_id,
        session_id: record.session_id,
        agent_type: record.agent_type,
        started_at: record.started_at.toISOString(),
        age_seconds: Math.max(0, (now - record.started_at.getTime()) / 1000),
        last_heartbeat: record.last_heartbeat.toISOString(),
      })),
      total,
      ...pageOf(page),
    };
  }

  async stopStream(streamId: string): Promise<AdminStreamStopDto> {
    const outcome = await this.streams.stop(streamId);
    return {
      stream_id: outcome.stream_id,
      user_id: outcome.user_id,
      session_id: outcome.session_id,
      room_id: outcome.room_id,
      status: 'stop_requested',
      stream_status: outcome.status,
      partial_response: outcome.text,
    };
  }

  async userRooms(
    user: UserId,
    query: AdminPage & { state: RoomState },
  ): Promise<{
    user_id: string;
    rooms: AdminRoomView[];
    total: number;
    page: number;
    page_size: number;
  }> {
    const { items, total } = await this.repository.roomsOf(user, query);
    return {
      user_id: user,
      rooms: items.map((room) => ({
        ...toRoomView(room),
        is_deleted: room.is_deleted,
        deleted_at: room.deleted_at,
      })),
      total,
      ...pageOf(query),
    };
  }

  /**
   * Erases everything the user has: running streams are stopped first (their partials
   * stored, so the erasure takes them too), then the stored turns, the rooms and the
   * sessions. A stream the user started meanwhile is stopped and erased in a second pass;
   * after the rooms are gone no new one can start.
   */
  async eraseUser(user: UserId): Promise<AdminUserErasedDto> {
    let streamsStopped = await this.streams.stopAllOf(user);
    let conversationsDeleted = await this.repository.eraseConversationsOf(user);
    const roomsDeleted = await this.repository.eraseRoomsOf(user);
    // No new message may start from a cached view of a room that is gone.
    this.roomDetails.ownerGone(user);
    const sessions = await this.sessions.deleteAllOf(user);
    for (const sessionId of sessions) this.memory.forget(sessionId);
    this.metrics.sessions(await this.sessions.count());
    const lateStreams = await this.streams.stopAllOf(user);
    if (lateStreams > 0) {
      streamsStopped += lateStreams;
      conversationsDeleted += await this.repository.eraseConversationsOf(user);
    }
    return {
      user_id: user,
      streams_stopped: streamsStopped,
      conversations_deleted: conversationsDeleted,
      rooms_deleted: roomsDeleted,
      sessions_deleted: sessions.length,
    };
  }

  async stats(now = new Date()): Promise<AdminStatsDto> {
    const [counts, load] = await Promise.all([
      this.repository.counts(new Date(now.getTime() - DAY_MS)),
      this.streams.load(),
    ]);
    return {
      users: { total: counts.users, active_last_24h: counts.activeUsers },
      rooms: { live: counts.liveRooms, deleted: counts.deletedRooms },
      turns_last_24h: counts.turnsSince,
      streams: {
        running: load.running,
        running_here: load.runningHere,
        capacity_per_instance: load.capacityPerInstance,
      },
    };
  }
}
