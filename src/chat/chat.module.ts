import { Module } from '@nestjs/common';
import { ContextModule } from '../context/context.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { LlmModule } from '../llm/llm.module';
import { RoomsModule } from '../rooms/rooms.module';
import { SessionModule } from '../session/session.module';
import { StreamsModule } from '../streams/streams.module';
import { ChatController } from './chat.controller';
import { ChatService } from './chat.service';
import { ChatTurns } from './chat-turns';

@Module({
  imports: [
    SessionModule,
    RoomsModule,
    ContextModule,
    ConversationsModule,
    LlmModule,
    StreamsModule,
  ],
  controllers: [ChatController],
  providers: [ChatService, ChatTurns],
})
export class ChatModule {}
