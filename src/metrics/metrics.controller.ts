import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import type { Response } from 'express';
import { Public } from '../common/auth/public.decorator';
import { MetricsAccessGuard } from './metrics-access.guard';

/**
 * `/metrics` for Prometheus on the API port, outside the API document: without user
 * identity like the probes, but behind METRICS_TOKEN when set, and absent when
 * METRICS_PORT serves it on its own port (MetricsServer).
 */
@ApiExcludeController()
@Public()
@UseGuards(MetricsAccessGuard)
@Controller()
export class MetricsController extends PrometheusController {
  @Get()
  override async index(@Res({ passthrough: true }) response: Response): Promise<string> {
    return super.index(response);
  }
}
