import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { UserId } from '../common/auth/user-id';
import { pageOf } from '../common/http/pagination.dto';
import { ROOM_ERASING, type RoomGoing } from '../rooms/room-events';
import { ConversationRepository, type PageRequest } from './conversation.repository';
import { toConversationView, type ConversationView } from './conversation.view';
import { RoomSummaries } from './room-summaries';

export interface HistoryPage {
  conversations: ConversationView[];
  total: number;
  page: number;
  page_size: number;
}

/** Stored turns as the API reads and erases them; writes go through TurnRecorder. */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly summaries: RoomSummaries,
  ) {}

  /** The owner's turns, of a session and/or a room, newest first by default. */
  async page(
    owner: UserId,
    scope: { sessionId?: string; roomId?: string },
    page: PageRequest,
  ): Promise<HistoryPage> {
    const { items, total } = await this.conversations.pageForOwner(owner, scope, page);
    return { conversations: items.map(toConversationView), total, ...pageOf(page) };
  }

  /** Erases one session's turns in its room; answers once the room's summary is recounted. */
  async eraseSession(owner: UserId, sessionId: string, roomId: string): Promise<number> {
    const deleted = await this.conversations.eraseSession(owner, sessionId, roomId);
    if (deleted > 0) await this.summaries.recount(owner, roomId);
    return deleted;
  }

  /** A permanent room delete: every turn of the room goes (its streams have already ended). */
  @OnEvent(ROOM_ERASING, { suppressErrors: false })
  eraseRoom({ owner, roomId }: RoomGoing): Promise<number> {
    return this.conversations.eraseRoom(owner, roomId);
  }
}
