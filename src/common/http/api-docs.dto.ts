import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_CODES, type ErrorCode } from '../errors/error-code';

export class FieldProblemDto {
  @ApiProperty({ example: 'room_name', description: 'The request field at fault (dotted path).' })
  field!: string;

  @ApiProperty({ example: 'must be a string', description: 'Why it was refused.' })
  reason!: string;
}

/** The error envelope, shown in the spec for every documented error status. */
export class ErrorResponseDto {
  @ApiProperty({ example: false, enum: [false] })
  success!: false;

  @ApiProperty({ example: 'Request validation failed', description: 'What went wrong, in words.' })
  error!: string;

  @ApiProperty({
    enum: ERROR_CODES,
    enumName: 'ErrorCode',
    example: 'VALIDATION_ERROR',
    description: 'What went wrong, for programs; each response lists the codes of its status.',
  })
  error_code!: ErrorCode;

  @ApiProperty({ example: '2025-01-26T10:30:00.000Z', format: 'date-time' })
  timestamp!: string;

  @ApiProperty({
    example: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
    description: 'Echo of X-Request-Id.',
  })
  request_id!: string;

  @ApiPropertyOptional({
    type: [FieldProblemDto],
    description: 'Per-field problems of a validation error.',
  })
  details?: FieldProblemDto[];
}

/** The success envelope; `data` is filled in per operation. */
export class EnvelopeDto {
  @ApiProperty({ example: true, enum: [true] })
  success!: true;

  @ApiProperty({ example: 'Room created successfully' })
  message!: string;

  @ApiProperty({ example: '2025-01-26T10:30:00.000Z', format: 'date-time' })
  timestamp!: string;
}
