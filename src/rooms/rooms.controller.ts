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
  @ApiOperation({ summary: 'Create a room' })
  @Enveloped(RoomDto, { status: 201, message: 'Room created successfully' })
  @ApiErrors('ROOM_LIMIT_EXCEEDED', 'ROOM_NAME_TOO_LONG', 'METADATA_TOO_LARGE', 'RATE_LIMITED')
  createRoom(@CurrentUser() user: UserId, @Body() body: CreateRoomDto): Promise<RoomView> {
    return this.rooms.create(user, body);
  }

  @Get()
  @ApiOperation({ summary: "List the caller's live rooms" })
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
  @ApiOperation({ summary: 'Get one room' })
  @Enveloped(RoomDto, { message: 'Room retrieved successfully' })
  @ApiErrors('ROOM_NOT_FOUND')
  getRoom(@OwnedRoom() room: RoomRecord): RoomView {
    return toRoomView(room);
  }

  @Patch(':room_id')
  @UseGuards(RoomOwnerGuard)
  @RoomIdParam()
  @ApiOperation({ summary: 'Rename a room or change its metadata' })
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
