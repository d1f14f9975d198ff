import { Module, type DynamicModule } from '@nestjs/common';
import { AdminModule } from './admin/admin.module';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ScheduleModule } from '@nestjs/schedule';
import { ChatModule } from './chat/chat.module';
import { IdentityGuard } from './common/auth/identity.guard';
import { TokenVerifier } from './common/auth/token-verifier';
import { RateLimitModule } from './common/rate-limit/rate-limit.module';
import { RateLimitGuard } from './common/rate-limit/rate-limit.guard';
import { RedisModule } from './redis/redis.module';
import { DatabaseModule } from './common/database/database.module';
import { AllExceptionsFilter } from './common/http/all-exceptions.filter';
import { AppConfigModule } from './config/app-config';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { RetentionModule } from './retention/retention.module';
import { RoomsModule } from './rooms/rooms.module';
import { SessionModule } from './session/session.module';
import { WebClientModule } from './web-client/web-client.module';

@Module({})
export class AppModule {
  /** Reads and validates the environment now, so callers (and tests) set it first. */
  static forRoot(): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule(),
        LoggingModule,
        ScheduleModule.forRoot(),
        EventEmitterModule.forRoot(),
        DatabaseModule,
        RedisModule,
        RateLimitModule,
        MetricsModule,
        HealthModule,
        RoomsModule,
        SessionModule,
        ChatModule,
        RetentionModule,
        AdminModule,
        WebClientModule.forRoot(),
      ],
      providers: [
        TokenVerifier,
        // Order matters: identity first, so limits count per user.
        { provide: APP_GUARD, useClass: IdentityGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
