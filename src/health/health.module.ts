import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { SessionModule } from '../session/session.module';
import { StreamsModule } from '../streams/streams.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { DatabasePingIndicator } from './database-ping.indicator';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), SessionModule, StreamsModule],
  controllers: [HealthController],
  providers: [HealthService, DatabasePingIndicator],
})
export class HealthModule {}
