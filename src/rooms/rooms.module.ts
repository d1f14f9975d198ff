import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ChatRoom, ChatRoomSchema } from './room.schema';
import { RoomsController } from './rooms.controller';
import { RoomsRepository } from './rooms.repository';
import { RoomsService } from './rooms.service';
import { RoomOwnerGuard } from './room-owner.guard';

@Module({
  imports: [MongooseModule.forFeature([{ name: ChatRoom.name, schema: ChatRoomSchema }])],
  controllers: [RoomsController],
  providers: [RoomsService, RoomsRepository, RoomOwnerGuard],
  exports: [RoomsService, RoomsRepository, RoomOwnerGuard],
})
export class RoomsModule {}
