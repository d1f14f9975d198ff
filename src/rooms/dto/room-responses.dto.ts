import { EXAMPLE_IDS } from '../../common/http/ids';
import { ApiProperty } from '@nestjs/swagger';

export class LastMessageDto {
  @ApiProperty({ example: 'What are the latest treatments?' })
  user_input!: string;

  @ApiProperty({ example: 'Based on recent research...' })
  agent_response!: string;

  @ApiProperty({ example: 'research_paper' })
  agent_type!: string;

  @ApiProperty({ example: '2025-01-26T15:45:00.000Z', format: 'date-time' })
  timestamp!: string;
}

export class RoomDto {
  @ApiProperty({ example: EXAMPLE_IDS.room })
  room_id!: string;

  @ApiProperty({ example: 'user_123' })
  user_id!: string;

  @ApiProperty({ example: 'Kidney Disease Discussion' })
  room_name!: string;

  @ApiProperty({ example: '2025-01-26T10:30:00.000Z', format: 'date-time' })
  created_at!: string;

  @ApiProperty({
    example: '2025-01-26T10:30:00.000Z',
    format: 'date-time',
    description: 'Last rename or metadata change.',
  })
  updated_at!: string;

  @ApiProperty({
    example: '2025-01-26T10:30:00.000Z',
    format: 'date-time',
    description: 'Creation or last stored turn.',
  })
  last_activity!: string;

  @ApiProperty({ example: 0, description: 'Stored turns in this room.' })
  message_count!: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { initial_agent: 'research_paper', tags: ['kidney', 'research'] },
  })
  metadata!: Record<string, unknown>;

  @ApiProperty({
    type: LastMessageDto,
    nullable: true,
    description: 'Newest stored turn, null before the first.',
  })
  last_message!: LastMessageDto | null;
}

export class RoomListDto {
  @ApiProperty({ type: [RoomDto] })
  rooms!: RoomDto[];

  @ApiProperty({ example: 3, description: 'Live rooms matching the filter.' })
  total!: number;

  @ApiProperty({ example: 1, description: 'floor(offset / limit) + 1' })
  page!: number;

  @ApiProperty({ example: 50, description: 'The limit used.' })
  page_size!: number;
}

export class RoomDeletedDto {
  @ApiProperty({ example: EXAMPLE_IDS.room })
  room_id!: string;

  @ApiProperty({ example: false, description: 'Whether the room was erased for good.' })
  permanent!: boolean;

  @ApiProperty({ example: 0, description: 'Conversations erased (0 for a soft delete).' })
  conversations_deleted!: number;
}
