import { Logger, type INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { sendError } from './common/http/all-exceptions.filter';
import { buildOpenApiDocument } from './common/http/api-document';
import { rejectHostileInput } from './common/http/hostile-input.middleware';
import { requireJsonBody } from './common/http/json-body.middleware';
import { requestIdMiddleware } from './common/http/request-id.middleware';
import {
  DOCS_JSON_PATH,
  DOCS_PATH,
  noStore,
  securityHeaders,
} from './common/http/security-headers';
import { applyServerTimeouts } from './common/http/server-timeouts';
import { createValidationPipe } from './common/http/validation.pipe';
import type { Env } from './config/env.schema';
import { Metrics } from './metrics/metrics';

/** Browsers may cache a CORS preflight answer this long. */
const CORS_MAX_AGE_SECONDS = 600;

/**
 * Everything main.ts, the tests and the OpenAPI script share, so the app under test
 * is the app that ships. Order matters: request id first, so every answer carries
 * one; then headers, the JSON-only body rule, body parsing, the hostile-input check,
 * and the error handler that turns failures before routing into the error envelope.
 * All of it runs before identity and rate limits, so a refused request spends nothing.
 */
export function configureApp(app: NestExpressApplication): void {
  const config = app.get<ConfigService<Env, true>>(ConfigService);
  applyServerTimeouts(app.getHttpServer(), {
    HTTP_HEADERS_TIMEOUT_MS: config.get('HTTP_HEADERS_TIMEOUT_MS', { infer: true }),
    HTTP_REQUEST_TIMEOUT_MS: config.get('HTTP_REQUEST_TIMEOUT_MS', { infer: true }),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: config.get('HTTP_KEEP_ALIVE_TIMEOUT_MS', { infer: true }),
  });
  app.disable('x-powered-by');
  // An ETag would let a cache revalidate answers that must not be cached at all.
  app.set('etag', false);
  if (config.get('TRUST_PROXY', { infer: true })) app.set('trust proxy', true);
  app.use(requestIdMiddleware);
  app.use(securityHeaders);
  app.use(noStore);
  const origins = config
    .get('CORS_ORIGINS', { infer: true })
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  if (origins.length > 0) {
    app.enableCors({
      origin: origins.includes('*') ? true : origins,
      exposedHeaders: ['X-Request-Id', 'Retry-After'],
      maxAge: CORS_MAX_AGE_SECONDS,
    });
  }
  app.use(requireJsonBody);
  app.useBodyParser('json', { limit: config.get('BODY_LIMIT_BYTES', { infer: true }) });
  app.use(rejectHostileInput);
  installErrorHandler(app);
  app.useGlobalPipes(createValidationPipe());
  if (config.get('DOCS_ENABLED', { infer: true })) {
    SwaggerModule.setup(DOCS_PATH, app, buildOpenApiDocument(app), {
      jsonDocumentUrl: DOCS_JSON_PATH,
    });
  }
}

/** Failures before Nest routing (body parsing, hostile input) get the error envelope too. */
function installErrorHandler(app: INestApplication): void {
  const logger = new Logger('Errors');
  const metrics = app.get(Metrics);
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    sendError(res, req, error, logger, metrics);
  });
}
