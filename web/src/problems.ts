import {
  ChatApiError,
  ChatConnectionError,
  ChatStreamInterruptedError,
  type ErrorEvent,
} from '@careguide/chat-sdk';

/** A message for the person: what happened, and when relevant, when they may try again. */
export interface Problem {
  tone: 'error' | 'info';
  text: string;
  /** Epoch ms after which trying again makes sense; the notice counts down to it. */
  retryAt?: number;
  /** Shown small, to quote when reporting a problem. */
  reference?: string;
  /** The sign-in is no longer accepted: the app returns to the sign-in screen. */
  signedOut?: boolean;
}

/** What the person was doing, so the words fit. */
export type Activity = 'message' | 'room' | 'load';

function retryAtFrom(error: ChatApiError): number | undefined {
  return error.retry_after_seconds === undefined
    ? undefined
    : Date.now() + error.retry_after_seconds * 1000;
}

function fieldList(error: ChatApiError): string {
  if (!error.details?.length) return error.message;
  return error.details.map((problem) => `${problem.field}: ${problem.reason}`).join('; ');
}

/** A refused or failed call, in words. */
export function describeError(error: unknown, activity: Activity): Problem {
  if (error instanceof ChatStreamInterruptedError) {
    return {
      tone: 'error',
      text: 'The connection was lost during the answer. What arrived is shown; the server keeps what was said. Your message was not sent again.',
    };
  }
  if (error instanceof ChatConnectionError) {
    return {
      tone: 'error',
      text: 'Cannot reach the server. Check your connection; if the server is restarting, try again in a moment.',
    };
  }
  if (!(error instanceof ChatApiError)) {
    return { tone: 'error', text: 'Something went wrong in this page. Reload it and try again.' };
  }
  const reference = error.request_id;
  switch (error.error_code) {
    case 'RATE_LIMITED':
      return {
        tone: 'error',
        text:
          activity === 'room'
            ? 'You have created many rooms recently.'
            : 'You are sending messages faster than allowed.',
        retryAt: retryAtFrom(error) ?? Date.now() + 60_000,
      };
    case 'STREAM_LIMIT_EXCEEDED':
      return {
        tone: 'error',
        text: 'Too many answers are streaming for you at once (other tabs or rooms). Wait for one to finish or stop it.',
        retryAt: retryAtFrom(error),
      };
    case 'STREAM_ALREADY_ACTIVE':
      return {
        tone: 'error',
        text: 'An answer is still streaming in this room (perhaps in another tab). Stop it or wait for it to finish.',
      };
    // The server's own sentence says what to do ("...Please delete old rooms.").
    case 'ROOM_LIMIT_EXCEEDED':
    case 'ROOM_NAME_TOO_LONG':
    case 'METADATA_TOO_LARGE':
      return { tone: 'error', text: error.message };
    case 'VALIDATION_ERROR':
      return { tone: 'error', text: `Not accepted: ${fieldList(error)}`, reference };
    case 'PAYLOAD_TOO_LARGE':
      return { tone: 'error', text: 'That message is too long to send.' };
    case 'UNAUTHORIZED':
    case 'ACCESS_DENIED':
      return {
        tone: 'error',
        text: `Your sign-in was not accepted (${error.message}). Sign in again.`,
        signedOut: true,
      };
    case 'ROOM_NOT_FOUND':
      return {
        tone: 'error',
        text: 'This room no longer exists. It may have been deleted in another tab.',
      };
    case 'SESSION_EXPIRED':
    case 'SESSION_NOT_FOUND':
      return { tone: 'info', text: 'Your chat session had ended; a new one was started.' };
    case 'LLM_UNAVAILABLE':
      return {
        tone: 'error',
        text: "The assistant's language model is not available right now. Try again in a moment.",
        retryAt: retryAtFrom(error),
      };
    case 'SERVICE_UNAVAILABLE':
      return {
        tone: 'error',
        text: 'The service is busy or restarting. Try again in a moment.',
        retryAt: retryAtFrom(error),
        reference,
      };
    default:
      return {
        tone: 'error',
        text:
          activity === 'load'
            ? `Could not load this: ${error.message}`
            : `That did not work: ${error.message}`,
        reference,
      };
  }
}

/** An answer that ended with an `error` event, in words; its partial text stays on screen. */
export function describeStreamError(event: ErrorEvent): Problem {
  switch (event.error_code) {
    case 'LLM_UNAVAILABLE':
      return {
        tone: 'error',
        text: "The assistant's language model stopped responding. What it had written is kept; send your message again in a moment.",
      };
    case 'SERVICE_UNAVAILABLE':
      return {
        tone: 'error',
        text: 'The server is restarting. What the assistant had written is kept; send your message again in a moment.',
      };
    default:
      return { tone: 'error', text: `The answer ended early: ${event.error}` };
  }
}
