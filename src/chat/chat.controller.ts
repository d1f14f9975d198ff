import {
  Body,
  Controller,
  Headers,
  HttpCode,
  Param,
  Query,
  RequestMethod,
  Res,
  Sse,
  SseSignal,
  UseGuards,
} from '@nestjs/common';
import type { MessageEvent } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiHeader,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Observable } from 'rxjs';
import { AllowQueryToken } from '../common/auth/query-token.decorator';
import { CurrentUser } from '../common/auth/current-user.decorator';
import type { UserId } from '../common/auth/user-id';
import { ValidationFailed } from '../common/errors/domain-error';
import { ApiErrors } from '../common/http/api-envelope.decorator';
import { IdParamPipe } from '../common/http/id-param.pipe';
import { EXAMPLE_IDS } from '../common/http/ids';
import { RateLimited } from '../common/rate-limit/rate-limit.decorator';
import { OwnedSession, SessionOwnerGuard } from '../session/session-owner.guard';
import type { SessionRecord } from '../session/session.types';
import { ChatService } from './chat.service';
import { SSE_MODELS, SSE_RESPONSE } from './dto/chat-events.dto';
import {
  ChatMessageDto,
  ChatStreamQueryDto,
  LAST_EVENT_ID_MAX,
  ResumeStreamQueryDto,
} from './dto/chat.dto';

const STREAM_ERRORS = [
  'SESSION_NOT_FOUND',
  'SESSION_EXPIRED',
  'ROOM_NOT_FOUND',
  'STREAM_ALREADY_ACTIVE',
  'STREAM_LIMIT_EXCEEDED',
  'RATE_LIMITED',
] as const;

const SseResponse = () => ApiResponse({ status: 200, ...SSE_RESPONSE });

const LastEventIdHeader = () =>
  ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description:
      "Sent by a client reconnecting after a dropped connection: the request then never starts a new turn. It resumes the session's newest stream after that id (missed events with their original ids, then live ones), or answers 204 when there is nothing more to send.",
  });

const NothingToSend = () =>
  ApiResponse({
    status: 204,
    description:
      'A reconnect (Last-Event-ID) with nothing more to send: the client has the terminal event, or the replay window has passed.',
  });

const streamIdPipe = new IdParamPipe('stream_id', 'stream');

/** A Last-Event-ID header (or last_event_id query) as an event id; undefined when absent. */
function eventIdOf(header: string | undefined, query?: number): number | undefined {
  if (header === undefined) return query;
  const trimmed = header.trim();
  if (!/^\d{1,10}$/.test(trimmed) || Number(trimmed) > LAST_EVENT_ID_MAX) {
    throw new ValidationFailed([
      { field: 'Last-Event-ID', reason: 'must be the id of an event of this API (an integer)' },
    ]);
  }
  return Number(trimmed);
}

@ApiTags('chat')
@ApiBearerAuth()
@ApiExtraModels(...SSE_MODELS)
@ApiErrors('VALIDATION_ERROR', 'UNAUTHORIZED', 'ACCESS_DENIED', 'SERVICE_UNAVAILABLE')
@Controller('api/chat')
export class ChatController {
  constructor(private readonly chat: ChatService) {}

