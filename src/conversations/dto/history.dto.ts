import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { EXAMPLE_IDS, ROOM_ID_PATTERN, SESSION_ID_PATTERN } from '../../common/http/ids';
import { OptionalField } from '../../common/http/optional.decorator';
import { PaginationQueryDto } from '../../common/http/pagination.dto';
import { TURN_STATUSES, type TurnStatus } from '../conversation.schema';

export class TurnMetadataDto {
  @ApiProperty({ example: 450, nullable: true, type: Number })
  tokens_used!: number | null;

  @ApiProperty({ example: 1250, nullable: true, type: Number })
  response_time_ms!: number | null;

  @ApiProperty({ example: 'gpt-4o-mini', nullable: true, type: String })
  model!: string | null;
}

export class ConversationDto {
  @ApiProperty({ example: EXAMPLE_IDS.message })
  message_id!: string;

  @ApiProperty({ example: EXAMPLE_IDS.session })
  session_id!: string;

  @ApiProperty({ example: EXAMPLE_IDS.room })
  room_id!: string;

  @ApiProperty({ example: 'research_paper' })
  agent_type!: string;

  @ApiProperty({ example: 'What are the latest treatments?' })
  user_input!: string;

  @ApiProperty({ example: 'Based on recent research...' })
  agent_response!: string;

  @ApiProperty({ enum: TURN_STATUSES, enumName: 'TurnStatus', example: 'completed' })
  status!: TurnStatus;

  @ApiProperty({ example: '2025-01-26T15:45:00.000Z', format: 'date-time' })
  timestamp!: string;

  @ApiProperty({ type: TurnMetadataDto })
  metadata!: TurnMetadataDto;
}

/** One page of stored turns. */
export class ConversationPageDto {
  @ApiProperty({ type: [ConversationDto] })
  conversations!: ConversationDto[];

  @ApiProperty({ example: 12 })
  total!: number;

  @ApiProperty({ example: 1, description: 'floor(offset / limit) + 1' })
  page!: number;

  @ApiProperty({ example: 50, description: 'The limit used.' })
  page_size!: number;
}

export class RoomHistoryDto extends ConversationPageDto {
  @ApiProperty({ example: EXAMPLE_IDS.room })
  room_id!: string;
}

/** The caller's stored turns, one page. */
export class ChatHistoryDto extends ConversationPageDto {}

export class RoomHistoryQueryDto extends PaginationQueryDto {}

export class ChatHistoryQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ example: EXAMPLE_IDS.session })
  @OptionalField()
  @IsString()
  @Matches(SESSION_ID_PATTERN, { message: 'session_id is not a well-formed id' })
  session_id?: string;

  @ApiPropertyOptional({ example: EXAMPLE_IDS.room })
  @OptionalField()
  @IsString()
  @Matches(ROOM_ID_PATTERN, { message: 'room_id is not a well-formed id' })
  room_id?: string;
}
