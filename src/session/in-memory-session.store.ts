import { Injectable } from '@nestjs/common';
import { sessionWithOwnDates, type SessionRecord, type SessionStore } from './session.types';

/** Sessions of this instance, kept in a Map. Records are copied in and out, like a real store. */
@Injectable()
export class InMemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, SessionRecord>();

  get(sessionId: string): Promise<SessionRecord | undefined> {
    const session = this.sessions.get(sessionId);
    return Promise.resolve(session && sessionWithOwnDates(session));
  }

  save(session: SessionRecord): Promise<void> {
    this.sessions.set(session.session_id, sessionWithOwnDates(session));
    return Promise.resolve();
  }

  delete(sessionId: string): Promise<boolean> {
    return Promise.resolve(this.sessions.delete(sessionId));
  }

  deleteExpired(now: Date, keep: (sessionId: string) => boolean): Promise<string[]> {
    const expired: string[] = [];
    for (const [id, session] of this.sessions) {
      if (session.expires_at <= now && !keep(id)) {
        this.sessions.delete(id);
        expired.push(id);
      }
    }
    return Promise.resolve(expired);
  }

  deleteAllOf(userId: string): Promise<string[]> {
    const deleted: string[] = [];
    for (const [id, session] of this.sessions) {
      if (session.user_id !== userId) continue;
      this.sessions.delete(id);
      deleted.push(id);
    }
    return Promise.resolve(deleted);
  }

  count(): Promise<number> {
    return Promise.resolve(this.sessions.size);
  }
}
