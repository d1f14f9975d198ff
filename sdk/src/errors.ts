import type { ErrorCode, FieldProblem } from './types.js';

/** The status a non-envelope error answer (a proxy's page, say) is taken to mean. */
const CODE_BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: 'VALIDATION_ERROR',
  401: 'UNAUTHORIZED',
  403: 'ACCESS_DENIED',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  502: 'SERVICE_UNAVAILABLE',
  503: 'SERVICE_UNAVAILABLE',
  504: 'SERVICE_UNAVAILABLE',
};

export interface ChatApiErrorInit {
  status: number;
  error_code: ErrorCode;
  message: string;
  request_id?: string | undefined;
  details?: readonly FieldProblem[] | undefined;
  retry_after_seconds?: number | undefined;
}

/** The API answered with an error envelope: what went wrong, and when to try again. */
export class ChatApiError extends Error {
  override readonly name = 'ChatApiError';
  /** HTTP status of the answer. */
  readonly status: number;
  readonly error_code: ErrorCode;
  /** The `X-Request-Id` of the failed call, to quote when reporting a problem. */
  readonly request_id: string | undefined;
  /** Which fields were wrong and why (validation errors). */
  readonly details: readonly FieldProblem[] | undefined;
  /** From `Retry-After`: seconds to wait before trying again (429 and some 503 answers). */
  readonly retry_after_seconds: number | undefined;

  constructor(init: ChatApiErrorInit) {
    super(init.message);
    this.status = init.status;
    this.error_code = init.error_code;
    this.request_id = init.request_id;
    this.details = init.details;
    this.retry_after_seconds = init.retry_after_seconds;
  }
}

/** The server could not be reached, or the connection broke before an answer. */
export class ChatConnectionError extends Error {
  override readonly name: string = 'ChatConnectionError';
}

/**
 * A stream's connection ended before its terminal event. The message was sent once and
 * is not sent again; `stream_id` and `last_event_id` say where the answer stopped.
 */
export class ChatStreamInterruptedError extends ChatConnectionError {
  override readonly name = 'ChatStreamInterruptedError';

  constructor(
    message: string,
    readonly stream_id: string | undefined,
    readonly last_event_id: string | undefined,
    readonly partial_response: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True for a ChatApiError, and when codes are given, for one of those codes. */
export function isChatApiError(error: unknown, ...codes: ErrorCode[]): error is ChatApiError {
  return error instanceof ChatApiError && (codes.length === 0 || codes.includes(error.error_code));
}

/** True when a call or a stream ended because its caller aborted it. */
export function isAbortError(error: unknown): boolean {
  // By name: a DOMException may come from another realm, where `instanceof Error` fails.
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'AbortError'
  );
}

/** Seconds from a `Retry-After` header: a number of seconds or an HTTP date. */
export function parseRetryAfter(
  value: string | null,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function isEnvelope(body: unknown): body is {
  error: string;
  error_code: ErrorCode;
  request_id?: string;
  details?: FieldProblem[];
} {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Record<string, unknown>;
  return typeof candidate.error === 'string' && typeof candidate.error_code === 'string';
}

/** The typed error for a non-2xx answer, from its envelope when it has one. */
export function errorFromResponse(response: Response, body: unknown): ChatApiError {
  const retry_after_seconds = parseRetryAfter(response.headers.get('retry-after'));
  const headerRequestId = response.headers.get('x-request-id') ?? undefined;
  if (isEnvelope(body)) {
    return new ChatApiError({
      status: response.status,
      error_code: body.error_code,
      message: body.error,
      request_id: body.request_id ?? headerRequestId,
      details: body.details,
      retry_after_seconds,
    });
  }
  return new ChatApiError({
    status: response.status,
    error_code:
      CODE_BY_STATUS[response.status] ??
      (response.status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_ERROR'),
    message: `The server answered ${response.status} ${response.statusText}`.trim(),
    request_id: headerRequestId,
    retry_after_seconds,
  });
}
