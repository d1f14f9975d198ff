import { applyDecorators, HttpCode, UseInterceptors, type Type } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import {
  ApiExtraModels,
  ApiResponse,
  DECORATORS,
  getSchemaPath,
  type ExampleObject,
  type ReferenceObject,
  type ResponseObject,
} from '@nestjs/swagger';
import { ERROR_CODES, ERROR_STATUS, type ErrorCode } from '../errors/error-code';
import { ErrorResponseDto, EnvelopeDto } from './api-docs.dto';
import { EnvelopeInterceptor, ResponseMessage } from './envelope.interceptor';
import { errorExample } from './error-examples';

interface EnvelopedOptions {
  status?: number;
  message: string;
  description?: string;
}

/**
 * Declares what a JSON handler answers and wraps it: the envelope (interceptor and
 * message) put on the wire, the HTTP status, and the `{ success, message, data, timestamp }` schema around `type` in
 * the OpenAPI document, so the spec is what the client receives.
 */
export function Enveloped(type: Type<unknown>, options: EnvelopedOptions) {
  const status = options.status ?? 200;
  return applyDecorators(
    HttpCode(status),
    ResponseMessage(options.message),
    UseInterceptors(EnvelopeInterceptor),
    ApiExtraModels(EnvelopeDto, type),
    ApiResponse({
      status,
      description: options.description ?? options.message,
      // The media type is stated here, not taken from @ApiProduces, which would relabel it.
      content: {
        'application/json': {
          schema: {
            allOf: [
              { $ref: getSchemaPath(EnvelopeDto) },
              {
                type: 'object',
                required: ['data'],
                properties: { data: { $ref: getSchemaPath(type) } },
              },
            ],
          },
        },
      },
    }),
  );
}

const ERROR_ENVELOPE = 'application/json';

/** The `Retry-After` header of every 429, as the exception filter sends it. */
const RETRY_AFTER_HEADER = {
  'Retry-After': {
    description: 'Seconds to wait before trying again.',
    schema: { type: 'integer', minimum: 1, example: 42 },
  },
};

/** The example error envelope of each code, for the document's `components.examples`. */
export function errorExampleComponents(codes: Iterable<ErrorCode>): Record<string, ExampleObject> {
  const used = new Set(codes);
  return Object.fromEntries(
    ERROR_CODES.filter((code) => used.has(code)).map((code) => [
      code,
      { summary: code, value: errorExample(code) },
    ]),
  );
}

/** The error codes a documented error response stands for: the keys of its examples. */
export function errorCodesOf(response: ResponseObject | ReferenceObject | undefined): ErrorCode[] {
  const content = response && 'content' in response ? response.content : undefined;
  const examples = content?.[ERROR_ENVELOPE]?.examples ?? {};
  return ERROR_CODES.filter((code) => code in examples);
}

/**
 * The error response of one status: always the JSON error envelope (whatever the
 * operation's success answer is), one example per error code, and Retry-After on 429.
 */
export function errorResponse(codes: ErrorCode[]): ResponseObject {
  const ordered = ERROR_CODES.filter((code) => codes.includes(code));
  const statuses = new Set(ordered.map((code) => ERROR_STATUS[code]));
  if (statuses.size !== 1) {
    throw new Error(`one error response per status, got ${ordered.join(', ')}`);
  }
  const [status] = statuses;
  return {
    description:
      ordered.length === 1
        ? `${ordered[0]} (error envelope)`
        : `${ordered.slice(0, -1).join(', ')} or ${ordered.at(-1)} (error envelope; \`error_code\` tells which)`,
    ...(status === 429 ? { headers: RETRY_AFTER_HEADER } : {}),
    content: {
      [ERROR_ENVELOPE]: {
        schema: { $ref: getSchemaPath(ErrorResponseDto) },
        // Each example is written once, in components (see errorExampleComponents).
        examples: Object.fromEntries(
          ordered.map((code) => [code, { $ref: `#/components/examples/${code}` }]),
        ),
      },
    },
  };
}

/** The error responses of `codes` merged into `responses` (a status already listed keeps its codes). */
export function withErrorResponses(
  responses: Record<string, ResponseObject | ReferenceObject | undefined>,
  codes: ErrorCode[],
): Record<string, ResponseObject | ReferenceObject | undefined> {
  const merged = { ...responses };
  for (const status of new Set(codes.map((code) => ERROR_STATUS[code]))) {
    const ofStatus = codes.filter((code) => ERROR_STATUS[code] === status);
    merged[status] = errorResponse([...errorCodesOf(merged[status]), ...ofStatus]);
  }
  return merged;
}

function documentErrors(handler: object, codes: ErrorCode[]): void {
  const responses = (Reflect.getMetadata(DECORATORS.API_RESPONSE, handler) ?? {}) as Record<
    string,
    ResponseObject | ReferenceObject | undefined
  >;
  Reflect.defineMetadata(DECORATORS.API_RESPONSE, withErrorResponses(responses, codes), handler);
}

/** The route handlers of a controller class (methods carrying a request method). */
function routeHandlersOf(controller: Type<unknown>): object[] {
  const prototype = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype)
    .filter((name) => name !== 'constructor')
    .map((name) => Object.getOwnPropertyDescriptor(prototype, name)?.value as unknown)
    .filter(
      (handler): handler is object =>
        typeof handler === 'function' && Reflect.hasMetadata(METHOD_METADATA, handler),
    );
}

/**
 * Documents the error codes an operation can answer, grouped by status, each as the
 * JSON error envelope. On a controller class it adds them to every route of the class;
 * codes of several decorators on one route add up (a status lists all of its codes).
 */
export function ApiErrors(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) {
      documentErrors(descriptor.value as object, codes);
      return;
    }
    for (const handler of routeHandlersOf(target as Type<unknown>)) documentErrors(handler, codes);
  };
}
