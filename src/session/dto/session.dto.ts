import { OptionalField } from '../../common/http/optional.decorator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { ROOM_ID_PATTERN, EXAMPLE_IDS } from '../../common/http/ids';
import { UserScopedDto } from '../../common/http/user-scoped.dto';

export const AGENT_TYPE_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

export class CreateSessionDto extends UserScopedDto {
  @ApiProperty({
    example: EXAMPLE_IDS.room,
    description: 'A live room of the caller.',
  })
  @IsString()
  @Matches(ROOM_ID_PATTERN, { message: 'room_id is not a well-formed id' })
  room_id!: string;
}

export class ResetSessionDto extends UserScopedDto {
  @ApiPropertyOptional({
    example: 'research_paper',
    description: 'The agent whose context to reset; omitted resets every agent.',
  })
  @OptionalField()
  @IsString()
  @Matches(AGENT_TYPE_PATTERN, { message: 'agent_type is not a known agent name' })
  agent_type?: string;
}

export class SessionDto {
  @ApiProperty({ example: EXAMPLE_IDS.session })
  session_id!: string;

  @ApiProperty({ example: 'user_123' })
  user_id!: string;

  @ApiProperty({ example: EXAMPLE_IDS.room })
  room_id!: string;

  @ApiProperty({ example: '2025-01-26T16:30:00.000Z', format: 'date-time' })
  created_at!: string;

  @ApiProperty({ example: '2025-01-26T16:30:00.000Z', format: 'date-time' })
  last_activity!: string;

  @ApiProperty({
    example: '2025-01-26T17:00:00.000Z',
    format: 'date-time',
    description: 'Moves forward on every use (sliding expiry).',
  })
  expires_at!: string;

  @ApiProperty({
    example: false,
    description: 'Whether an answer is streaming in this session now.',
  })
  streaming!: boolean;
}

export class SessionResetDto {
  @ApiProperty({ example: EXAMPLE_IDS.session })
  session_id!: string;

  @ApiProperty({ example: 'research_paper', description: 'The agent reset, or `all`.' })
  reset_scope!: string;

  @ApiProperty({ example: 5, description: 'In-memory turns dropped.' })
  conversations_cleared!: number;
}

export class SessionStopDto {
  @ApiProperty({ example: EXAMPLE_IDS.session })
  session_id!: string;

  @ApiProperty({ example: EXAMPLE_IDS.room })
  room_id!: string;

  @ApiProperty({ example: EXAMPLE_IDS.stream })
  stream_id!: string;

  @ApiProperty({ example: 'stop_requested', enum: ['stop_requested'] })
  status!: 'stop_requested';

  @ApiProperty({
    example: 'cancelled',
    enum: ['completed', 'cancelled', 'error', 'interrupted'],
    description:
      'How the stream ended: `completed` when the answer finished before the stop landed.',
  })
  stream_status!: string;

  @ApiProperty({
    example: 'Based on recent research in kidney disease treatment...',
    description: 'What was streamed before the stop; stored as a cancelled turn unless empty.',
  })
  partial_response!: string;

  @ApiProperty({
    example: EXAMPLE_IDS.message,
    nullable: true,
    type: String,
    description: 'Id of the turn; null when nothing had been said (nothing to store).',
  })
  message_id!: string | null;

  @ApiProperty({
    example: true,
    description:
      'Whether the turn is in the database now. False when nothing was said, or while a database outage holds it: it is then written when the database returns (GET history shows it).',
  })
  stored!: boolean;
}

export class SessionHistoryClearedDto {
  @ApiProperty({ example: EXAMPLE_IDS.session })
  session_id!: string;

  @ApiProperty({ example: EXAMPLE_IDS.room })
  room_id!: string;

  @ApiProperty({ example: 4 })
  conversations_deleted!: number;
}

export class SessionDeletedDto {
  @ApiProperty({ example: EXAMPLE_IDS.session })
  session_id!: string;

  @ApiProperty({ example: true })
  deleted!: true;

  @ApiProperty({ example: false, description: 'Whether a running stream was stopped first.' })
  stream_stopped!: boolean;
}
