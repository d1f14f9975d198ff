import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const HEALTH_STATES = ['healthy', 'degraded', 'unhealthy'] as const;
export type HealthState = (typeof HEALTH_STATES)[number];

export class LivenessDto {
  @ApiProperty({ example: 'alive' })
  status!: string;
}

export class ReadinessDto {
  @ApiProperty({ example: 'ready' })
  status!: string;

  @ApiProperty({
    example: { mongodb: 'up' },
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  checks!: Record<string, string>;
}

export class ComponentHealthDto {
  @ApiProperty({ enum: HEALTH_STATES, enumName: 'HealthState', example: 'healthy' })
  status!: HealthState;

  @ApiPropertyOptional({ example: 3, description: 'Round trip of a ping, in milliseconds.' })
  latency_ms?: number;

  @ApiPropertyOptional({
    example: 'ping timed out',
    description: 'Why the component is not healthy.',
  })
  error?: string;
}

export class SessionsHealthDto {
  @ApiProperty({ enum: HEALTH_STATES, enumName: 'HealthState', example: 'healthy' })
  status!: HealthState;

  @ApiProperty({ example: 12, description: 'Live sessions on this instance.' })
  active_count!: number;
}

export class StreamsHealthDto {
  @ApiProperty({
    enum: HEALTH_STATES,
    enumName: 'HealthState',
    example: 'healthy',
    description: '`degraded` at STREAM_CAPACITY.',
  })
  status!: HealthState;

  @ApiProperty({ example: 3, description: 'Streams running on this instance.' })
  active_count!: number;

  @ApiProperty({ example: 500, description: 'STREAM_CAPACITY.' })
  capacity!: number;
}

export class HealthChecksDto {
  @ApiProperty({ type: ComponentHealthDto })
  mongodb!: ComponentHealthDto;

  @ApiProperty({ type: SessionsHealthDto })
  sessions!: SessionsHealthDto;

  @ApiProperty({ type: StreamsHealthDto })
  streams!: StreamsHealthDto;
}

export class HealthReportDto {
  @ApiProperty({ enum: HEALTH_STATES, enumName: 'HealthState', example: 'healthy' })
  status!: HealthState;

  @ApiProperty({ example: '2025-01-26T16:00:00.000Z', format: 'date-time' })
  timestamp!: string;

  @ApiProperty({ example: '0.1.0' })
  version!: string;

  @ApiProperty({ type: HealthChecksDto })
  checks!: HealthChecksDto;
}
