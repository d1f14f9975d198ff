import { OptionalField } from '../../common/http/optional.decorator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { ROOM_ID_PATTERN, SESSION_ID_PATTERN, EXAMPLE_IDS } from '../../common/http/ids';
import { UserScopedDto } from '../../common/http/user-scoped.dto';
import { AGENT_TYPE_PATTERN } from '../../session/dto/session.dto';

export class ChatMessageDto extends UserScopedDto {
  @ApiProperty({ example: EXAMPLE_IDS.session })
  @IsString()
  @Matches(SESSION_ID_PATTERN, { message: 'session_id is not a well-formed id' })
  session_id!: string;

  @ApiPropertyOptional({
    example: EXAMPLE_IDS.room,
    description: "Optional; when given it must be the session's room.",
  })
  @OptionalField()
  @IsString()
  @Matches(ROOM_ID_PATTERN, { message: 'room_id is not a well-formed id' })
  room_id?: string;

  @ApiProperty({
    example: 'What are the latest treatments for stage 3 kidney disease?',
    description:
      'Non-blank, at most MESSAGE_MAX_CHARS (4000) characters, no control characters but tab and newlines.',
  })
  @IsString()
  message!: string;

  @ApiPropertyOptional({
    example: 'research_paper',
    description:
      'research_paper, medical_welfare, nutrition or general; omitted lets the router choose.',
  })
  @OptionalField()
  @IsString()
  @Matches(AGENT_TYPE_PATTERN, { message: 'agent_type is not a known agent name' })
  agent_type?: string;
}

/** The EventSource variant takes the same fields as query parameters, plus the token. */
export class ChatStreamQueryDto extends ChatMessageDto {
  @ApiPropertyOptional({
    example: 'eyJhbGciOiJIUzI1NiJ9...',
    description:
      'The Bearer token, for EventSource clients that cannot send headers. Redacted from logs.',
  })
  @OptionalField()
  @IsString()
  access_token?: string;
}

/** The largest event id a client may send back: far beyond any answer's length. */
export const LAST_EVENT_ID_MAX = 1_000_000_000;

/** Resuming a stream: where to start, and the token for EventSource clients. */
export class ResumeStreamQueryDto extends UserScopedDto {
  @ApiPropertyOptional({
    example: 42,
    minimum: 0,
    description:
      'The id of the last event the client has; the header Last-Event-ID wins when both are sent. Omitted: replay from the first event.',
  })
  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(LAST_EVENT_ID_MAX)
  last_event_id?: number;

  @ApiPropertyOptional({
    example: 'eyJhbGciOiJIUzI1NiJ9...',
    description:
      'The Bearer token, for EventSource clients that cannot send headers. Redacted from logs.',
  })
  @OptionalField()
  @IsString()
  access_token?: string;
}
