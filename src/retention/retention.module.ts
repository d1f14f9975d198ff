import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Conversation, ConversationSchema } from '../conversations/conversation.schema';
import { LeasesModule } from '../leases/leases.module';
import { ChatRoom, ChatRoomSchema } from '../rooms/room.schema';
import { RoomsModule } from '../rooms/rooms.module';
import { StreamsModule } from '../streams/streams.module';
import { RetentionRepository } from './retention.repository';
import { RoomRetention } from './room-retention';

/** The scheduled retirement and purge of old rooms. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ChatRoom.name, schema: ChatRoomSchema },
      { name: Conversation.name, schema: ConversationSchema },
    ]),
    StreamsModule,
    RoomsModule,
    LeasesModule,
  ],
  providers: [RetentionRepository, RoomRetention],
})
export class RetentionModule {}