  @Sse('message', { method: RequestMethod.POST })
  @RateLimited('chat-message')
  @UseGuards(SessionOwnerGuard)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a message; the answer streams back as Server-Sent Events',
    description:
      "The router picks the agent unless `agent_type` is given. Refusals come before any event, as JSON error envelopes: a spent message budget (RATE_LIMIT_MESSAGES per window, 429 RATE_LIMITED with Retry-After), a second stream in the session (409), more than MAX_STREAMS_PER_USER streams of the user (429 STREAM_LIMIT_EXCEEDED with Retry-After), an instance at STREAM_CAPACITY or shutting down (503). With Last-Event-ID the request never starts a turn: it resumes the session's newest stream, or answers 204.",
  })
  @LastEventIdHeader()
  @SseResponse()
  @NothingToSend()
  @ApiErrors(...STREAM_ERRORS)
  sendMessage(
    @CurrentUser() user: UserId,
    @OwnedSession() session: SessionRecord,
    @Body() body: ChatMessageDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res({ passthrough: true }) res: Response,
    @SseSignal() gone: AbortSignal,
  ): Promise<Observable<MessageEvent>> {
    return this.turnOrResume(user, session, body, eventIdOf(lastEventId), { res, gone });
  }

  @Sse('stream', { method: RequestMethod.POST })
  @RateLimited('chat-message')
  @UseGuards(SessionOwnerGuard)
  @HttpCode(200)
  @ApiOperation({
    summary: "Same as POST /api/chat/message (the reference design's alternative endpoint)",
    description:
      'The same body, answers and limits as POST /api/chat/message; both draw on one message budget per user.',
  })
  @LastEventIdHeader()
  @SseResponse()
  @NothingToSend()
  @ApiErrors(...STREAM_ERRORS)
  streamMessage(
    @CurrentUser() user: UserId,
    @OwnedSession() session: SessionRecord,
    @Body() body: ChatMessageDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res({ passthrough: true }) res: Response,
    @SseSignal() gone: AbortSignal,
  ): Promise<Observable<MessageEvent>> {
    return this.turnOrResume(user, session, body, eventIdOf(lastEventId), { res, gone });
  }

  @Sse('stream')
  @AllowQueryToken()
  @RateLimited('chat-message')
  @UseGuards(SessionOwnerGuard)
  @ApiOperation({
    summary: 'The same stream for EventSource clients (query parameters)',
    description:
      'POST /api/chat/message with its fields as query parameters, for EventSource, which can send neither a body nor headers: the token goes as `access_token` (redacted from logs). Close the EventSource on the terminal event. A reconnect (it carries Last-Event-ID) resumes the stream where it broke off and never sends the message again; once there is nothing more to send it is answered 204, which tells EventSource to stop.',
  })
  @LastEventIdHeader()
  @SseResponse()
  @NothingToSend()
  @ApiErrors(...STREAM_ERRORS)
  streamMessageForEventSource(
    @CurrentUser() user: UserId,
    @OwnedSession() session: SessionRecord,
    @Query() query: ChatStreamQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res({ passthrough: true }) res: Response,
    @SseSignal() gone: AbortSignal,
  ): Promise<Observable<MessageEvent>> {
    return this.turnOrResume(user, session, query, eventIdOf(lastEventId), { res, gone });
  }

  @Sse('streams/:stream_id')
  @AllowQueryToken()
  @ApiParam({ name: 'stream_id', example: EXAMPLE_IDS.stream })
  @ApiOperation({
    summary: 'Resume a stream after a dropped connection',
    description:
      'The `stream_id` is in the `start` event. Sends the events after Last-Event-ID (header) or `last_event_id` (query), with their original ids, then the live ones, then the terminal event: no event twice, none missing. Works on any instance with Redis, on the instance that ran it without. A finished stream can be replayed for STREAM_REPLAY_TTL_MS.',
  })
  @LastEventIdHeader()
  @SseResponse()
  @NothingToSend()
  @ApiErrors('STREAM_NOT_FOUND')
  resumeStream(
    @CurrentUser() user: UserId,
    @Param('stream_id', streamIdPipe) streamId: string,
    @Query() query: ResumeStreamQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res({ passthrough: true }) res: Response,
    @SseSignal() gone: AbortSignal,
  ): Promise<Observable<MessageEvent>> {
    return this.chat.resume(user, streamId, eventIdOf(lastEventId, query.last_event_id) ?? 0, {
      res,
      gone,
    });
  }

  private turnOrResume(
    user: UserId,
    session: SessionRecord,
    input: ChatMessageDto,
    lastEventId: number | undefined,
    client: { res: Response; gone: AbortSignal },
  ): Promise<Observable<MessageEvent>> {
    return lastEventId === undefined
      ? this.chat.open(user, session, input, client)
      : this.chat.resumeSession(user, session, lastEventId, client);
  }
}
