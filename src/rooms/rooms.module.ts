import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ChatRoom, ChatRoomSchema } from './room.schema';
import { RoomsController } from './rooms.controller';
import { RoomsRepository } from './rooms.repository';
import { RoomsService } from './rooms.service';
import { RoomOwnerGuard } from './room-owner.guard';
import { RoomDetailsCache } from './room-details-cache';

@Module({
  imports: [MongooseModule.forFeature([{ name: ChatRoom.name, schema: ChatRoomSchema }])],
  controllers: [RoomsController],
  providers: [RoomsService, RoomsRepository, RoomOwnerGuard, RoomDetailsCache],
  exports: [RoomsService, RoomsRepository, RoomOwnerGuard, RoomDetailsCache],
})
export class RoomsModule {}
