import type { ErrorCode } from '../common/errors/error-code';

export interface TokenUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/**
 * The events of one streamed answer, in order: start, chunk*, then exactly one terminal
 * event. `stored` on a terminal event says whether the turn is in the database: false
 * when nothing was said, or while a database outage holds it for a later write.
 */
export type StreamEventBody =
  | {
      type: 'start';
      data: {
        stream_id: string;
        session_id: string;
        room_id: string;
        agent_type: string;
        message_id: string;
      };
    }
  | { type: 'chunk'; data: { content: string } }
  | {
      type: 'done';
      data: {
        message_id: string | null;
        response: string;
        usage: TokenUsage | null;
        model: string;
        stored: boolean;
      };
    }
  | {
      type: 'cancelled';
      data: { message_id: string | null; partial_response: string; stored: boolean };
    }
  | {
      type: 'error';
      data: {
        error: string;
        error_code: ErrorCode;
        message_id: string | null;
        partial_response: string;
        stored: boolean;
      };
    };

/** An event as the journal keeps it: with its id, 1 for `start`, then one more for each event. */
export type StreamEvent = StreamEventBody & { id: number };

export type TerminalEvent = Extract<StreamEvent, { type: 'done' | 'cancelled' | 'error' }>;

export function isTerminal(event: StreamEvent): event is TerminalEvent {
  return event.type === 'done' || event.type === 'cancelled' || event.type === 'error';
}

/** The answer text an event list carries: its chunks, joined. */
export function joinedText(events: readonly StreamEvent[]): string {
  let text = '';
  for (const event of events) if (event.type === 'chunk') text += event.data.content;
  return text;
}
