/**
 * The baseline of `npm run bench`: a bare NestJS app on the same platform (express),
 * with no guards, pipes, database writes or journal. GET /sse streams the same shape of
 * answer as the API's simulated LLM (start, WORDS chunks DELAY_MS apart, done); GET
 * /rooms runs the query GET /api/rooms runs, with the raw MongoDB driver (the one mongoose
 * bundles); GET /lag
 * reports the event-loop delay p99 since the last call.
 */
import 'reflect-metadata';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Controller, Get, Module, Query, Sse, type MessageEvent } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
import { mongo } from 'mongoose';
import { concat, defer, interval, map, of, take, type Observable } from 'rxjs';

const WORDS = Number(process.env.BARE_WORDS ?? 20);
const DELAY_MS = Number(process.env.BARE_DELAY_MS ?? 100);
const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();
let rooms: mongo.Collection | undefined;

@Controller()
class BareController {
  @Sse('sse')
  stream(): Observable<MessageEvent> {
    let id = 1;
    return concat(
      of<MessageEvent>({ id: String(id), type: 'start', data: { stream_id: 'bare' } }),
      interval(DELAY_MS).pipe(
        take(WORDS),
        map((n): MessageEvent => ({
          id: String((id += 1)),
          type: 'chunk',
          data: { content: ` word${n}` },
        })),
      ),
      // Read when the chunks are over, so its id follows the last chunk's.
      defer(() =>
        of<MessageEvent>({ id: String(id + 1), type: 'done', data: { message_id: null } }),
      ),
    );
  }

  @Get('rooms')
  async listRooms(@Query('user_id') userId: string): Promise<object> {
    const filter = { user_id: userId, is_deleted: false };
    const [items, total] = await Promise.all([
      rooms!.find(filter).sort({ last_activity: -1, room_id: 1 }).skip(0).limit(20).toArray(),
      rooms!.countDocuments(filter),
    ]);
    return { rooms: items, total };
  }

  @Get('lag')
  lag(): { p99_ms: number } {
    const p99 = lag.percentile(99) / 1e6;
    lag.reset();
    return { p99_ms: p99 };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

async function main(): Promise<void> {
  if (process.env.MONGODB_URI) {
    const client = await mongo.MongoClient.connect(process.env.MONGODB_URI);
    rooms = client.db(process.env.MONGODB_DB_NAME ?? 'careguide').collection('chat_rooms');
  }
  const app = await NestFactory.create(BareModule, { logger: ['error'] });
  // The same accept queue as the API's (HTTP_LISTEN_BACKLOG), so neither side's
  // connects are retried by the kernel while the other's are not.
  const listen = app.listen.bind(app) as (...args: unknown[]) => Promise<unknown>;
  await listen(Number(process.env.PORT ?? 0), '127.0.0.1', 4_096);
  const server = app.getHttpServer() as Server;
  process.stdout.write(`LISTENING ${(server.address() as { port: number }).port}\n`);
}

void main();
