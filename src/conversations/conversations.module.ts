import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ConversationRepository } from './conversation.repository';
import { Conversation, ConversationSchema } from './conversation.schema';

/** Storage of finished, cancelled and failed turns (`conversation_history`). */
@Module({
  imports: [MongooseModule.forFeature([{ name: Conversation.name, schema: ConversationSchema }])],
  providers: [ConversationRepository],
  exports: [ConversationRepository],
})
export class ConversationsModule {}
