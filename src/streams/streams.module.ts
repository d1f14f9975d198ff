import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ActiveStream, ActiveStreamSchema } from './active-stream.schema';
import { ActiveStreamsRepository } from './active-streams.repository';
import { StreamCoordinator } from './stream-coordinator';
import { StreamDrain } from './stream-drain';
import { StreamHeartbeat } from './stream-heartbeat';
import { StreamOperations } from './stream-operations';
import { StreamRegistry } from './stream-registry';

/** Running streams of this instance and their `active_streams` records. */
@Module({
  imports: [MongooseModule.forFeature([{ name: ActiveStream.name, schema: ActiveStreamSchema }])],
  providers: [
    StreamRegistry,
    ActiveStreamsRepository,
    StreamHeartbeat,
    StreamDrain,
    StreamCoordinator,
    StreamOperations,
  ],
  exports: [StreamRegistry, ActiveStreamsRepository, StreamCoordinator, StreamOperations],
})
export class StreamsModule {}
