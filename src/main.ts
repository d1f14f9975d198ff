// The runtime check first, then tracing, which instruments modules as they load.
import './runtime-check';
import { stopTracing } from './tracing';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { Logger as PinoLogger } from 'nestjs-pino';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { InvalidEnvironmentError, validateEnv, type Env } from './config/env.schema';

/** Extra time, beyond SHUTDOWN_GRACE_MS, for closing the server and the database. */
const SHUTDOWN_CLOSE_MARGIN_MS = 5_000;

async function bootstrap(): Promise<void> {
  // Validate first so a bad environment ends in one message, not a stack trace.
  let env: Env;
  try {
    env = validateEnv(process.env);
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(), {
    bodyParser: false,
    bufferLogs: true,
    // By then open streams have ended (StreamLifecycle drains them first): idle keep-alive
    // connections, and requests that came in after, must not hold the exit.
    forceCloseConnections: true,
  });
  app.useLogger(app.get(PinoLogger));
  configureApp(app);
  // Nest passes extra arguments on to http.Server.listen(port, host, backlog); its
  // typings only name a callback there.
  const listen = app.listen.bind(app) as (...args: unknown[]) => Promise<unknown>;
  await listen(env.PORT, env.HOST, env.HTTP_LISTEN_BACKLOG);
  const logger = new Logger('Bootstrap');
  logger.log(
    `CareGuide Chat API listening on http://${env.HOST}:${env.PORT} (chat at /, docs at /docs)`,
  );

  // SIGTERM (Kubernetes, docker stop) and Ctrl-C: end open streams with their partials
  // stored, close the server and the database, exit 0. A stuck close still exits.
  const shutdown = (signal: NodeJS.Signals) => {
    logger.log(`${signal} received: shutting down`);
    setTimeout(() => {
      logger.error('shutdown took too long; exiting anyway');
      process.exit(1);
    }, env.SHUTDOWN_GRACE_MS + SHUTDOWN_CLOSE_MARGIN_MS).unref();
    app
      .close()
      .then(() => stopTracing())
      .then(
        () => process.exit(0),
        (error: Error) => {
          logger.error(`shutdown failed: ${error.message}`);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

void bootstrap();
