import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/public.decorator';
import { ApiErrors, Enveloped } from '../common/http/api-envelope.decorator';
import { HealthReportDto, LivenessDto, ReadinessDto } from './health.dto';
import { HealthService } from './health.service';

@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('healthz')
  @ApiOperation({
    summary: 'Liveness: the process answers',
    description:
      'Answers 200 while the process runs; nothing else is checked. For liveness probes.',
  })
  @Enveloped(LivenessDto, { message: 'Alive' })
  liveness(): LivenessDto {
    return { status: 'alive' };
  }

  @Get('readyz')
  @ApiOperation({
    summary: 'Readiness: 503 while the database is unreachable',
    description:
      'Answers 200 when MongoDB, and Redis when configured, answer a ping; 503 SERVICE_UNAVAILABLE when one does not, or while the instance shuts down. For readiness probes and load balancers.',
  })
  @Enveloped(ReadinessDto, { message: 'Ready' })
  @ApiErrors('SERVICE_UNAVAILABLE')
  readiness(): Promise<ReadinessDto> {
    return this.health.readiness();
  }

  @Get('api/health')
  @ApiOperation({
    summary: 'Detailed health of every component',
    description:
      'The state of the database, the sessions and the streams (with the stream capacity), the version and the time; answers 200 even when a part is unhealthy, which `status` says.',
  })
  @Enveloped(HealthReportDto, { message: 'Health report' })
  healthReport(): Promise<HealthReportDto> {
    return this.health.report();
  }
}
