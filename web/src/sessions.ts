import type { ChatClient } from '@careguide/chat-sdk';

/**
 * The chat session this browser uses in each room, remembered across reloads so the
 * assistant keeps the conversation's context. When the server says a session expired
 * or is unknown, the chat view asks for a new one with `renew`.
 */
export class RoomSessions {
  private readonly storageKey: string;

  constructor(
    private readonly client: ChatClient,
    owner: string,
  ) {
    this.storageKey = `careguide.sessions.${owner}`;
  }

  /** The remembered session, or a new one when there is none. */
  forRoom(roomId: string): Promise<string> {
    const known = this.read()[roomId];
    return known === undefined ? this.renew(roomId) : Promise.resolve(known);
  }

  /** A fresh session for the room, remembered in place of the old one. */
  async renew(roomId: string): Promise<string> {
    const session = await this.client.createSession(roomId);
    this.write({ ...this.read(), [roomId]: session.session_id });
    return session.session_id;
  }

  forget(roomId: string): void {
    const sessions = this.read();
    delete sessions[roomId];
    this.write(sessions);
  }

  private read(): Record<string, string> {
    try {
      const parsed: unknown = JSON.parse(localStorage.getItem(this.storageKey) ?? '{}');
      return typeof parsed === 'object' && parsed !== null
        ? (parsed as Record<string, string>)
        : {};
    } catch {
      return {};
    }
  }

  private write(sessions: Record<string, string>): void {
    localStorage.setItem(this.storageKey, JSON.stringify(sessions));
  }
}
