import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/current-user.decorator';
import type { UserId } from '../common/auth/user-id';
import { ApiErrors, Enveloped } from '../common/http/api-envelope.decorator';
import { IdParamPipe } from '../common/http/id-param.pipe';
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
import { SessionService, type SessionView } from './session.service';

const sessionIdPipe = new IdParamPipe('session_id', 'session');

@ApiTags('session')
@ApiBearerAuth()
@ApiErrors('VALIDATION_ERROR', 'UNAUTHORIZED', 'ACCESS_DENIED', 'SERVICE_UNAVAILABLE')
@Controller('api/session')
export class SessionController {
  constructor(private readonly sessions: SessionService) {}

  @Post('create')
  @ApiOperation({ summary: 'Create a session in one of your rooms' })
  @Enveloped(SessionDto, { status: 201, message: 'Session created successfully' })
  @ApiErrors('ROOM_NOT_FOUND')
  createSession(@CurrentUser() user: UserId, @Body() body: CreateSessionDto): Promise<SessionView> {
    return this.sessions.create(user, body.room_id);
  }

  @Get(':session_id')
  @ApiOperation({ summary: 'Get a session (and slide its expiry)' })
  @Enveloped(SessionDto, { message: 'Session retrieved successfully' })
  @ApiErrors('SESSION_NOT_FOUND', 'SESSION_EXPIRED')
  getSession(
    @CurrentUser() user: UserId,
    @Param('session_id', sessionIdPipe) sessionId: string,
  ): Promise<SessionView> {
    return this.sessions.get(user, sessionId);
  }

  @Post(':session_id/reset')
  @ApiOperation({ summary: "Reset one agent's in-memory context, or all of them" })
  @Enveloped(SessionResetDto, { message: 'Session reset successfully' })
  @ApiErrors('SESSION_NOT_FOUND', 'SESSION_EXPIRED')
  resetSession(
    @CurrentUser() user: UserId,
    @Param('session_id', sessionIdPipe) sessionId: string,
    @Body() body: ResetSessionDto,
  ): Promise<SessionResetDto> {
    return this.sessions.reset(user, sessionId, body.agent_type);
  }

  @Post(':session_id/stop')
  @ApiOperation({ summary: 'Stop the streaming answer; returns the partial once it is stored' })
  @Enveloped(SessionStopDto, { message: 'Stream stop requested' })
  @ApiErrors('SESSION_NOT_FOUND', 'SESSION_EXPIRED', 'STREAM_NOT_FOUND')
  stopStream(
    @CurrentUser() user: UserId,
    @Param('session_id', sessionIdPipe) sessionId: string,
    @Body() _body: UserScopedDto,
  ): Promise<SessionStopDto> {
    return this.sessions.stop(user, sessionId);
  }

  @Delete(':session_id/history')
  @ApiOperation({ summary: "Erase this session's stored conversations in its room" })
  @Enveloped(SessionHistoryClearedDto, { message: 'Session history cleared' })
  @ApiErrors('SESSION_NOT_FOUND', 'SESSION_EXPIRED')
  clearSessionHistory(
    @CurrentUser() user: UserId,
    @Param('session_id', sessionIdPipe) sessionId: string,
  ): Promise<SessionHistoryClearedDto> {
    return this.sessions.clearHistory(user, sessionId);
  }

  @Delete(':session_id')
  @ApiOperation({ summary: 'Delete a session, stopping its stream first' })
  @Enveloped(SessionDeletedDto, { message: 'Session deleted successfully' })
  @ApiErrors('SESSION_NOT_FOUND')
  deleteSession(
    @CurrentUser() user: UserId,
    @Param('session_id', sessionIdPipe) sessionId: string,
  ): Promise<SessionDeletedDto> {
    return this.sessions.delete(user, sessionId);
  }
}
