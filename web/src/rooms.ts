import type { Room, TerminalEvent } from '@careguide/chat-sdk';

export type LastMessage = NonNullable<Room['last_message']>;

/** The room's tags (`metadata.tags`), when they are a list of strings. */
export function tagsOf(room: Room): string[] {
  const tags = room.metadata.tags;
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [];
}

/** "kidney, diet ,, kidney" -> ["kidney", "diet"] */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}

/** One line about the newest turn, for the room list. */
export function lastMessagePreview(room: Room): string {
  const last = room.last_message;
  if (last === null) return 'No messages yet';
  return last.agent_response.trim() || `You: ${last.user_input}`;
}

/**
 * The room-list line a turn that just ended leaves behind, as the server stores it: a
 * turn with any text is stored (a stop or a failure keeps its partial); one with none is not.
 */
export function lastMessageOf(
  userInput: string,
  agentType: string,
  terminal: TerminalEvent,
  at: Date = new Date(),
): LastMessage | undefined {
  const data = terminal.data;
  const text =
    'response' in data ? data.response : 'partial_response' in data ? data.partial_response : '';
  if (!text) return undefined;
  return {
    user_input: userInput,
    agent_response: text,
    agent_type: agentType,
    timestamp: at.toISOString(),
  };
}

/** The room with a turn added: it moves to the top of a list ordered by activity. */
export function withTurn(room: Room, turn: LastMessage): Room {
  return {
    ...room,
    last_message: turn,
    message_count: room.message_count + 1,
    last_activity: turn.timestamp,
  };
}

/**
 * A fetched room list, not older than what this page already knows: the server writes a
 * room's summary just after the turn's terminal event, so a list read at that moment may
 * not have the turn yet. A room this page counted more turns in keeps its own summary.
 * Ordered by activity, newest first, as the list is requested.
 */
export function mergeRoomList(fetched: Room[], known: Room[]): Room[] {
  const byId = new Map(known.map((room) => [room.room_id, room]));
  const merged = fetched.map((room) => {
    const mine = byId.get(room.room_id);
    if (!mine || mine.message_count <= room.message_count) return room;
    return {
      ...room,
      last_message: mine.last_message,
      message_count: mine.message_count,
      last_activity: mine.last_activity,
    };
  });
  return merged.sort((a, b) => Date.parse(b.last_activity) - Date.parse(a.last_activity));
}
