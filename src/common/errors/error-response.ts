import { HttpException } from '@nestjs/common';
import { DomainError, type FieldProblem } from './domain-error';
import { ERROR_STATUS, type ErrorCode } from './error-code';

export interface ErrorBody {
  success: false;
  error: string;
  error_code: ErrorCode;
  timestamp: string;
  request_id?: string;
  details?: FieldProblem[];
}

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  /** True when the failure is ours (500), so the caller logs the original error. */
  unexpected: boolean;
}

const CODE_BY_HTTP_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_ERROR',
  401: 'UNAUTHORIZED',
  403: 'ACCESS_DENIED',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

const SENTENCE_BY_CODE: Partial<Record<ErrorCode, string>> = {
  VALIDATION_ERROR: 'The request is not valid',
  UNAUTHORIZED: 'Authentication required',
  ACCESS_DENIED: 'Access denied',
  NOT_FOUND: 'Not found',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  PAYLOAD_TOO_LARGE: 'The request body is too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported content type or encoding',
  RATE_LIMITED: 'Too many requests; slow down',
  SERVICE_UNAVAILABLE: 'The service is temporarily unavailable; please retry shortly',
  INTERNAL_ERROR: 'Internal server error',
};

/** Driver and mongoose errors that mean "the database cannot be reached right now". */
const DATABASE_UNAVAILABLE_ERRORS = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  // DB_OPERATION_TIMEOUT_MS passed: a stalled server is as unavailable as a stopped one.
  'DatabaseDeadlineExceeded',
  'MongoOperationTimeoutError',
  'MongoWaitQueueTimeoutError',
]);

/**
 * Errors of body parsing (body-parser, raw-body, zlib through http-errors) carry an HTTP
 * status, `expose` when the client caused them, and a `type` when body-parser named them.
 */
interface BodyParserError {
  status: number;
  expose?: boolean;
  type?: string;
  /** Set by zlib when a compressed body is corrupt. */
  errno?: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as Partial<BodyParserError>;
  if (typeof candidate.status !== 'number') return false;
  return typeof candidate.type === 'string' || candidate.expose === true;
}

/** Sentence for a body-parsing failure that body-parser did not name. */
function unnamedBodyFailure(error: BodyParserError): string | undefined {
  return typeof error.errno === 'number'
    ? 'The request body is not valid data for its Content-Encoding (gzip, deflate or br)'
    : undefined;
}

const BODY_PARSER_SENTENCES: Record<string, string> = {
  'entity.parse.failed': 'Malformed JSON in request body',
  'entity.too.large': 'The request body is too large',
  'encoding.unsupported': 'Unsupported content encoding',
  'charset.unsupported': 'Unsupported charset',
  'request.aborted': 'The request was aborted',
};

/** Socket failures of a connection to the database (the server died under it). */
const SOCKET_FAILURES = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ENOTCONN']);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (DATABASE_UNAVAILABLE_ERRORS.has(error.name)) return true;
  // mongoose refuses operations while disconnected when command buffering is off
  if (error.name === 'MongooseError')
    return /not connected|buffering timed out/i.test(error.message);
  // An unordered insertMany wraps a lost connection in a bulk error without write errors.
  if (error.name === 'MongoBulkWriteError') {
    const bulk = error as Error & { writeErrors?: unknown[]; errorResponse?: unknown };
    if (bulk.writeErrors?.length) return false;
    const inner = bulk.errorResponse ?? error.cause;
    if (!(inner instanceof Error) || inner === error) return false;
    const code = (inner as Error & { code?: unknown }).code;
    return (typeof code === 'string' && SOCKET_FAILURES.has(code)) || isDatabaseUnavailable(inner);
  }
  return false;
}

/** Maps any thrown value to the status and error envelope the client sees. Never leaks internals. */
export function toErrorResponse(error: unknown, requestId?: string): ErrorResponse {
  const build = (
    code: ErrorCode,
    message: string,
    details?: FieldProblem[],
    status: number = ERROR_STATUS[code],
  ): ErrorResponse => ({
    status,
    unexpected: code === 'INTERNAL_ERROR',
    body: {
      success: false,
      error: message,
      error_code: code,
      timestamp: new Date().toISOString(),
      ...(requestId ? { request_id: requestId } : {}),
      ...(details?.length ? { details } : {}),
    },
  });

  if (error instanceof DomainError)
    return build(error.code, error.message, error.details, error.status);
  if (isDatabaseUnavailable(error)) {
    return build('SERVICE_UNAVAILABLE', 'The database is unavailable; please retry shortly');
  }
  if (isBodyParserError(error) && !(error instanceof HttpException)) {
    const code = CODE_BY_HTTP_STATUS[error.status] ?? 'VALIDATION_ERROR';
    const sentence =
      (error.type === undefined ? unnamedBodyFailure(error) : BODY_PARSER_SENTENCES[error.type]) ??
      SENTENCE_BY_CODE[code] ??
      'Bad request';
    return build(code, sentence, undefined, code === 'VALIDATION_ERROR' ? 400 : error.status);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code =
      CODE_BY_HTTP_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_ERROR');
    return build(code, SENTENCE_BY_CODE[code] ?? 'Bad request', undefined, status);
  }
  return build('INTERNAL_ERROR', 'Internal server error');
}
