import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { InvalidEnvironmentError, nestLogLevels, validateEnv } from './config/env.schema';

async function bootstrap(): Promise<void> {
  // Validate first so a bad environment ends in one message, not a stack trace.
  let env;
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
    logger: nestLogLevels(env.LOG_LEVEL),
  });
  configureApp(app);
  await app.listen(env.PORT, env.HOST);
  new Logger('Bootstrap').log(
    `CareGuide Chat API listening on http://${env.HOST}:${env.PORT} (docs at /docs)`,
  );
}

void bootstrap();
