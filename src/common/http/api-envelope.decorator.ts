import { applyDecorators, HttpCode, UseInterceptors, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ERROR_STATUS, type ErrorCode } from '../errors/error-code';
import { ErrorResponseDto, EnvelopeDto } from './api-docs.dto';
import { EnvelopeInterceptor, ResponseMessage } from './envelope.interceptor';

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
    }),
  );
}

/** Documents the error statuses an operation can answer, each with the error envelope. */
export function ApiErrors(...codes: ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return applyDecorators(
    ApiExtraModels(ErrorResponseDto),
    ...[...byStatus.entries()].map(([status, grouped]) =>
      ApiResponse({
        status,
        description: grouped.join(' | '),
        schema: { $ref: getSchemaPath(ErrorResponseDto) },
      }),
    ),
  );
}
