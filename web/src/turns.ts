import type { Conversation, TurnStatus } from '@careguide/chat-sdk';

/** One exchange on screen: the person's message and the assistant's answer. */
export interface Turn {
  /** Stable React key: the message id once known, else a local one. */
  key: string;
  /** The stored turn's id; unset while the answer has not started. */
  message_id?: string;
  user_input: string;
  agent_response: string;
  agent_type?: string;
  status: TurnStatus | 'streaming';
  timestamp: string;
}

export function fromConversation(conversation: Conversation): Turn {
  return {
    key: conversation.message_id,
    message_id: conversation.message_id,
    user_input: conversation.user_input,
    agent_response: conversation.agent_response,
    agent_type: conversation.agent_type,
    status: conversation.status,
    timestamp: conversation.timestamp,
  };
}

/** Older stored turns (newest first, as the API pages them) placed before those on screen. */
export function prependOlder(turns: Turn[], olderNewestFirst: Conversation[]): Turn[] {
  const shown = new Set(turns.map((turn) => turn.message_id).filter(Boolean));
  const older = olderNewestFirst
    .filter((conversation) => !shown.has(conversation.message_id))
    .map(fromConversation)
    .reverse();
  return [...older, ...turns];
}

/** How many stored turns are on screen: where the next older page starts. */
export function storedCount(turns: Turn[]): number {
  return turns.filter((turn) => turn.message_id !== undefined && turn.status !== 'streaming')
    .length;
}
