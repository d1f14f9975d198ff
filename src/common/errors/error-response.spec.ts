import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { RoomLimitExceeded } from './domain-error';
import { isDatabaseUnavailable, toErrorResponse } from './error-response';

describe('toErrorResponse', () => {
  it('keeps a domain error as it is', () => {
    const { status, body } = toErrorResponse(new RoomLimitExceeded(50), 'req-1');
    expect(status).toBe(400);
    expect(body).toMatchObject({
      success: false,
      error_code: 'ROOM_LIMIT_EXCEEDED',
      request_id: 'req-1',
    });
  });

  it('maps framework exceptions by status without echoing their text', () => {
    expect(toErrorResponse(new NotFoundException('Cannot GET /x')).body.error_code).toBe(
      'NOT_FOUND',
    );
    expect(toErrorResponse(new PayloadTooLargeException()).body.error_code).toBe(
      'PAYLOAD_TOO_LARGE',
    );
    expect(toErrorResponse(new BadRequestException('internal detail')).body.error).not.toContain(
      'internal detail',
    );
  });

  it('treats driver connectivity errors as SERVICE_UNAVAILABLE', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27017'), {
      name: 'MongoServerSelectionError',
    });
    const { status, body } = toErrorResponse(error);
    expect(status).toBe(503);
    expect(body.error).not.toContain('ECONNREFUSED');
  });

  it("sees a lost connection inside an unordered insert's bulk error, but not a refused document", () => {
    const bulk = (inner: Error, writeErrors: unknown[] = []) =>
      Object.assign(new Error(inner.message), {
        name: 'MongoBulkWriteError',
        writeErrors,
        errorResponse: inner,
      });
    const socketEnded = Object.assign(new Error('This socket has been ended by the other party'), {
      code: 'EPIPE',
    });
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { name: 'MongoNetworkError' });
    expect(isDatabaseUnavailable(bulk(socketEnded))).toBe(true);
    expect(isDatabaseUnavailable(bulk(refused))).toBe(true);
    expect(isDatabaseUnavailable(bulk(refused, [{ index: 0, code: 121 }]))).toBe(false);
    expect(isDatabaseUnavailable(bulk(new Error('document failed validation')))).toBe(false);
  });

  it('maps body-parser failures', () => {
    const malformed = Object.assign(new SyntaxError('Unexpected token'), {
      type: 'entity.parse.failed',
      status: 400,
    });
    expect(toErrorResponse(malformed).body).toMatchObject({
      error_code: 'VALIDATION_ERROR',
      error: 'Malformed JSON in request body',
    });
    const large = Object.assign(new Error('too large'), { type: 'entity.too.large', status: 413 });
    expect(toErrorResponse(large).status).toBe(413);
  });

  it('maps a corrupt compressed body (zlib through body-parser) to 400, not an internal error', () => {
    const corrupt = Object.assign(new Error('incorrect header check'), {
      errno: -3,
      code: 'Z_DATA_ERROR',
      expose: true,
      status: 400,
      statusCode: 400,
    });
    const { status, body, unexpected } = toErrorResponse(corrupt);
    expect(status).toBe(400);
    expect(unexpected).toBe(false);
    expect(body.error_code).toBe('VALIDATION_ERROR');
    expect(body.error).toMatch(/Content-Encoding/);
    expect(body.error).not.toContain('incorrect header check');
  });

  it('hides anything unexpected behind INTERNAL_ERROR', () => {
    const { status, body, unexpected } = toErrorResponse(new TypeError('secret path /srv/app.ts'));
    expect(status).toBe(500);
    expect(unexpected).toBe(true);
    expect(body.error).toBe('Internal server error');
  });
});
