import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { UserId } from '../common/auth/user-id';
import { DomainError, SessionExpired, SessionNotFound } from '../common/errors/domain-error';
import type { Env } from '../config/env.schema';
import { RouterAgent } from '../context/router-agent';
import { SessionManager } from '../context/session-manager';
import { ConversationsService } from '../conversations/conversations.service';
import { Metrics } from '../metrics/metrics';
import { RoomsService } from '../rooms/rooms.service';
import { StreamLifecycle } from '../streams/stream-lifecycle';
import type { StopReason } from '../streams/stream-lease';
import { SESSION_STORE, type SessionRecord, type SessionStore } from './session.types';

/** A session as the API shows it: the record without its reset marks, plus whether it streams. */
export type SessionView = Omit<SessionRecord, 'context_resets'> & { streaming: boolean };

export interface StopAnswer {
  session_id: string;
  room_id: string;
  stream_id: string;
  status: 'stop_requested';
  stream_status: string;
  partial_response: string;
  message_id: string | null;
  stored: boolean;
}

@Injectable()
export class SessionService {
  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    private readonly rooms: RoomsService,
    private readonly memory: SessionManager,
    private readonly conversations: ConversationsService,
    private readonly router: RouterAgent,
    private readonly streams: StreamLifecycle,
    private readonly config: ConfigService<Env, true>,
    private readonly metrics: Metrics,
  ) {}

  async create(owner: UserId, roomId: string): Promise<SessionView> {
    await this.rooms.promptDetails(owner, roomId);
    const now = new Date();
    const session: SessionRecord = {
      session_id: `session_${randomUUID()}`,
      user_id: owner,
      room_id: roomId,
      created_at: now,
      last_activity: now,
      expires_at: this.expiryFrom(now),
      context_resets: {},
    };
    await this.store.save(session);
    // A new session has no turns: its first prompt needs no reload from the database.
    this.memory.reset(session.session_id, undefined, this.router.agentTypes(), now.getTime());
    this.metrics.sessions(await this.store.count());
    return this.view(session);
  }

  /**
   * The caller's live session, its expiry slid forward. Another user's session is
   * SESSION_NOT_FOUND, like one that never existed; an expired one is SESSION_EXPIRED.
   * With the session store unreachable, a session streaming on this instance is still
   * served (so Stop works), from what its stream knows.
   */
  async use(owner: UserId, sessionId: string): Promise<SessionRecord> {
    let session: SessionRecord | undefined;
    try {
      session = await this.store.get(sessionId);
    } catch (error) {
      const running = this.streams.runningHere(owner, sessionId);
      if (!(error instanceof DomainError) || !running) throw error;
      const now = new Date();
      return {
        session_id: sessionId,
        user_id: owner,
        room_id: running.roomId,
        created_at: new Date(running.startedAt),
        last_activity: now,
        expires_at: this.expiryFrom(now),
        context_resets: {},
      };
    }
    if (!session || session.user_id !== owner) throw new SessionNotFound(sessionId);
    const now = new Date();
    // Left in place: it answers 410 on every call until the sweeper removes it.
    if (session.expires_at <= now && !this.streams.holdsHere(sessionId)) {
      throw new SessionExpired(sessionId);
    }
    session.last_activity = now;
    session.expires_at = this.expiryFrom(now);
    await this.store.save(session);
    return session;
  }

  /** The caller's session, expired or not (deleting one needs no live session). */
  async find(owner: UserId, sessionId: string): Promise<SessionRecord> {
    const session = await this.store.get(sessionId);
    if (!session || session.user_id !== owner) throw new SessionNotFound(sessionId);
    return session;
  }

  view(session: SessionRecord): Promise<SessionView> {
    return this.streams.isStreaming(session.session_id).then((streaming) => ({
      session_id: session.session_id,
      user_id: session.user_id,
      room_id: session.room_id,
      created_at: session.created_at,
      last_activity: session.last_activity,
      expires_at: session.expires_at,
      streaming,
    }));
  }

  /** Empties the in-memory context of one agent or all; stored history stays. */
  async reset(
    session: SessionRecord,
    agentType: string | undefined,
  ): Promise<{ session_id: string; reset_scope: string; conversations_cleared: number }> {
    if (agentType !== undefined) this.router.agent(agentType);
    const now = new Date();
    const cleared = this.memory.reset(
      session.session_id,
      agentType,
      this.router.agentTypes(),
      now.getTime(),
    );
    session.context_resets[agentType ?? '*'] = now;
    await this.store.save(session);
    return {
      session_id: session.session_id,
      reset_scope: agentType ?? 'all',
      conversations_cleared: cleared,
    };
  }

  /** Stops the session's running stream and returns the partial answer once it is stored. */
  async stop(owner: UserId, session: SessionRecord): Promise<StopAnswer> {
    const outcome = await this.streams.stop(owner, session.session_id, 'stopped');
    return {
      session_id: session.session_id,
      room_id: outcome.room_id,
      stream_id: outcome.stream_id,
      status: 'stop_requested',
      stream_status: outcome.status,
      partial_response: outcome.text,
      message_id: outcome.message_id,
      stored: outcome.stored,
    };
  }

  /** Erases this session's stored turns in its room and its in-memory context. */
  async clearHistory(
    owner: UserId,
    session: SessionRecord,
  ): Promise<{ session_id: string; room_id: string; conversations_deleted: number }> {
    const deleted = await this.conversations.eraseSession(
      owner,
      session.session_id,
      session.room_id,
    );
    this.memory.forget(session.session_id);
    return {
      session_id: session.session_id,
      room_id: session.room_id,
      conversations_deleted: deleted,
    };
  }

  /** Deletes the session, stopping its stream first (the partial is stored). */
  async delete(
    owner: UserId,
    session: SessionRecord,
  ): Promise<{ session_id: string; deleted: true; stream_stopped: boolean }> {
    const sessionId = session.session_id;
    const stopped = await this.stopIfStreaming(owner, sessionId, 'session_deleted');
    await this.store.delete(sessionId);
    this.memory.forget(sessionId);
    this.metrics.sessions(await this.store.count());
    return { session_id: sessionId, deleted: true, stream_stopped: stopped };
  }

  /** Removes expired sessions (not those still streaming) and drops idle in-memory contexts. */
  async sweep(now = new Date()): Promise<{ expired: number; idleContexts: number }> {
    const expired = await this.store.deleteExpired(now, (sessionId) =>
      this.streams.holdsHere(sessionId),
    );
    for (const sessionId of expired) this.memory.forget(sessionId);
    this.metrics.sessions(await this.store.count());
    const idleContexts = this.memory.dropIdle(
      now.getTime() - this.config.get('SESSION_IDLE_MS', { infer: true }),
    );
    return { expired: expired.length, idleContexts };
  }

  activeCount(): Promise<number> {
    return this.store.count();
  }

  private async stopIfStreaming(
    owner: UserId,
    sessionId: string,
    reason: StopReason,
  ): Promise<boolean> {
    if (!(await this.streams.isStreaming(sessionId))) return false;
    return this.streams.stop(owner, sessionId, reason).then(
      () => true,
      () => false,
    );
  }

  private expiryFrom(now: Date): Date {
    return new Date(now.getTime() + this.config.get('SESSION_TTL_MS', { infer: true }));
  }
}
