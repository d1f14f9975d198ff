import { Logger, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { APP_VERSION } from './version';
import { sendError } from './common/http/all-exceptions.filter';
import { rejectHostileInput } from './common/http/hostile-input.middleware';
import { requestIdMiddleware } from './common/http/request-id.middleware';
import { createValidationPipe } from './common/http/validation.pipe';

export const JSON_BODY_LIMIT = '64kb';

/**
 * Everything main.ts, the tests and the OpenAPI script share, so the app under test
 * is the app that ships.
 */
export function configureApp(app: NestExpressApplication): void {
  app.disable('x-powered-by');
  app.use(requestIdMiddleware);
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  installBodyErrorHandler(app);
  app.use(rejectHostileInput);
  app.useGlobalPipes(createValidationPipe());
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

/** Body parsing fails before Nest routing; this turns those failures into the error envelope. */
function installBodyErrorHandler(app: INestApplication): void {
  const logger = new Logger('Errors');
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    sendError(res, req, error, logger);
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
