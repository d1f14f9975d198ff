import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { UserId } from '../common/auth/user-id';
import { SessionExpired, SessionNotFound, StreamNotFound } from '../common/errors/domain-error';
import type { Env } from '../config/env.schema';
import { ContextManager } from '../context/context-manager';
import { RouterAgent } from '../context/router-agent';
import { SessionManager } from '../context/session-manager';
import { Metrics } from '../metrics/metrics';
import { RoomsService } from '../rooms/rooms.service';
import { StreamCoordinator, type RemoteStopOutcome } from '../streams/stream-coordinator';
import { StreamRegistry, type StopReason } from '../streams/stream-registry';
import { SESSION_STORE, type SessionRecord, type SessionStore } from './session.types';

/** A session as the API shows it: the record without its reset marks, plus whether it streams. */
export type SessionView = Omit<SessionRecord, 'context_resets'> & { streaming: boolean };

@Injectable()
export class SessionService {
  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    private readonly rooms: RoomsService,
    private readonly memory: SessionManager,
    private readonly context: ContextManager,
    private readonly router: RouterAgent,
    private readonly streams: StreamRegistry,
    private readonly coordinator: StreamCoordinator,
    private readonly config: ConfigService<Env, true>,
    private readonly metrics: Metrics,
  ) {}

  async create(owner: UserId, roomId: string): Promise<SessionView> {
    await this.rooms.get(owner, roomId);
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
    this.metrics.sessions(await this.store.count());
    return this.view(session);
  }

  /**
   * The caller's live session, its expiry slid forward. Another user's session is
   * SESSION_NOT_FOUND, like one that never existed; an expired one is SESSION_EXPIRED.
   */
  async use(owner: UserId, sessionId: string): Promise<SessionRecord> {
    const session = await this.store.get(sessionId);
    if (!session || session.user_id !== owner) throw new SessionNotFound(sessionId);
    const now = new Date();
    // Left in place: it answers 410 on every call until the sweeper removes it.
    if (session.expires_at <= now && !this.streams.find(owner, sessionId)) {
      throw new SessionExpired(sessionId);
    }
    session.last_activity = now;
    session.expires_at = this.expiryFrom(now);
    await this.store.save(session);
    return session;
  }

  async get(owner: UserId, sessionId: string): Promise<SessionView> {
    return this.view(await this.use(owner, sessionId));
  }

  /** Empties the in-memory context of one agent or all; stored history stays. */
  async reset(
    owner: UserId,
    sessionId: string,
    agentType: string | undefined,
  ): Promise<{ session_id: string; reset_scope: string; conversations_cleared: number }> {
    if (agentType !== undefined) this.router.agent(agentType);
    const session = await this.use(owner, sessionId);
    const now = new Date();
    const cleared = this.memory.reset(
      sessionId,
      agentType,
      this.router.agentTypes(),
      now.getTime(),
    );
    session.context_resets[agentType ?? '*'] = now;
    await this.store.save(session);
    return {
      session_id: sessionId,
      reset_scope: agentType ?? 'all',
      conversations_cleared: cleared,
    };
  }

  /** Stops the running stream and returns the partial answer once it is stored. */
  async stop(
    owner: UserId,
    sessionId: string,
  ): Promise<{
    session_id: string;
    room_id: string;
    stream_id: string;
    status: 'stop_requested';
    stream_status: string;
    partial_response: string;
  }> {
    await this.use(owner, sessionId);
    const outcome = await this.stopAnywhere(owner, sessionId, 'stopped');
    return {
      session_id: sessionId,
      room_id: outcome.room_id,
      stream_id: outcome.stream_id,
      status: 'stop_requested',
      stream_status: outcome.status,
      partial_response: outcome.text,
    };
  }

  /** Erases this session's stored turns in its room and its in-memory context. */
  async clearHistory(
    owner: UserId,
    sessionId: string,
  ): Promise<{ session_id: string; room_id: string; conversations_deleted: number }> {
    const session = await this.use(owner, sessionId);
    const deleted = await this.context.clearSession(owner, sessionId, session.room_id);
    this.memory.forget(sessionId);
    return { session_id: sessionId, room_id: session.room_id, conversations_deleted: deleted };
  }

  /** Deletes the session, stopping its stream first (the partial is stored). */
  async delete(
    owner: UserId,
    sessionId: string,
  ): Promise<{ session_id: string; deleted: true; stream_stopped: boolean }> {
    const session = await this.store.get(sessionId);
    if (!session || session.user_id !== owner) throw new SessionNotFound(sessionId);
    const streaming = await this.stopAnywhere(owner, sessionId, 'session_deleted').then(
      () => true,
      () => false,
    );
    await this.store.delete(sessionId);
    this.memory.forget(sessionId);
    this.metrics.sessions(await this.store.count());
    return { session_id: sessionId, deleted: true, stream_stopped: streaming };
  }

  /** Removes expired sessions (not those still streaming) and drops idle in-memory contexts. */
  async sweep(now = new Date()): Promise<{ expired: number; idleContexts: number }> {
    const expired = await this.store.deleteExpired(now, (sessionId) =>
      this.streams.isStreaming(sessionId),
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

  private expiryFrom(now: Date): Date {
    return new Date(now.getTime() + this.config.get('SESSION_TTL_MS', { infer: true }));
  }

  /** Stops the session's stream on this instance, or on the one that runs it (Redis). */
  private async stopAnywhere(
    owner: UserId,
    sessionId: string,
    reason: StopReason,
  ): Promise<RemoteStopOutcome> {
    if (this.streams.find(owner, sessionId)) return this.streams.stop(owner, sessionId, reason);
    const remote = await this.coordinator.stopElsewhere(owner, sessionId, reason);
    if (!remote) throw new StreamNotFound(sessionId);
    return remote;
  }

  private async view(session: SessionRecord): Promise<SessionView> {
    return {
      session_id: session.session_id,
      user_id: session.user_id,
      room_id: session.room_id,
      created_at: session.created_at,
      last_activity: session.last_activity,
      expires_at: session.expires_at,
      streaming: await this.coordinator.isStreaming(session.session_id),
    };
  }
}
