import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { EXAMPLE_IDS } from '../../common/http/ids';
import { OptionalField } from '../../common/http/optional.decorator';
import { RoomDto } from '../../rooms/dto/room-responses.dto';

export const ADMIN_PAGE_LIMIT_MAX = 500;
export const ADMIN_PAGE_LIMIT_DEFAULT = 100;

/** `limit` / `offset` of the admin lists. No `user_id`: the caller is the token's subject. */
export class AdminPageQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: ADMIN_PAGE_LIMIT_MAX,
    default: ADMIN_PAGE_LIMIT_DEFAULT,
    example: 100,
  })
  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(ADMIN_PAGE_LIMIT_MAX)
  limit: number = ADMIN_PAGE_LIMIT_DEFAULT;

  @ApiPropertyOptional({ minimum: 0, default: 0, example: 0 })
  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset: number = 0;
}

export const ROOM_STATES = ['live', 'deleted', 'all'] as const;
export type RoomState = (typeof ROOM_STATES)[number];

export class AdminUserRoomsQueryDto extends AdminPageQueryDto {
  @ApiPropertyOptional({
    enum: ROOM_STATES,
    enumName: 'RoomState',
    default: 'all',
    example: 'all',
    description: '`live`, soft-`deleted` (kept until purged), or `all`.',
  })
  @OptionalField()
  @IsIn(ROOM_STATES)
  state: RoomState = 'all';
}

export class AdminStreamDto {
  @ApiProperty({ example: EXAMPLE_IDS.stream })
  stream_id!: string;

  @ApiProperty({ example: 'user_123' })
  user_id!: string;

  @ApiProperty({ example: EXAMPLE_IDS.room })
  room_id!: string;

  @ApiProperty({ example: EXAMPLE_IDS.session })
  session_id!: string;

  @ApiProperty({ example: 'nutrition' })
  agent_type!: string;

  @ApiProperty({ example: '2025-01-26T15:45:00.000Z', format: 'date-time' })
  started_at!: string;

  @ApiProperty({ example: 12.5, description: 'Seconds since the stream started.' })
  age_seconds!: number;

  @ApiProperty({
    example: '2025-01-26T15:45:10.000Z',
    format: 'date-time',
    description: "Last heartbeat of the stream's instance.",
  })
  last_heartbeat!: string;
}

export class AdminStreamListDto {
  @ApiProperty({ type: [AdminStreamDto], description: 'Oldest first.' })
  streams!: AdminStreamDto[];

  @ApiProperty({ example: 3, description: 'Streams running on every instance.' })
  total!: number;

  @ApiProperty({ example: 1, description: 'floor(offset / limit) + 1' })
  page!: number;

  @ApiProperty({ example: 100, description: 'The limit used.' })
  page_size!: number;
}

export class AdminStreamStopDto {
  @ApiProperty({ example: EXAMPLE_IDS.stream })
  stream_id!: string;

  @ApiProperty({ example: 'user_123' })
  user_id!: string;

  @ApiProperty({ example: EXAMPLE_IDS.session })
  session_id!: string;

  @ApiProperty({ example: EXAMPLE_IDS.room })
  room_id!: string;

  @ApiProperty({ example: 'stop_requested', enum: ['stop_requested'] })
  status!: 'stop_requested';

  @ApiProperty({
    example: 'cancelled',
    description: 'How the stream ended: `cancelled`, or `completed` if it finished first.',
  })
  stream_status!: string;

  @ApiProperty({
    example: 'Based on recent research, the main',
    description: 'What was streamed before the stop, stored as a `cancelled` turn.',
  })
  partial_response!: string;
}

export class AdminRoomDto extends RoomDto {
  @ApiProperty({ example: false })
  is_deleted!: boolean;

  @ApiProperty({ example: null, format: 'date-time', nullable: true, type: String })
  deleted_at!: string | null;
}

export class AdminUserRoomsDto {
  @ApiProperty({ example: 'user_123' })
  user_id!: string;

  @ApiProperty({ type: [AdminRoomDto], description: 'Most recently active first.' })
  rooms!: AdminRoomDto[];

  @ApiProperty({ example: 3, description: 'Rooms in the state asked for.' })
  total!: number;

  @ApiProperty({ example: 1, description: 'floor(offset / limit) + 1' })
  page!: number;

  @ApiProperty({ example: 100, description: 'The limit used.' })
  page_size!: number;
}

export class AdminUserErasedDto {
  @ApiProperty({ example: 'user_123' })
  user_id!: string;

  @ApiProperty({
    example: 1,
    description: 'Running streams stopped first (partials stored, then erased).',
  })
  streams_stopped!: number;

  @ApiProperty({ example: 42, description: 'Stored turns erased.' })
  conversations_deleted!: number;

  @ApiProperty({ example: 3, description: 'Rooms erased, live and soft-deleted.' })
  rooms_deleted!: number;

  @ApiProperty({ example: 2, description: 'Sessions removed from the session store.' })
  sessions_deleted!: number;
}

export class AdminUserStatsDto {
  @ApiProperty({
    example: 1200,
    description: 'Users with at least one room, live or soft-deleted.',
  })
  total!: number;

  @ApiProperty({ example: 85, description: 'Users with a stored turn in the last 24 hours.' })
  active_last_24h!: number;
}

export class AdminRoomStatsDto {
  @ApiProperty({ example: 5400 })
  live!: number;

  @ApiProperty({ example: 300, description: 'Soft-deleted, kept until purged.' })
  deleted!: number;
}

export class AdminStreamStatsDto {
  @ApiProperty({ example: 12, description: 'Streams running now on every instance.' })
  running!: number;

  @ApiProperty({ example: 4, description: 'Streams running on the instance that answered.' })
  running_here!: number;

  @ApiProperty({ example: 500, description: 'STREAM_CAPACITY: streams one instance accepts.' })
  capacity_per_instance!: number;
}

export class AdminStatsDto {
  @ApiProperty({ type: AdminUserStatsDto })
  users!: AdminUserStatsDto;

  @ApiProperty({ type: AdminRoomStatsDto })
  rooms!: AdminRoomStatsDto;

  @ApiProperty({ example: 640, description: 'Turns stored in the last 24 hours.' })
  turns_last_24h!: number;

  @ApiProperty({ type: AdminStreamStatsDto })
  streams!: AdminStreamStatsDto;
}
