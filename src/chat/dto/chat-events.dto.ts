import { EXAMPLE_IDS } from '../../common/http/ids';
import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
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

/** The SSE `id:` line of every event. */
const EVENT_ID = {
  example: '1',
  description:
    'The SSE `id:` line: increasing within the stream. Sent back as Last-Event-ID, it resumes the stream after this event.',
};

/** `event: start`, one SSE message as the stream carries it. */
export class SseStartMessageDto {
  @ApiProperty(EVENT_ID)
  id!: string;

  @ApiProperty({ enum: ['start'], example: 'start', description: 'The SSE `event:` line.' })
  event!: 'start';

  @ApiProperty({ type: StartEventDto, description: 'The SSE `data:` line (JSON).' })
  data!: StartEventDto;
}

/** `event: chunk`, one SSE message as the stream carries it. */
export class SseChunkMessageDto {
  @ApiProperty(EVENT_ID)
  id!: string;

  @ApiProperty({ enum: ['chunk'], example: 'chunk', description: 'The SSE `event:` line.' })
  event!: 'chunk';

  @ApiProperty({ type: ChunkEventDto, description: 'The SSE `data:` line (JSON).' })
  data!: ChunkEventDto;
}

/** `event: done`, one SSE message as the stream carries it. */
export class SseDoneMessageDto {
  @ApiProperty(EVENT_ID)
  id!: string;

  @ApiProperty({ enum: ['done'], example: 'done', description: 'The SSE `event:` line.' })
  event!: 'done';

  @ApiProperty({ type: DoneEventDto, description: 'The SSE `data:` line (JSON).' })
  data!: DoneEventDto;
}

/** `event: cancelled`, one SSE message as the stream carries it. */
export class SseCancelledMessageDto {
  @ApiProperty(EVENT_ID)
  id!: string;

  @ApiProperty({ enum: ['cancelled'], example: 'cancelled', description: 'The SSE `event:` line.' })
  event!: 'cancelled';

  @ApiProperty({ type: CancelledEventDto, description: 'The SSE `data:` line (JSON).' })
  data!: CancelledEventDto;
}

/** `event: error`, one SSE message as the stream carries it. */
export class SseErrorMessageDto {
  @ApiProperty(EVENT_ID)
  id!: string;

  @ApiProperty({ enum: ['error'], example: 'error', description: 'The SSE `event:` line.' })
  event!: 'error';

  @ApiProperty({ type: ErrorEventDto, description: 'The SSE `data:` line (JSON).' })
  data!: ErrorEventDto;
}

/** Each event name with the message that carries it and the schema of its `data:`. */
const SSE_EVENTS = {
  start: { message: SseStartMessageDto, payload: StartEventDto },
  chunk: { message: SseChunkMessageDto, payload: ChunkEventDto },
  done: { message: SseDoneMessageDto, payload: DoneEventDto },
  cancelled: { message: SseCancelledMessageDto, payload: CancelledEventDto },
  error: { message: SseErrorMessageDto, payload: ErrorEventDto },
} as const;

export const SSE_MODELS = Object.values(SSE_EVENTS).flatMap(({ message, payload }) => [
  message,
  payload,
]);

function sseMessage(id: number, event: keyof typeof SSE_EVENTS, data: object): string {
  return `event: ${event}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A whole answer as it arrives on the wire, with the fields in the order Nest writes them. */
const EXAMPLE_STREAM = [
  sseMessage(1, 'start', {
    stream_id: EXAMPLE_IDS.stream,
    session_id: EXAMPLE_IDS.session,
    room_id: EXAMPLE_IDS.room,
    agent_type: 'nutrition',
    message_id: EXAMPLE_IDS.message,
  }),
  sseMessage(2, 'chunk', { content: 'Limit' }),
  sseMessage(3, 'chunk', { content: ' potassium' }),
  ': keep-alive\n\n',
  sseMessage(4, 'chunk', { content: ' and phosphorus.' }),
  sseMessage(5, 'done', {
    message_id: EXAMPLE_IDS.message,
    response: 'Limit potassium and phosphorus.',
    usage: { prompt_tokens: 312, completion_tokens: 5, total_tokens: 317 },
    model: 'gpt-4o-mini',
    stored: true,
  }),
].join('');

export const SSE_DESCRIPTION = [
  'A `text/event-stream`: one message per event, each with an increasing `id:`, an `event:` name and a JSON `data:` line',
  '(the schema below describes one message; `x-sse-events` maps each event name to the schema of its `data:`):',
  '`start`, any number of `chunk` (join their `content` in order), then exactly one terminal event:',
  '`done`, `cancelled` (after Stop or when the client leaves) or `error`. Comment lines (`: keep-alive`) arrive at least every SSE_KEEPALIVE_MS.',
  'Refusals before the stream starts are ordinary JSON error envelopes (see the other statuses).',
  'A dropped connection is resumed with GET /api/chat/streams/{stream_id} and Last-Event-ID.',
].join(' ');

/** The 200 answer of every streaming route: the SSE messages, their payloads, and an example stream. */
export const SSE_RESPONSE = {
  description: SSE_DESCRIPTION,
  'x-sse-events': Object.fromEntries(
    Object.entries(SSE_EVENTS).map(([event, { payload }]) => [
      event,
      { $ref: getSchemaPath(payload) },
    ]),
  ),
  content: {
    'text/event-stream': {
      schema: {
        oneOf: Object.values(SSE_EVENTS).map(({ message }) => ({ $ref: getSchemaPath(message) })),
        discriminator: {
          propertyName: 'event',
          mapping: Object.fromEntries(
            Object.entries(SSE_EVENTS).map(([event, { message }]) => [
              event,
              getSchemaPath(message),
            ]),
          ),
        },
      },
      example: EXAMPLE_STREAM,
    },
  },
};
