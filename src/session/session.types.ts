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
