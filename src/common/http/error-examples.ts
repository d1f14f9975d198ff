import {
  AccessDenied,
  DatabaseUnavailable,
  DomainError,
  MetadataTooLarge,
  RateLimitExceeded,
  RoomLimitExceeded,
  RoomNameTooLong,
  RoomNotFound,
  SessionExpired,
  SessionNotFound,
  StreamAlreadyActive,
  StreamLimitExceeded,
  StreamNotFound,
  Unauthorized,
  UnsupportedMediaType,
  ValidationFailed,
} from '../errors/domain-error';
import type { ErrorCode } from '../errors/error-code';
import { toErrorResponse, type ErrorBody } from '../errors/error-response';
import { EXAMPLE_IDS } from './ids';

/** Fixed, so the committed document does not change from one run to the next. */
const EXAMPLE_TIMESTAMP = '2025-01-26T10:30:00.000Z';
const EXAMPLE_REQUEST_ID = '1b4e28ba-2fa1-11d2-883f-0016d3cca427';

/**
 * One error per code, as the server raises it (the defaults of the configuration where a
 * message names a limit). Every code must have one: the API document shows these.
 */
const EXAMPLE_ERRORS: Record<ErrorCode, DomainError> = {
  VALIDATION_ERROR: new ValidationFailed([{ field: 'room_name', reason: 'must be a string' }]),
  ROOM_LIMIT_EXCEEDED: new RoomLimitExceeded(50),
  METADATA_TOO_LARGE: new MetadataTooLarge(10_240, 12_873),
  ROOM_NAME_TOO_LONG: new RoomNameTooLong(100),
  UNAUTHORIZED: new Unauthorized(),
  ACCESS_DENIED: new AccessDenied('user_id does not match the authenticated user'),
  NOT_FOUND: new DomainError('NOT_FOUND', 'No route for GET /api/room'),
  ROOM_NOT_FOUND: new RoomNotFound(EXAMPLE_IDS.room),
  SESSION_NOT_FOUND: new SessionNotFound(EXAMPLE_IDS.session),
  STREAM_NOT_FOUND: new StreamNotFound(EXAMPLE_IDS.session),
  METHOD_NOT_ALLOWED: new DomainError('METHOD_NOT_ALLOWED', 'Method not allowed'),
  STREAM_ALREADY_ACTIVE: new StreamAlreadyActive(EXAMPLE_IDS.session),
  SESSION_EXPIRED: new SessionExpired(EXAMPLE_IDS.session),
  PAYLOAD_TOO_LARGE: new DomainError('PAYLOAD_TOO_LARGE', 'The request body is too large'),
  UNSUPPORTED_MEDIA_TYPE: new UnsupportedMediaType('text/plain'),
  RATE_LIMITED: new RateLimitExceeded(42),
  STREAM_LIMIT_EXCEEDED: new StreamLimitExceeded(5),
  INTERNAL_ERROR: new DomainError('INTERNAL_ERROR', 'Internal server error'),
  SERVICE_UNAVAILABLE: new DatabaseUnavailable(),
  LLM_UNAVAILABLE: new DomainError(
    'LLM_UNAVAILABLE',
    'The language model is unavailable; the partial answer was kept',
  ),
};

/** The error envelope the server sends for `code`, built by the exception filter's own mapping. */
export function errorExample(code: ErrorCode): ErrorBody {
  const { body } = toErrorResponse(EXAMPLE_ERRORS[code], EXAMPLE_REQUEST_ID);
  return { ...body, timestamp: EXAMPLE_TIMESTAMP };
}
