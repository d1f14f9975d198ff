import {
  CallHandler,
  ExecutionContext,
  Injectable,
  SetMetadata,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, type Observable } from 'rxjs';
import { envelope, type Envelope } from './envelope';

export const RESPONSE_MESSAGE_KEY = 'careguide:response-message';
const DEFAULT_MESSAGE = 'OK';

/** The human sentence put in `message` of the success envelope. */
export const ResponseMessage = (message: string) => SetMetadata(RESPONSE_MESSAGE_KEY, message);

/**
 * Wraps what a handler returns in `{ success, message, data, timestamp }`. Applied by
 * `@Enveloped()` on each JSON route rather than globally: a Server-Sent Events route
 * must have no interceptor, or a refusal during its setup could no longer be answered
 * with a JSON error and its status.
 */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<Envelope<unknown>> {
    const message =
      this.reflector.get<string | undefined>(RESPONSE_MESSAGE_KEY, context.getHandler()) ??
      DEFAULT_MESSAGE;
    return next.handle().pipe(map((data: unknown) => envelope(message, data ?? null)));
  }
}
