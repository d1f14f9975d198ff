import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Request, Response, NextFunction } from 'express';
import type { Connection } from 'mongoose';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { mediaTypeOf, observedAnswersDir, recordAnswer } from './openapi-conformance';

export interface TestApp {
  app: NestExpressApplication;
  /** `http://127.0.0.1:<port>`: tests talk to the app over real HTTP. */
  url: string;
  /** The app's own database connection, to read what was stored. */
  db: Connection;
  close(): Promise<void>;
}

export const TEST_DB_NAME = 'careguide_test';

const ANSWERS_DIR = observedAnswersDir(join(__dirname, '..', '..'));

/**
 * Records the kind of every answer the app sends, for the OpenAPI conformance check
 * (test/support/openapi-conformance.ts). On `close`, so streams cut by their client count too.
 */
function recordAnswers(req: Request, res: Response, next: NextFunction): void {
  res.once('close', () => {
    if (!res.headersSent) return;
    const path = req.originalUrl.split('?')[0];
    const route: unknown = (req.route as { path?: unknown } | undefined)?.path;
    recordAnswer(ANSWERS_DIR, typeof route === 'string' ? route : path, {
      method: req.method,
      path,
      status: res.statusCode,
      contentType: mediaTypeOf(res.getHeader('content-type')),
    });
  });
  next();
}

/**
 * Starts the real app on a free loopback port against the e2e database. `env`
 * overrides variables for this app only (they are read when the module is built).
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const saved = new Map(Object.entries(process.env));
  Object.assign(
    process.env,
    {
      NODE_ENV: 'test',
      MONGODB_DB_NAME: TEST_DB_NAME,
      LOG_LEVEL: 'error',
      // Suites create many rooms and messages; the rate-limit suite sets its own limits.
      RATE_LIMIT_ROOM_CREATES: '1000000',
      RATE_LIMIT_MESSAGES: '1000000',
    },
    env,
  );
  try {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot()] }).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({
      bodyParser: false,
      logger: ['error', 'fatal'],
      // As in main.ts: closing the app ends connections a test's client left open.
      forceCloseConnections: true,
    });
    // First, so it sees the answers of every later middleware too (413, 415, hostile input).
    app.use(recordAnswers);
    configureApp(app);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    return {
      app,
      url: `http://127.0.0.1:${port}`,
      db: app.get<Connection>(getConnectionToken()),
      close: () => app.close(),
    };
  } finally {
    // The config module writes its defaults into process.env; put everything back.
    for (const key of Object.keys(process.env)) if (!saved.has(key)) delete process.env[key];
    for (const [key, value] of saved) process.env[key] = value;
  }
}
