import { Logger, type INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { sendError } from './common/http/all-exceptions.filter';
import { rejectHostileInput } from './common/http/hostile-input.middleware';
import { requestIdMiddleware } from './common/http/request-id.middleware';
import { createValidationPipe } from './common/http/validation.pipe';
import type { Env } from './config/env.schema';
import { Metrics } from './metrics/metrics';
import { APP_VERSION } from './version';

/** Browsers may cache a CORS preflight answer this long. */
const CORS_MAX_AGE_SECONDS = 600;

/**
 * Everything main.ts, the tests and the OpenAPI script share, so the app under test
 * is the app that ships. Order matters: request id first, so every answer carries
 * one; then headers, body parsing, the hostile-input check, and the error handler
 * that turns failures before routing into the error envelope.
 */
export function configureApp(app: NestExpressApplication): void {
  const config = app.get<ConfigService<Env, true>>(ConfigService);
  app.disable('x-powered-by');
  if (config.get('TRUST_PROXY', { infer: true })) app.set('trust proxy', true);
  app.use(requestIdMiddleware);
  app.use(
    helmet({
      // Scripts only from files of this origin (the web client and Swagger UI have no inline
      // script); Swagger UI needs inline styles.
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          // TLS ends at the ingress; a plain-http local /docs must still load its assets.
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
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
  app.useBodyParser('json', { limit: config.get('BODY_LIMIT_BYTES', { infer: true }) });
  app.use(rejectHostileInput);
  installErrorHandler(app);
  app.useGlobalPipes(createValidationPipe());
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
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

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('CareGuide Chat API')
    .setDescription(
      'Chat rooms, sessions and streamed answers for the CareGuide care assistant. ' +
        'Every JSON response is wrapped in `{ success, message, data, timestamp }`; every error in ' +
        '`{ success: false, error, error_code, timestamp, request_id, details? }`.',
    )
    .setVersion(APP_VERSION)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
  });
}
