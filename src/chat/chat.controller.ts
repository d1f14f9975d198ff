import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Query,
  RequestMethod,
  Res,
  Sse,
  SseSignal,
} from '@nestjs/common';
import type { MessageEvent } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { EMPTY, type Observable } from 'rxjs';
import { CurrentUser } from '../common/auth/current-user.decorator';
import { AllowQueryToken } from '../common/auth/query-token.decorator';
import { RateLimited } from '../common/rate-limit/rate-limit.decorator';
import type { UserId } from '../common/auth/user-id';
import { ApiErrors, Enveloped } from '../common/http/api-envelope.decorator';
import { pageOf } from '../common/http/pagination.dto';
import type { ConversationView } from '../rooms/room.view';
import { ChatService } from './chat.service';
import {
  CancelledEventDto,
  ChunkEventDto,
  DoneEventDto,
  ErrorEventDto,
  SSE_DESCRIPTION,
  StartEventDto,
} from './dto/chat-events.dto';
import {
  ChatHistoryDto,
  ChatHistoryQueryDto,
  ChatMessageDto,
  ChatStreamQueryDto,
} from './dto/chat.dto';

const STREAM_ERRORS = [
  'SESSION_NOT_FOUND',
  'SESSION_EXPIRED',
  'ROOM_NOT_FOUND',
  'STREAM_ALREADY_ACTIVE',
  'STREAM_LIMIT_EXCEEDED',
  'RATE_LIMITED',
] as const;

const SseResponse = () =>
  ApiResponse({
    status: 200,
    description: SSE_DESCRIPTION,
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  });

@ApiTags('chat')
@ApiBearerAuth()
@ApiExtraModels(StartEventDto, ChunkEventDto, DoneEventDto, CancelledEventDto, ErrorEventDto)
@ApiErrors('VALIDATION_ERROR', 'UNAUTHORIZED', 'ACCESS_DENIED', 'SERVICE_UNAVAILABLE')
@Controller('api/chat')
export class ChatController {
  constructor(private readonly chat: ChatService) {}

  @Sse('message', { method: RequestMethod.POST })
  @RateLimited('chat-message')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a message; the answer streams back as Server-Sent Events' })
  @ApiProduces('text/event-stream')
  @SseResponse()
  @ApiErrors(...STREAM_ERRORS)
  sendMessage(
    @CurrentUser() user: UserId,
    @Body() body: ChatMessageDto,
    @SseSignal() clientGone: AbortSignal,
  ): Promise<Observable<MessageEvent>> {
    return this.chat.open(user, body, clientGone);
  }

  @Sse('stream', { method: RequestMethod.POST })
  @RateLimited('chat-message')
  @HttpCode(200)
  @ApiOperation({
    summary: "Same as POST /api/chat/message (the reference design's alternative endpoint)",
  })
  @ApiProduces('text/event-stream')
  @SseResponse()
  @ApiErrors(...STREAM_ERRORS)
  streamMessage(
    @CurrentUser() user: UserId,
    @Body() body: ChatMessageDto,
    @SseSignal() clientGone: AbortSignal,
  ): Promise<Observable<MessageEvent>> {
    return this.chat.open(user, body, clientGone);
  }

  @Sse('stream')
  @AllowQueryToken()
  @RateLimited('chat-message')
  @ApiOperation({
    summary: 'The same stream for EventSource clients (query parameters)',
    description:
      'Close the EventSource on the terminal event. A reconnect (it carries Last-Event-ID) is answered 204, which tells EventSource to stop, so a message is never sent twice.',
  })
  @ApiProduces('text/event-stream')
  @SseResponse()
  @ApiResponse({
    status: 204,
    description: 'Reconnect of a finished stream: nothing more to send.',
  })
  @ApiErrors(...STREAM_ERRORS)
  streamMessageForEventSource(
    @CurrentUser() user: UserId,
    @Query() query: ChatStreamQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res({ passthrough: true }) res: Response,
    @SseSignal() clientGone: AbortSignal,
  ): Promise<Observable<MessageEvent>> | Observable<MessageEvent> {
    if (lastEventId !== undefined) {
      res.status(204).end();
      return EMPTY;
    }
    const { access_token: _accessToken, ...message } = query;
    return this.chat.open(user, message, clientGone);
  }

  @Get('history')
  @ApiOperation({
    summary: "The caller's stored turns, by session and/or room, newest first by default",
  })
  @Enveloped(ChatHistoryDto, { message: 'Chat history retrieved successfully' })
  async getChatHistory(
    @CurrentUser() user: UserId,
    @Query() query: ChatHistoryQueryDto,
  ): Promise<{
    conversations: ConversationView[];
    total: number;
    page: number;
    page_size: number;
  }> {
    const { items, total } = await this.chat.history(
      user,
      { sessionId: query.session_id, roomId: query.room_id },
      query,
    );
    return { conversations: items, total, ...pageOf(query) };
  }
}
