import { ERROR_STATUS, type ErrorCode } from './error-code';

/** One problem with one request field: `{ field: "room_name", reason: "must be a string" }`. */
export interface FieldProblem {
  field: string;
  reason: string;
}

/**
 * A failure the client can act on. Services throw these; the one exception filter
 * turns them into the error envelope with the status of their code.
 */
export class DomainError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldProblem[],
  ) {
    super(message);
    this.name = new.target.name;
    this.status = ERROR_STATUS[code];
  }
}

export class ValidationFailed extends DomainError {
  constructor(details: FieldProblem[], message = 'Request validation failed') {
    super('VALIDATION_ERROR', message, details);
  }
}

export class Unauthorized extends DomainError {
  constructor(message = 'Authentication required: send a Bearer token') {
    super('UNAUTHORIZED', message);
  }
}

export class AccessDenied extends DomainError {
  constructor(message = 'Access denied') {
    super('ACCESS_DENIED', message);
  }
}

export class RoomNotFound extends DomainError {
  constructor(roomId: string) {
    super('ROOM_NOT_FOUND', `Room ${roomId} not found`);
  }
}

export class RoomLimitExceeded extends DomainError {
  constructor(limit: number) {
    super('ROOM_LIMIT_EXCEEDED', `Maximum room limit (${limit}) reached. Please delete old rooms.`);
  }
}

export class RoomNameTooLong extends DomainError {
  constructor(maxChars: number) {
    super('ROOM_NAME_TOO_LONG', `Room name must be at most ${maxChars} characters`, [
      { field: 'room_name', reason: `longer than ${maxChars} characters` },
    ]);
  }
}

export class MetadataTooLarge extends DomainError {
  constructor(maxBytes: number, actualBytes: number) {
    super('METADATA_TOO_LARGE', `Metadata must be at most ${maxBytes} bytes serialized`, [
      { field: 'metadata', reason: `${actualBytes} bytes serialized, limit ${maxBytes}` },
    ]);
  }
}

export class DatabaseUnavailable extends DomainError {
  constructor() {
    super('SERVICE_UNAVAILABLE', 'The database is unavailable; please retry shortly');
  }
}

export class SessionNotFound extends DomainError {
  constructor(sessionId: string) {
    super('SESSION_NOT_FOUND', `Session ${sessionId} not found`);
  }
}

export class SessionExpired extends DomainError {
  constructor(sessionId: string) {
    super('SESSION_EXPIRED', `Session ${sessionId} has expired; create a new one`);
  }
}

export class StreamNotFound extends DomainError {
  constructor(sessionId: string) {
    super('STREAM_NOT_FOUND', `Session ${sessionId} has no active stream`);
  }
}

/** A stream id that names no running (or replayable) stream of the caller. */
export class StreamNotRunning extends DomainError {
  constructor(streamId: string) {
    super('STREAM_NOT_FOUND', `Stream ${streamId} not found`);
  }
}

export class StreamAlreadyActive extends DomainError {
  constructor(sessionId: string) {
    super(
      'STREAM_ALREADY_ACTIVE',
      `Session ${sessionId} is already streaming; stop it or wait for it to finish`,
    );
  }
}

/**
 * A refusal that names a wait: the exception filter sends `retryAfterSeconds` as
 * `Retry-After`, so clients (and the SDK's `retry_after_seconds`) know when to try again.
 */
export abstract class RetryLater extends DomainError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message);
  }
}

/**
 * When one of the user's streams will end cannot be known (answers run from a second to
 * a minute), so the wait is a short fixed one: a retry soon after is likely to find a slot.
 */
export const STREAM_LIMIT_RETRY_AFTER_SECONDS = 5;

export class StreamLimitExceeded extends RetryLater {
  constructor(limit: number) {
    super(
      'STREAM_LIMIT_EXCEEDED',
      `At most ${limit} streams may run at once per user`,
      STREAM_LIMIT_RETRY_AFTER_SECONDS,
    );
  }
}

export class StreamCapacityReached extends DomainError {
  constructor() {
    super('SERVICE_UNAVAILABLE', 'This instance is at its stream capacity; please retry shortly');
  }
}

export class ShuttingDown extends DomainError {
  constructor() {
    super('SERVICE_UNAVAILABLE', 'This instance is shutting down; please retry');
  }
}

export class UnsupportedMediaType extends DomainError {
  constructor(contentType: string | undefined) {
    super(
      'UNSUPPORTED_MEDIA_TYPE',
      contentType
        ? `Request bodies must be application/json, not ${contentType}`
        : 'Request bodies must be application/json; send Content-Type: application/json',
    );
  }
}

/** A spent rate-limit budget; the wait is until the budget's window frees a request. */
export class RateLimitExceeded extends RetryLater {
  constructor(retryAfterSeconds: number) {
    super('RATE_LIMITED', `Too many requests; retry in ${retryAfterSeconds} s`, retryAfterSeconds);
  }
}
