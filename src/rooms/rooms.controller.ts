import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/current-user.decorator';
import type { UserId } from '../common/auth/user-id';
import { ApiErrors, Enveloped } from '../common/http/api-envelope.decorator';
import { IdParamPipe } from '../common/http/id-param.pipe';
import {
  CreateRoomDto,
  DeleteRoomQueryDto,
  ListRoomsQueryDto,
  RoomHistoryQueryDto,
  UpdateRoomDto,
} from './dto/room-requests.dto';
import { RoomDeletedDto, RoomDto, RoomHistoryDto, RoomListDto } from './dto/room-responses.dto';
import { RoomsService } from './rooms.service';
import type { ConversationView, RoomView } from './room.view';

const roomIdPipe = new IdParamPipe('room_id', 'room');

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
  @ApiOperation({ summary: 'Get one room' })
  @Enveloped(RoomDto, { message: 'Room retrieved successfully' })
  @ApiErrors('ROOM_NOT_FOUND')
  getRoom(
    @CurrentUser() user: UserId,
    @Param('room_id', roomIdPipe) roomId: string,
  ): Promise<RoomView> {
    return this.rooms.get(user, roomId);
  }

  @Patch(':room_id')
  @ApiOperation({ summary: 'Rename a room or change its metadata' })
  @Enveloped(RoomDto, { message: 'Room updated successfully' })
  @ApiErrors('ROOM_NOT_FOUND', 'ROOM_NAME_TOO_LONG', 'METADATA_TOO_LARGE')
  updateRoom(
    @CurrentUser() user: UserId,
    @Param('room_id', roomIdPipe) roomId: string,
    @Body() body: UpdateRoomDto,
  ): Promise<RoomView> {
    return this.rooms.update(user, roomId, body);
  }

  @Delete(':room_id')
  @ApiOperation({
    summary: 'Soft-delete a room, or erase it and its conversations with permanent=true',
  })
  @Enveloped(RoomDeletedDto, { message: 'Room deleted successfully' })
  @ApiErrors('ROOM_NOT_FOUND')
  deleteRoom(
    @CurrentUser() user: UserId,
    @Param('room_id', roomIdPipe) roomId: string,
    @Query() query: DeleteRoomQueryDto,
  ): Promise<RoomDeletedDto> {
    return this.rooms.delete(user, roomId, query.permanent);
  }

  @Get(':room_id/history')
  @ApiOperation({ summary: "A room's stored conversations, newest first by default" })
  @Enveloped(RoomHistoryDto, { message: 'Room history retrieved successfully' })
  @ApiErrors('ROOM_NOT_FOUND')
  async getRoomHistory(
    @CurrentUser() user: UserId,
    @Param('room_id', roomIdPipe) roomId: string,
    @Query() query: RoomHistoryQueryDto,
  ): Promise<{
    room_id: string;
    conversations: ConversationView[];
    total: number;
    page: number;
    page_size: number;
  }> {
    const { items, ...page } = await this.rooms.history(user, roomId, query);
    return { room_id: roomId, conversations: items, ...page };
  }
}
