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
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { UserId } from '../common/auth/user-id';
import { ApiErrors, Enveloped } from '../common/http/api-envelope.decorator';
import { IdParamPipe, UserIdParamPipe } from '../common/http/id-param.pipe';
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

@ApiTags('admin')
@ApiBearerAuth()
@ApiErrors('VALIDATION_ERROR', 'UNAUTHORIZED', 'ACCESS_DENIED', 'SERVICE_UNAVAILABLE')
@UseGuards(AdminGuard)
@UseInterceptors(AdminAuditInterceptor)
@Controller('api/admin')
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @Get('streams')
  @ApiOperation({ summary: 'Streams running now on every instance, oldest first' })
  @Enveloped(AdminStreamListDto, { message: 'Running streams retrieved' })
  listRunningStreams(@Query() query: AdminPageQueryDto): Promise<AdminStreamListDto> {
    return this.admin.listStreams(query);
  }

  @Post('streams/:stream_id/stop')
  @ApiOperation({
    summary: "Stop any user's stream, on whichever instance runs it; returns the stored partial",
  })
  @Enveloped(AdminStreamStopDto, { message: 'Stream stopped' })
  @ApiErrors('STREAM_NOT_FOUND')
  stopAnyStream(@Param('stream_id', streamIdPipe) streamId: string): Promise<AdminStreamStopDto> {
    return this.admin.stopStream(streamId);
  }

  @Get('users/:user_id/rooms')
  @ApiOperation({ summary: "A user's rooms, live and soft-deleted (read-only)" })
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
  @ApiOperation({
    summary: 'Erase everything a user has: streams stopped, then history, rooms and sessions',
  })
  @Enveloped(AdminUserErasedDto, { message: 'User data erased' })
  eraseUser(@Param('user_id', new UserIdParamPipe()) user: UserId): Promise<AdminUserErasedDto> {
    return this.admin.eraseUser(user);
  }

  @Get('stats')
  @ApiOperation({ summary: 'Users, rooms, turns of the last 24 h, streams now and capacity' })
  @Enveloped(AdminStatsDto, { message: 'Statistics retrieved' })
  getStats(): Promise<AdminStatsDto> {
    return this.admin.stats();
  }
}
