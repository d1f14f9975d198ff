import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ContextModule } from '../context/context.module';
import { Conversation, ConversationSchema } from '../conversations/conversation.schema';
import { ChatRoom, ChatRoomSchema } from '../rooms/room.schema';
import { SessionModule } from '../session/session.module';
import { RoomsModule } from '../rooms/rooms.module';
import { StreamsModule } from '../streams/streams.module';
import { AdminAuditInterceptor } from './admin-audit.interceptor';
import { AdminController } from './admin.controller';
import { AdminGuard } from './admin.guard';
import { AdminRepository } from './admin.repository';
import { AdminService } from './admin.service';

/** `/api/admin`: operator routes for tokens with the admin role. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ChatRoom.name, schema: ChatRoomSchema },
      { name: Conversation.name, schema: ConversationSchema },
    ]),
    StreamsModule,
    RoomsModule,
    SessionModule,
    ContextModule,
  ],
  controllers: [AdminController],
  providers: [AdminService, AdminRepository, AdminGuard, AdminAuditInterceptor],
})
export class AdminModule {}
