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
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @Enveloped(LivenessDto, { message: 'Alive' })
  liveness(): LivenessDto {
    return { status: 'alive' };
  }

  @Get('readyz')
  @ApiOperation({ summary: 'Readiness: 503 while the database is unreachable' })
  @Enveloped(ReadinessDto, { message: 'Ready' })
  @ApiErrors('SERVICE_UNAVAILABLE')
  readiness(): Promise<ReadinessDto> {
    return this.health.readiness();
  }

  @Get('api/health')
  @ApiOperation({ summary: 'Detailed health of every component' })
  @Enveloped(HealthReportDto, { message: 'Health report' })
  healthReport(): Promise<HealthReportDto> {
    return this.health.report();
  }
}
