import type { INestApplication } from '@nestjs/common';
import {
  DocumentBuilder,
  SwaggerModule,
  type OpenAPIObject,
  type OperationObject,
  type ParameterObject,
  type ReferenceObject,
} from '@nestjs/swagger';
import { USER_ID_PATTERN } from '../auth/user-id';
import type { ErrorCode } from '../errors/error-code';
import { APP_VERSION } from '../../version';
import { errorCodesOf, errorExampleComponents, withErrorResponses } from './api-envelope.decorator';
import { ErrorResponseDto } from './api-docs.dto';
import { USER_ID_DESCRIPTION } from './user-scoped.dto';

/** The tags of the document, in the order Swagger UI shows them. */
const TAGS: [name: string, description: string][] = [
  [
    'rooms',
    "A user's chat rooms: create, list by last activity, rename and tag, delete (soft, or erased for good), and a room's stored conversations.",
  ],
  [
    'session',
    "Sessions in a room: the in-memory context of each agent, Stop for the running answer, and the erasure of a session's stored turns.",
  ],
  [
    'chat',
    'Messages and their answers, streamed as Server-Sent Events (start, chunk, then done, cancelled or error); resuming a dropped stream; the stored turns.',
  ],
  [
    'health',
    'Liveness, readiness and a detailed health report, for probes and operators. No identity needed.',
  ],
  [
    'admin',
    "Operations across users for holders of the admin role: running streams, a user's rooms, erasure of a user, statistics. Every call is audited.",
  ],
];

/**
 * Checked before routing, so every operation can answer them: a query or body the
 * hostile-input check refuses (400), a body over BODY_LIMIT_BYTES (413) or not JSON
 * (415), and an unexpected failure (500).
 */
const EVERY_OPERATION_ERRORS: ErrorCode[] = [
  'VALIDATION_ERROR',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'INTERNAL_ERROR',
];

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * The identity guard reads `user_id` from the query on every route that needs a caller.
 * No example: Swagger UI would fill it in, and it would then disagree with a body's user_id.
 */
const USER_ID_QUERY: ParameterObject = {
  name: 'user_id',
  in: 'query',
  required: false,
  description: USER_ID_DESCRIPTION,
  schema: { type: 'string', pattern: USER_ID_PATTERN.source },
};

/** The OpenAPI document of the app: what Swagger UI shows and openapi.json holds. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('CareGuide Chat API')
    .setDescription(
      'Chat rooms, sessions and streamed answers for the CareGuide care assistant. ' +
        'Every JSON response is wrapped in `{ success, message, data, timestamp }`; every error in ' +
        '`{ success: false, error, error_code, timestamp, request_id, details? }`, as `application/json` ' +
        'on every route, the streaming ones included. Identity: `Authorization: Bearer <JWT>`, or in ' +
        'development (`AUTH_MODE=dev`) a `user_id` in the query or the body.',
    )
    .setVersion(APP_VERSION)
    .addServer('/', 'The origin that serves this document: the API, Swagger UI and the web client')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
    // Tags come from @ApiTags only (a controller may serve routes of two tags).
    autoTagControllers: false,
    extraModels: [ErrorResponseDto],
  });
  for (const operation of operationsOf(document)) {
    operation.responses = withErrorResponses(operation.responses, EVERY_OPERATION_ERRORS);
    if (operation.security === undefined) {
      // Routes without a security requirement are the public ones (@Public): say so.
      operation.security = [];
    } else if (!hasQueryParameter(operation, 'user_id')) {
      operation.parameters = [...(operation.parameters ?? []), USER_ID_QUERY];
    }
  }
  const codes = operationsOf(document).flatMap((operation) =>
    Object.values(operation.responses).flatMap((response) => errorCodesOf(response)),
  );
  document.components = { ...document.components, examples: errorExampleComponents(codes) };
  return document;
}

function operationsOf(document: OpenAPIObject): OperationObject[] {
  return Object.values(document.paths).flatMap((path) =>
    HTTP_METHODS.map((method) => path[method]).filter(
      (operation): operation is OperationObject => operation !== undefined,
    ),
  );
}

function hasQueryParameter(operation: OperationObject, name: string): boolean {
  return (operation.parameters ?? []).some(
    (parameter: ParameterObject | ReferenceObject) =>
      'name' in parameter && parameter.in === 'query' && parameter.name === name,
  );
}
