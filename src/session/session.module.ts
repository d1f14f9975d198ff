import { Module } from '@nestjs/common';
import { ContextModule } from '../context/context.module';
import { RoomsModule } from '../rooms/rooms.module';
import { StreamsModule } from '../streams/streams.module';
import { InMemorySessionStore } from './in-memory-session.store';
import { SessionSweeper } from './session-sweeper';
import { SessionController } from './session.controller';
import { SessionService } from './session.service';
import { SESSION_STORE } from './session.types';

@Module({
  imports: [RoomsModule, ContextModule, StreamsModule],
  controllers: [SessionController],
  providers: [
    SessionService,
    SessionSweeper,
    { provide: SESSION_STORE, useClass: InMemorySessionStore },
  ],
  exports: [SessionService],
})
export class SessionModule {}
