import type { Room } from '@careguide/chat-sdk';

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
