import { Body, Controller, Delete, Get, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/current-user.decorator';
import type { UserId } from '../common/auth/user-id';
import { ApiErrors, Enveloped } from '../common/http/api-envelope.decorator';
import { EXAMPLE_IDS } from '../common/http/ids';
import { UserScopedDto } from '../common/http/user-scoped.dto';
import {
  CreateSessionDto,
  ResetSessionDto,
  SessionDeletedDto,
  SessionDto,
  SessionHistoryClearedDto,
  SessionResetDto,
  SessionStopDto,
} from './dto/session.dto';
import { EvenExpiredSession, OwnedSession, SessionOwnerGuard } from './session-owner.guard';
import { SessionService, type SessionView, type StopAnswer } from './session.service';
import type { SessionRecord } from './session.types';

const SessionIdParam = () => ApiParam({ name: 'session_id', example: EXAMPLE_IDS.session });

@ApiTags('session')
@ApiBearerAuth()
@ApiErrors('VALIDATION_ERROR', 'UNAUTHORIZED', 'ACCESS_DENIED', 'SERVICE_UNAVAILABLE')
@Controller('api/session')
export class SessionController {
  constructor(private readonly sessions: SessionService) {}

  @Post('create')
  @ApiOperation({
    summary: 'Create a session in one of your rooms',
    description:
      "The room must be a live room of the caller (else 404 ROOM_NOT_FOUND). A session keeps each agent's recent turns in memory for the prompt and expires after SESSION_TTL_MS without use.",
  })
  @Enveloped(SessionDto, { status: 201, message: 'Session created successfully' })
  @ApiErrors('ROOM_NOT_FOUND')
  createSession(@CurrentUser() user: UserId, @Body() body: CreateSessionDto): Promise<SessionView> {
    return this.sessions.create(user, body.room_id);
  }

  @Get(':session_id')
  @UseGuards(SessionOwnerGuard)
  @SessionIdParam()
  @ApiOperation({
    summary: 'Get a session (and slide its expiry)',
    description:
      'Every use of a session moves `expires_at` to now + SESSION_TTL_MS; `streaming` is true while an answer streams (such a session does not expire). An expired session answers 410 SESSION_EXPIRED until it is swept, then 404.',
  })
  @Enveloped(SessionDto, { message: 'Session retrieved successfully' })
  @ApiErrors('SESSION_NOT_FOUND', 'SESSION_EXPIRED')
  getSession(@OwnedSession() session: SessionRecord): Promise<SessionView> {
    return this.sessions.view(session);
  }

  @Post(':session_id/reset')
  @UseGuards(SessionOwnerGuard)
  @SessionIdParam()
  @ApiOperation({
    summary: "Reset one agent's in-memory context, or all of them",
    description:
      'Drops the in-memory turns of `agent_type`, or of every agent when it is left out. Stored history stays, but turns from before the reset never return to a prompt.',
  })
  @Enveloped(SessionResetDto, { message: 'Session reset successfully' })
  @ApiErrors('SESSION_NOT_FOUND', 'SESSION_EXPIRED')
  resetSession(
    @OwnedSession() session: SessionRecord,
    @Body() body: ResetSessionDto,
  ): Promise<SessionResetDto> {
    return this.sessions.reset(session, body.agent_type);
  }

  @Post(':session_id/stop')
  @UseGuards(SessionOwnerGuard)
  @SessionIdParam()
  @ApiOperation({
    summary: 'Stop the streaming answer; returns the partial once it is stored',
    description:
      'The stream ends with a `cancelled` event and the answer returns the partial once it is stored (`stored`); 404 STREAM_NOT_FOUND when nothing streams. Works from any instance (with Redis), and on the instance running the stream even when Redis is down. A stream whose instance died answers at once with the partial its journal kept (`stream_status: interrupted`).',
  })
  @Enveloped(SessionStopDto, { message: 'Stream stop requested' })
  @ApiErrors('SESSION_NOT_FOUND', 'SESSION_EXPIRED', 'STREAM_NOT_FOUND')
  stopStream(
    @CurrentUser() user: UserId,
    @OwnedSession() session: SessionRecord,
    @Body() _body: UserScopedDto,
  ): Promise<StopAnswer> {
    return this.sessions.stop(user, session);
  }

  @Delete(':session_id/history')
  @UseGuards(SessionOwnerGuard)
  @SessionIdParam()
  @ApiOperation({
    summary: "Erase this session's stored conversations in its room",
    description:
      "The turns this session stored in its room are erased for good; the room's `message_count` and `last_message` follow.",
  })
  @Enveloped(SessionHistoryClearedDto, { message: 'Session history cleared' })
  @ApiErrors('SESSION_NOT_FOUND', 'SESSION_EXPIRED')
  clearSessionHistory(
    @CurrentUser() user: UserId,
    @OwnedSession() session: SessionRecord,
  ): Promise<SessionHistoryClearedDto> {
    return this.sessions.clearHistory(user, session);
  }

  @Delete(':session_id')
  @EvenExpiredSession()
  @UseGuards(SessionOwnerGuard)
  @SessionIdParam()
  @ApiOperation({
    summary: 'Delete a session, stopping its stream first',
    description:
      'A running stream is stopped first and its partial stored (`stream_stopped`). An expired session can still be deleted; its stored turns stay in the room.',
  })
  @Enveloped(SessionDeletedDto, { message: 'Session deleted successfully' })
  @ApiErrors('SESSION_NOT_FOUND')
  deleteSession(
    @CurrentUser() user: UserId,
    @OwnedSession() session: SessionRecord,
  ): Promise<SessionDeletedDto> {
    return this.sessions.delete(user, session);
  }
}
