import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { SessionModule } from '../session/session.module';
import { StreamsModule } from '../streams/streams.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), SessionModule, StreamsModule],
  controllers: [HealthController],
  providers: [HealthService],
})
export class HealthModule {}
