import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { IdentityGuard } from './common/auth/identity.guard';
import { DatabaseModule } from './common/database/database.module';
import { AllExceptionsFilter } from './common/http/all-exceptions.filter';
import { EnvelopeInterceptor } from './common/http/envelope.interceptor';
import { AppConfigModule } from './config/app-config';
import { HealthModule } from './health/health.module';
import { RoomsModule } from './rooms/rooms.module';

@Module({})
export class AppModule {
  /** Reads and validates the environment now, so callers (and tests) set it first. */
  static forRoot(): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule(),
        JwtModule.register({}),
        DatabaseModule,
        HealthModule,
        RoomsModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: IdentityGuard },
        { provide: APP_INTERCEPTOR, useClass: EnvelopeInterceptor },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
