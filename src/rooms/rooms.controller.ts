import { Body, Controller, Delete, Get, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/current-user.decorator';
import type { UserId } from '../common/auth/user-id';
import { ApiErrors, Enveloped } from '../common/http/api-envelope.decorator';
import { EXAMPLE_IDS } from '../common/http/ids';
import {
  CreateRoomDto,
  DeleteRoomQueryDto,
  ListRoomsQueryDto,
  UpdateRoomDto,
} from './dto/room-requests.dto';
import { RoomDeletedDto, RoomDto, RoomListDto } from './dto/room-responses.dto';
import { EvenDeletedRoom, OwnedRoom, RoomOwnerGuard } from './room-owner.guard';
import type { RoomRecord } from './rooms.repository';
import { RoomsService } from './rooms.service';
import { toRoomView, type RoomView } from './room.view';

/** The `:room_id` path parameter, as the API document shows it. */
export const RoomIdParam = () => ApiParam({ name: 'room_id', example: EXAMPLE_IDS.room });

@ApiTags('rooms')
@ApiBearerAuth()
@ApiErrors('VALIDATION_ERROR', 'UNAUTHORIZED', 'ACCESS_DENIED', 'SERVICE_UNAVAILABLE')
@Controller('api/rooms')
export class RoomsController {
  constructor(private readonly rooms: RoomsService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a room',
    description:
      '`room_name` is trimmed (omitted: "New conversation", at most 100 characters); `metadata` is a JSON object of at most 10 KB whose `tags` are up to 20 strings. A user has at most MAX_ROOMS_PER_USER (50) live rooms, else 400 ROOM_LIMIT_EXCEEDED. Creations are limited per user (RATE_LIMIT_ROOM_CREATES per window, else 429 RATE_LIMITED with Retry-After); a request refused by validation spends nothing.',
  })
  @Enveloped(RoomDto, { status: 201, message: 'Room created successfully' })
  @ApiErrors('ROOM_LIMIT_EXCEEDED', 'ROOM_NAME_TOO_LONG', 'METADATA_TOO_LARGE', 'RATE_LIMITED')
  createRoom(@CurrentUser() user: UserId, @Body() body: CreateRoomDto): Promise<RoomView> {
    return this.rooms.create(user, body);
  }

  @Get()
  @ApiOperation({
    summary: "List the caller's live rooms",
    description:
      'Soft-deleted rooms are hidden. A page at a time (`limit` 1..100, default 50, and `offset`), sorted by `last_activity` (default), `created_at` or `room_name`, newest first unless `order=asc`; `tag` keeps the rooms whose `metadata.tags` holds it. Each room carries its `message_count` and `last_message`.',
  })
  @Enveloped(RoomListDto, { message: 'Rooms retrieved successfully' })
  async listRooms(
    @CurrentUser() user: UserId,
    @Query() query: ListRoomsQueryDto,
  ): Promise<{ rooms: RoomView[]; total: number; page: number; page_size: number }> {
    const { items, ...page } = await this.rooms.list(user, {
      limit: query.limit,
      offset: query.offset,
      sortBy: query.sort_by,
      order: query.order,
      tag: query.tag,
    });
    return { rooms: items, ...page };
  }

  @Get(':room_id')
  @UseGuards(RoomOwnerGuard)
  @RoomIdParam()
  @ApiOperation({
    summary: 'Get one room',
    description:
      "One live room of the caller. Another user's room answers 404 ROOM_NOT_FOUND exactly like a room that does not exist, so ids cannot be probed.",
  })
  @Enveloped(RoomDto, { message: 'Room retrieved successfully' })
  @ApiErrors('ROOM_NOT_FOUND')
  getRoom(@OwnedRoom() room: RoomRecord): RoomView {
    return toRoomView(room);
  }

  @Patch(':room_id')
  @UseGuards(RoomOwnerGuard)
  @RoomIdParam()
  @ApiOperation({
    summary: 'Rename a room or change its metadata',
    description:
      '`metadata_mode=merge` (default) sets each top-level key given and removes the keys given as null; `replace` swaps the whole object. The same limits as on create apply. Answers the room after the change.',
  })
  @Enveloped(RoomDto, { message: 'Room updated successfully' })
  @ApiErrors('ROOM_NOT_FOUND', 'ROOM_NAME_TOO_LONG', 'METADATA_TOO_LARGE')
  updateRoom(
    @CurrentUser() user: UserId,
    @OwnedRoom() room: RoomRecord,
    @Body() body: UpdateRoomDto,
  ): Promise<RoomView> {
    return this.rooms.update(user, room, body);
  }

  @Delete(':room_id')
  @EvenDeletedRoom()
  @UseGuards(RoomOwnerGuard)
  @RoomIdParam()
  @ApiOperation({
    summary: 'Soft-delete a room, or erase it and its conversations with permanent=true',
    description:
      'By default the room is hidden from every read and its history kept; its place under the room limit is freed. `permanent=true` erases the room, live or soft-deleted, and all of its stored conversations for good (right to erasure).',
  })
  @Enveloped(RoomDeletedDto, { message: 'Room deleted successfully' })
  @ApiErrors('ROOM_NOT_FOUND')
  deleteRoom(
    @CurrentUser() user: UserId,
    @OwnedRoom() room: RoomRecord,
    @Query() query: DeleteRoomQueryDto,
  ): Promise<RoomDeletedDto> {
    return this.rooms.delete(user, room, query.permanent);
  }
}
