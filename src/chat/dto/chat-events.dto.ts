import { EXAMPLE_IDS } from '../../common/http/ids';
import { ApiProperty } from '@nestjs/swagger';
import { ERROR_CODES, type ErrorCode } from '../../common/errors/error-code';

export class TokenUsageDto {
  @ApiProperty({ example: 312 })
  prompt_tokens!: number;

  @ApiProperty({ example: 138 })
  completion_tokens!: number;

  @ApiProperty({ example: 450 })
  total_tokens!: number;
}

/** `event: start` */
export class StartEventDto {
  @ApiProperty({ example: EXAMPLE_IDS.stream })
  stream_id!: string;

  @ApiProperty({ example: EXAMPLE_IDS.session })
  session_id!: string;

  @ApiProperty({ example: EXAMPLE_IDS.room })
  room_id!: string;

  @ApiProperty({ example: 'research_paper' })
  agent_type!: string;

  @ApiProperty({
    example: EXAMPLE_IDS.message,
    description: 'Id the stored turn will have.',
  })
  message_id!: string;
}

/** `event: chunk` */
export class ChunkEventDto {
  @ApiProperty({
    example: ' kidney',
    description: 'The next piece of the answer; join them in order.',
  })
  content!: string;
}

/** `event: done` */
export class DoneEventDto {
  @ApiProperty({
    example: EXAMPLE_IDS.message,
    nullable: true,
    type: String,
    description: 'Id of the stored turn; null only for an empty answer (nothing stored).',
  })
  message_id!: string | null;

  @ApiProperty({
    example: 'Based on recent research...',
    description: 'The whole answer (equals the joined chunks).',
  })
  response!: string;

  @ApiProperty({ type: TokenUsageDto, nullable: true })
  usage!: TokenUsageDto | null;

  @ApiProperty({ example: 'gpt-4o-mini' })
  model!: string;

  @ApiProperty({
    example: true,
    description:
      'Whether the turn is in the database: false when nothing was said, or while a database outage holds it (it is written when the database returns).',
  })
  stored!: boolean;
}

/** `event: cancelled` */
export class CancelledEventDto {
  @ApiProperty({
    example: EXAMPLE_IDS.message,
    nullable: true,
    type: String,
    description: 'Null when nothing had been said (nothing stored).',
  })
  message_id!: string | null;

  @ApiProperty({ example: 'Based on recent', description: 'What was streamed before the stop.' })
  partial_response!: string;

  @ApiProperty({
    example: true,
    description:
      'Whether the turn is in the database: false when nothing was said, or while a database outage holds it (it is written when the database returns).',
  })
  stored!: boolean;
}

/** `event: error` */
export class ErrorEventDto {
  @ApiProperty({ example: 'The language model is unavailable; the partial answer was kept' })
  error!: string;

  @ApiProperty({ enum: ERROR_CODES, enumName: 'ErrorCode', example: 'LLM_UNAVAILABLE' })
  error_code!: ErrorCode;

  @ApiProperty({ example: null, nullable: true, type: String })
  message_id!: string | null;

  @ApiProperty({ example: 'Based on recent' })
  partial_response!: string;

  @ApiProperty({
    example: true,
    description:
      'Whether the turn is in the database: false when nothing was said, or while a database outage holds it (it is written when the database returns).',
  })
  stored!: boolean;
}

export const SSE_DESCRIPTION = [
  'A `text/event-stream`. Each event has an increasing `id:` and an `event:` name; `data:` is JSON:',
  '`start` (StartEventDto), any number of `chunk` (ChunkEventDto), then exactly one terminal event:',
  '`done` (DoneEventDto), `cancelled` (CancelledEventDto, after Stop or when the client leaves) or',
  '`error` (ErrorEventDto). Comment lines (`: keep-alive`) arrive at least every SSE_KEEPALIVE_MS.',
  'Refusals before the stream starts (validation, 404, 409, 410, 429, 503) are ordinary JSON error envelopes.',
  'A dropped connection is resumed with GET /api/chat/streams/{stream_id} and Last-Event-ID.',
].join(' ');
