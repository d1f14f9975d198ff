import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { Metrics } from '../../metrics/metrics';
import type { Request, Response } from 'express';
import { RetryLater } from '../errors/domain-error';
import { toErrorResponse } from '../errors/error-response';
import { NoContent } from './no-content';

/** The one place where thrown errors become the error envelope. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly metrics: Metrics) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    sendError(res, req, exception, this.logger, this.metrics);
  }
}

/** Also used by the express error middleware for failures before Nest routing (body parsing). */
export function sendError(
  res: Response,
  req: Request,
  exception: unknown,
  logger: Logger,
  metrics: Metrics,
): void {
  if (exception instanceof NoContent && !res.headersSent) {
    res.status(204).end();
    return;
  }
  const { status, body, unexpected } = toErrorResponse(exception, req.requestId);
  metrics.error(body.error_code);
  if (exception instanceof HttpException && status === 404 && body.error_code === 'NOT_FOUND') {
    body.error = `No route for ${req.method} ${req.path}`;
  }
  if (unexpected) {
    logger.error(
      `${req.method} ${req.path} failed (request ${req.requestId ?? '-'})`,
      exception instanceof Error ? exception.stack : String(exception),
    );
  }
  if (res.headersSent) {
    // A streamed response already started; the stream owner ends it with its own terminal event.
    if (!res.writableEnded) res.end();
    return;
  }
  if (exception instanceof RetryLater) {
    res.setHeader('Retry-After', String(exception.retryAfterSeconds));
  }
  res.status(status).json(body);
}
