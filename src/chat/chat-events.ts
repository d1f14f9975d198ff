import type { ErrorCode } from '../common/errors/error-code';
import type { TokenUsage } from '../llm/llm-provider';

/** The events of one streamed answer, in order: start, chunk*, then exactly one terminal event. */
export type ChatEvent =
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
      };
    }
  | { type: 'cancelled'; data: { message_id: string | null; partial_response: string } }
  | {
      type: 'error';
      data: {
        error: string;
        error_code: ErrorCode;
        message_id: string | null;
        partial_response: string;
      };
    };
