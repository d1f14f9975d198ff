/**
 * What one drill runs, on loopback only: its own database process (FerretDB, which the
 * drill may kill), its own Redis on a free port (never the machine's 6379), production
 * builds of the API as child processes, and an OpenAI-compatible upstream whose faults it
 * chooses. Everything a fleet started is stopped by close(), whatever state the drill
 * left it in; the runner also closes every open fleet on Ctrl-C.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chooseEngine as chooseSturdiest, tokenFor as signedToken } from '../../bench/lib/fixtures';
import {
  startEmbeddedDatabase,
  type DatabaseEngine,
  type EmbeddedDatabase,
} from '../../tools/embedded-db';
import {
  freePort,
  httpReady,
  scrapeMetrics,
  startChild,
  type Child,
} from '../../bench/lib/processes';
import { JsonClient } from '../../bench/lib/sse-load';
import { OwnRedis } from '../../test/support/redis-server';
import { FakeOpenAiServer } from '../../test/support/fake-openai-server';

export const ROOT = join(__dirname, '..', '..');
export const HOST = '127.0.0.1';
export const DB_NAME = 'careguide_drills';
const JWT_SECRET = 'careguide-drills-secret-with-more-than-32-characters';

const started = Date.now();

/** Progress on stderr, with the seconds since the run started. */
export function log(line: string): void {
  process.stderr.write(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)}  ${line}\n`);
}

/** The sturdiest database here, as the benchmark picks it (EMBEDDED_DB overrides it). */
export function chooseEngine(): DatabaseEngine {
  return chooseSturdiest(process.env.EMBEDDED_DB);
}

/** An HS256 token for `user`, signed with the secret the drills' instances use. */
export function tokenFor(user: string): Promise<string> {
  return signedToken(user, JWT_SECRET);
}

/** One API instance: a production build (dist/src/main.js) in a child process. */
export interface Api {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  readonly child: Child;
  readonly client: JsonClient;
  /** Resolves with the exit code (null when a signal ended it) once the process is gone. */
  readonly exited: Promise<number | null>;
}

const openFleets = new Set<Fleet>();

/** Closes every fleet still open (Ctrl-C, a crash of the runner). */
export async function closeAllFleets(): Promise<void> {
  await Promise.all([...openFleets].map((fleet) => fleet.close()));
}

export class Fleet {
  private readonly apis = new Set<Api>();
  private readonly redises: OwnRedis[] = [];
  private readonly databases: EmbeddedDatabase[] = [];
  private readonly upstreams: FakeOpenAiServer[] = [];
  private closed = false;

  constructor() {
    openFleets.add(this);
  }

  /** A database of this drill's own; suspend() kills its process, resume() brings it back. */
  async database(): Promise<EmbeddedDatabase> {
    this.assertOpen();
    const began = Date.now();
    const db = await startEmbeddedDatabase({ ownServer: true, log: () => undefined });
    this.databases.push(db);
    log(`[drills]   database ready in ${Date.now() - began} ms`);
    return db;
  }

  /** A Redis of this drill's own on a free loopback port: kill() and start() again keep the port. */
  async redis(): Promise<OwnRedis> {
    this.assertOpen();
    const redis = new OwnRedis();
    this.redises.push(redis);
    await redis.start();
    return redis;
  }

  /** An OpenAI-compatible server on loopback whose behaviour the drill sets; returns its base URL. */
  async upstream(): Promise<{ server: FakeOpenAiServer; baseUrl: string }> {
    this.assertOpen();
    const server = new FakeOpenAiServer();
    const baseUrl = await server.start();
    this.upstreams.push(server);
    return { server, baseUrl };
  }

  /** Starts an instance against `db` with `env` on top of the production settings; waits for /healthz. */
  async api(name: string, db: EmbeddedDatabase, env: Record<string, string> = {}): Promise<Api> {
    this.assertOpen();
    const began = Date.now();
    const port = await freePort();
    const child = await startChild(
      process.execPath,
      [join(ROOT, 'dist', 'src', 'main.js')],
      {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        PORT: String(port),
        HOST,
        MONGODB_URI: db.uri,
        MONGODB_DB_NAME: DB_NAME,
        JWT_SECRET,
        ...env,
      },
      () => httpReady(`http://${HOST}:${port}/healthz`),
    );
    const exited = new Promise<number | null>((resolve) => {
      if (child.process.exitCode !== null || child.process.signalCode !== null)
        resolve(child.process.exitCode);
      else child.process.once('exit', (code) => resolve(code));
    });
    const api: Api = {
      name,
      port,
      url: `http://${HOST}:${port}`,
      child,
      client: new JsonClient(HOST, port, 32),
      exited,
    };
    this.apis.add(api);
    log(`[drills]   instance ${name} ready in ${Date.now() - began} ms`);
    return api;
  }

  /** Writes what each instance printed last (warnings and errors) to `dir`/`prefix`-<name>.log. */
  saveLogs(dir: string, prefix: string): string[] {
    mkdirSync(dir, { recursive: true });
    return [...this.apis].map((api) => {
      const file = join(dir, `${prefix}-${api.name}.log`);
      writeFileSync(file, api.child.output());
      return file;
    });
  }

  /** Stops everything this fleet started: instances at once (SIGKILL), then Redis, upstreams, databases. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    openFleets.delete(this);
    await Promise.all(
      [...this.apis].map(async (api) => {
        api.client.close();
        await api.child.stop('SIGKILL');
      }),
    );
    await Promise.all(this.redises.map((redis) => redis.stop().catch(() => undefined)));
    await Promise.all(this.upstreams.map((server) => within(2_000, server.stop())));
    await Promise.all(this.databases.map((db) => db.stop().catch(() => undefined)));
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the drill is over (timed out): its fleet is closed');
  }
}

/** Waits for `work` at most `ms`; a close that hangs must not hold the run up. */
function within(ms: number, work: Promise<unknown>): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(done, ms);
    void work
      .catch(() => undefined)
      .finally(() => {
        clearTimeout(timer);
        done();
      });
  });
}

/** The instance's /metrics as a map from series (name and labels) to value. */
export function metricsOf(api: Api): Promise<Map<string, number>> {
  return scrapeMetrics(api.url);
}
