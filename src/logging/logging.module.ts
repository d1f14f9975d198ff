import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request } from 'express';
import { LoggerModule } from 'nestjs-pino';
import { stdSerializers } from 'pino';
import type { Env } from '../config/env.schema';
import { redactUrl } from './redact-url';

/** The `service` field of every log line. */
const SERVICE_NAME = 'careguide-chat-api';

const PINO_LEVEL: Record<Env['LOG_LEVEL'], string> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  info: 'info',
  debug: 'debug',
  verbose: 'trace',
};

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The ids a log line of a request carries, where the request names them. */
function requestIds(req: Request): Record<string, string> {
  const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<
    string,
    unknown
  >;
  const query = (req.query ?? {}) as Record<string, unknown>;
  const params = (req.params ?? {}) as Record<string, unknown>;
  const ids: Record<string, string | undefined> = {
    user_id: req.identity?.userId,
    room_id: stringField(params.room_id) ?? stringField(body.room_id) ?? stringField(query.room_id),
    session_id:
      stringField(params.session_id) ??
      stringField(body.session_id) ??
      stringField(query.session_id),
  };
  return Object.fromEntries(
    Object.entries(ids).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/**
 * JSON logs through pino: one line per request with its request id, user, room and
 * session ids; request bodies (messages) are never logged, and tokens are redacted
 * from headers and URLs. LOG_FORMAT=pretty prints for humans (the development default).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => ({
        pinoHttp: {
          level: PINO_LEVEL[config.get('LOG_LEVEL', { infer: true })],
          base: { service: SERVICE_NAME },
          genReqId: (req: IncomingMessage) => (req as Request).requestId ?? 'unknown',
          // Added when the request ends, once identity and route parameters are known.
          customSuccessObject: (req: IncomingMessage, _res: ServerResponse, value: object) => ({
            ...value,
            ...requestIds(req as Request),
          }),
          // pino-http invents an Error (with its own stack) for any 5xx; the status says it all.
          customErrorObject: (
            req: IncomingMessage,
            res: ServerResponse,
            error: Error,
            value: object,
          ) => {
            const { err, ...rest } = value as { err?: unknown };
            const invented = error.message === `failed with status code ${res.statusCode}`;
            return { ...rest, ...(invented ? {} : { err }), ...requestIds(req as Request) };
          },
          customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
            error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
          // The serializers read the request and response themselves: pino-http's wrapping
          // would first copy every header and look up the peer address, for each request.
          wrapSerializers: false,
          serializers: {
            req: (req: { id: string; method: string; url: string; originalUrl?: string }) => ({
              id: req.id,
              method: req.method,
              url: redactUrl(req.originalUrl ?? req.url),
            }),
            res: (res: { statusCode: number }) => ({ status_code: res.statusCode }),
            err: stdSerializers.err,
          },
          redact: {
            paths: ['req.headers.authorization', 'req.headers.cookie', 'req.body'],
            censor: '[REDACTED]',
          },
          transport:
            config.get('LOG_FORMAT', { infer: true }) === 'pretty'
              ? {
                  target: 'pino-pretty',
                  options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' },
                }
              : undefined,
        },
      }),
    }),
  ],
})
export class LoggingModule {}
