import {
  Controller,
  Delete,
  Get,
  Param,
  Post,
  Query,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { USER_ID_PATTERN, type UserId } from '../common/auth/user-id';
import { ApiErrors, Enveloped } from '../common/http/api-envelope.decorator';
import { IdParamPipe, UserIdParamPipe } from '../common/http/id-param.pipe';
import { EXAMPLE_IDS } from '../common/http/ids';
import { AdminAuditInterceptor } from './admin-audit.interceptor';
import { AdminGuard } from './admin.guard';
import { AdminService, type AdminRoomView } from './admin.service';
import {
  AdminPageQueryDto,
  AdminStatsDto,
  AdminStreamListDto,
  AdminStreamStopDto,
  AdminUserErasedDto,
  AdminUserRoomsDto,
  AdminUserRoomsQueryDto,
} from './dto/admin.dto';

const streamIdPipe = new IdParamPipe('stream_id', 'stream');

/** The `:user_id` path parameter: the user an admin operation is about (not the caller). */
const UserIdParam = () =>
  ApiParam({
    name: 'user_id',
    schema: { type: 'string', pattern: USER_ID_PATTERN.source, example: 'user_123' },
    description: 'The user the operation is about.',
  });

@ApiTags('admin')
@ApiBearerAuth()
@ApiErrors('VALIDATION_ERROR', 'UNAUTHORIZED', 'ACCESS_DENIED', 'SERVICE_UNAVAILABLE')
@UseGuards(AdminGuard)
@UseInterceptors(AdminAuditInterceptor)
@Controller('api/admin')
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @Get('streams')
  @ApiOperation({
    summary: 'Streams running now on every instance, oldest first',
    description:
      "This instance's streams merged with the other instances' records, each with its user, room, session, agent, start and last heartbeat; `limit` 1..500 (default 100) and `offset`. Admin role required (else 403).",
  })
  @Enveloped(AdminStreamListDto, { message: 'Running streams retrieved' })
  listRunningStreams(@Query() query: AdminPageQueryDto): Promise<AdminStreamListDto> {
    return this.admin.listStreams(query);
  }

  @Post('streams/:stream_id/stop')
  @ApiParam({ name: 'stream_id', example: EXAMPLE_IDS.stream })
  @ApiOperation({
    summary: "Stop any user's stream, on whichever instance runs it; returns the stored partial",
    description:
      "Exactly as the user's own Stop: the stream ends with `cancelled` and the partial is stored as a cancelled turn before the answer; 404 STREAM_NOT_FOUND when no stream of that id runs. Admin role required (else 403).",
  })
  @Enveloped(AdminStreamStopDto, { message: 'Stream stopped' })
  @ApiErrors('STREAM_NOT_FOUND')
  stopAnyStream(@Param('stream_id', streamIdPipe) streamId: string): Promise<AdminStreamStopDto> {
    return this.admin.stopStream(streamId);
  }

  @Get('users/:user_id/rooms')
  @UserIdParam()
  @ApiOperation({
    summary: "A user's rooms, live and soft-deleted (read-only)",
    description:
      '`state` is `all` (default), `live` or `deleted`; most recently active first, with `limit` and `offset`. Admin role required (else 403).',
  })
  @Enveloped(AdminUserRoomsDto, { message: 'User rooms retrieved' })
  listUserRooms(
    @Param('user_id', new UserIdParamPipe()) user: UserId,
    @Query() query: AdminUserRoomsQueryDto,
  ): Promise<{
    user_id: string;
    rooms: AdminRoomView[];
    total: number;
    page: number;
    page_size: number;
  }> {
    return this.admin.userRooms(user, query);
  }

  @Delete('users/:user_id')
  @UserIdParam()
  @ApiOperation({
    summary: 'Erase everything a user has: streams stopped, then history, rooms and sessions',
    description:
      "The user's running streams are stopped on every instance and their partials stored, then their stored turns, rooms (live and soft-deleted) and sessions are erased for good; answers the counts. Calling it again answers zeros. Admin role required (else 403).",
  })
  @Enveloped(AdminUserErasedDto, { message: 'User data erased' })
  eraseUser(@Param('user_id', new UserIdParamPipe()) user: UserId): Promise<AdminUserErasedDto> {
    return this.admin.eraseUser(user);
  }

  @Get('stats')
  @ApiOperation({
    summary: 'Users, rooms, turns of the last 24 h, streams now and capacity',
    description:
      'Users with a room and those with a turn in the last 24 hours, live and soft-deleted rooms, turns stored in the last 24 hours, streams running on every instance and on this one, and the capacity per instance. Admin role required (else 403).',
  })
  @Enveloped(AdminStatsDto, { message: 'Statistics retrieved' })
  getStats(): Promise<AdminStatsDto> {
    return this.admin.stats();
  }
}
