import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/current-user.decorator';
import type { UserId } from '../common/auth/user-id';
import { ApiErrors, Enveloped } from '../common/http/api-envelope.decorator';
import { OwnedRoom, RoomOwnerGuard } from '../rooms/room-owner.guard';
import { RoomIdParam } from '../rooms/rooms.controller';
import type { RoomRecord } from '../rooms/rooms.repository';
import { ConversationsService, type HistoryPage } from './conversations.service';
import {
  ChatHistoryDto,
  ChatHistoryQueryDto,
  RoomHistoryDto,
  RoomHistoryQueryDto,
} from './dto/history.dto';

/** The stored turns, read by room or by session. */
@ApiBearerAuth()
@ApiErrors('VALIDATION_ERROR', 'UNAUTHORIZED', 'ACCESS_DENIED', 'SERVICE_UNAVAILABLE')
@Controller('api')
export class HistoryController {
  constructor(private readonly conversations: ConversationsService) {}

  @Get('rooms/:room_id/history')
  @ApiTags('rooms')
  @UseGuards(RoomOwnerGuard)
  @RoomIdParam()
  @ApiOperation({
    summary: "A room's stored conversations, newest first by default",
    description:
      'Every stored turn of a live room of the caller (finished, cancelled, failed or interrupted), a page at a time: `limit` 1..100 and `offset`, `order=asc` for oldest first.',
  })
  @Enveloped(RoomHistoryDto, { message: 'Room history retrieved successfully' })
  @ApiErrors('ROOM_NOT_FOUND')
  async getRoomHistory(
    @CurrentUser() user: UserId,
    @OwnedRoom() room: RoomRecord,
    @Query() query: RoomHistoryQueryDto,
  ): Promise<HistoryPage & { room_id: string }> {
    const page = await this.conversations.page(user, { roomId: room.room_id }, query);
    return { room_id: room.room_id, ...page };
  }

  @Get('chat/history')
  @ApiTags('chat')
  @ApiOperation({
    summary: "The caller's stored turns, by session and/or room, newest first by default",
    description:
      "Only the caller's own turns, filtered by `session_id` and/or `room_id`, a page at a time: `limit` 1..100 and `offset`, `order=asc` for oldest first.",
  })
  @Enveloped(ChatHistoryDto, { message: 'Chat history retrieved successfully' })
  getChatHistory(
    @CurrentUser() user: UserId,
    @Query() query: ChatHistoryQueryDto,
  ): Promise<HistoryPage> {
    return this.conversations.page(
      user,
      { sessionId: query.session_id, roomId: query.room_id },
      query,
    );
  }
}
