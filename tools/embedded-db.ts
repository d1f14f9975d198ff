/**
 * One launcher for the development and test database, used by `npm run dev`,
 * `npm run db` and the jest global setup.
 *
 * Order of preference:
 *   1. MONGODB_URI set: use it, start nothing.
 *   2. A real mongod through mongodb-memory-server-core: when MONGOMS_SYSTEM_BINARY
 *      is set, when `mongod` is on PATH, or when its download host resolves.
 *   3. FerretDB 1.24 embedded by our Go program in tools/ferretdb (SQLite backend in
 *      a temporary directory), built with `go build` on first use into .cache/.
 * EMBEDDED_DB=mongod|ferretdb skips the choice. EMBEDDED_DB=ferretdb-postgresql runs
 * FerretDB on a PostgreSQL (POSTGRES_URL, default postgres://postgres@127.0.0.1:5432),
 * in a database of its own that is dropped on stop: much sturdier under many concurrent
 * writes than SQLite, the engine to load-test on when there is no mongod.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { existsSync, mkdtempSync, renameSync, rmSync, statSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export type DatabaseEngine = 'external' | 'mongod' | 'ferretdb' | 'ferretdb-postgresql';

/** What each engine is called in logs and reports. */
export const ENGINE_LABELS: Record<DatabaseEngine, string> = {
  external: 'external MongoDB (MONGODB_URI)',
  mongod: 'mongod (mongodb-memory-server)',
  ferretdb: 'FerretDB 1.24 on SQLite (embedded)',
  'ferretdb-postgresql': 'FerretDB 1.24 on PostgreSQL',
};

const ENGINE_CHOICES = ['auto', 'mongod', 'ferretdb', 'ferretdb-postgresql'] as const;
export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432';
const FERRETDB_POSTGRES_MAX_CONNECTIONS = 40;

export interface EmbeddedDatabase {
  readonly uri: string;
  readonly engine: DatabaseEngine;
  /**
   * Kills the server at once (an outage) but keeps its data and port, so `resume` brings the
   * same database back.
   */
  suspend(): Promise<void>;
  resume(): Promise<void>;
  /**
   * Freezes the server's process (SIGSTOP): connections stay open and nothing answers, a
   * stalled database. `thaw` lets it go on (SIGCONT).
   */
  freeze(): void;
  thaw(): void;
  /** Stops the server for good and removes its data. */
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  /** Ignore MONGODB_URI and always start a server of our own (tests that stop the database). */
  ownServer?: boolean;
  log?: (line: string) => void;
}

const REPO_ROOT = resolve(__dirname, '..');
const FERRETDB_SOURCE_DIR = join(REPO_ROOT, 'tools', 'ferretdb');
const FERRETDB_BINARY = join(REPO_ROOT, '.cache', 'ferretdb', 'ferretdb');
const FERRETDB_START_TIMEOUT_MS = 30_000;
const FERRETDB_STOP_TIMEOUT_MS = 5_000;
const MONGOD_DOWNLOAD_HOST = 'fastdl.mongodb.org';
const DNS_PROBE_TIMEOUT_MS = 1_500;

export async function startEmbeddedDatabase(
  options: EmbeddedDatabaseOptions = {},
): Promise<EmbeddedDatabase> {
  const log = options.log ?? ((line: string) => console.warn(line));
  const externalUri = process.env.MONGODB_URI;
  if (externalUri && !options.ownServer) {
    log('[db] MONGODB_URI is set: using it, starting no database');
    return externalDatabase(externalUri);
  }

  const wanted = process.env.EMBEDDED_DB ?? 'auto';
  if (!(ENGINE_CHOICES as readonly string[]).includes(wanted)) {
    throw new Error(`EMBEDDED_DB must be one of ${ENGINE_CHOICES.join(', ')} (got "${wanted}")`);
  }
  if (wanted === 'ferretdb-postgresql') {
    const db = await startFerretDbOnPostgres(log, process.env.POSTGRES_URL ?? DEFAULT_POSTGRES_URL);
    log(`[db] started ${ENGINE_LABELS[db.engine]} at ${db.uri}`);
    return db;
  }
  if (wanted === 'mongod' || (wanted === 'auto' && (await mongodLooksAvailable()))) {
    try {
      const db = await startMongod();
      log(`[db] started mongod (mongodb-memory-server) at ${db.uri}`);
      return db;
    } catch (error) {
      if (wanted === 'mongod') throw error;
      log(`[db] mongod could not start (${(error as Error).message}); falling back to FerretDB`);
    }
  }
  const db = await startFerretDb(log);
  log(`[db] started ${ENGINE_LABELS[db.engine]} at ${db.uri}`);
  return db;
}

/** Whether a PostgreSQL answers at `url` and `psql` is there to create a database in it. */
export function postgresAvailable(url = process.env.POSTGRES_URL ?? DEFAULT_POSTGRES_URL): boolean {
  if (!findOnPath('psql')) return false;
  const probe = spawnSync('psql', [`${url}/postgres`, '-tAc', 'select 1'], {
    encoding: 'utf8',
    timeout: DNS_PROBE_TIMEOUT_MS,
  });
  return probe.status === 0;
}

function externalDatabase(uri: string): EmbeddedDatabase {
  const refuse = () => Promise.reject(new Error('an external MONGODB_URI cannot be suspended'));
  return {
    uri,
    engine: 'external',
    suspend: refuse,
    resume: refuse,
    freeze: () => {
      throw new Error('an external MONGODB_URI cannot be frozen');
    },
    thaw: () => undefined,
    stop: () => Promise.resolve(),
  };
}

async function mongodLooksAvailable(): Promise<boolean> {
  if (process.env.MONGOMS_SYSTEM_BINARY) return true;
  const onPath = findOnPath('mongod');
  if (onPath) {
    process.env.MONGOMS_SYSTEM_BINARY = onPath;
    return true;
  }
  // Without a local binary, mongodb-memory-server downloads one; only worth trying
  // when its download host resolves at all.
  const probe = lookup(MONGOD_DOWNLOAD_HOST).then(
    () => true,
    () => false,
  );
  const timeout = new Promise<boolean>((done) =>
    setTimeout(() => done(false), DNS_PROBE_TIMEOUT_MS).unref(),
  );
  return Promise.race([probe, timeout]);
}

function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

async function startMongod(): Promise<EmbeddedDatabase> {
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const server = await MongoMemoryServer.create({ instance: { ip: '127.0.0.1' } });
  return {
    uri: server.getUri(),
    engine: 'mongod',
    suspend: async () => {
      await server.stop({ doCleanup: false });
    },
    resume: async () => {
      await server.start(true);
    },
    freeze: () => server.instanceInfo?.instance.mongodProcess?.kill('SIGSTOP'),
    thaw: () => server.instanceInfo?.instance.mongodProcess?.kill('SIGCONT'),
    stop: async () => {
      await server.stop({ doCleanup: true, force: true });
    },
  };
}

/** Builds tools/ferretdb when the binary is missing or older than its sources. */
export function ensureFerretDbBinary(log: (line: string) => void = console.warn): string {
  const sources = ['main.go', 'go.mod', 'go.sum'].map((file) => join(FERRETDB_SOURCE_DIR, file));
  const newestSource = Math.max(...sources.map((file) => statSync(file).mtimeMs));
  if (existsSync(FERRETDB_BINARY) && statSync(FERRETDB_BINARY).mtimeMs >= newestSource) {
    return FERRETDB_BINARY;
  }
  if (!findOnPath('go')) {
    throw new Error(
      'No database available: set MONGODB_URI, install mongod (or set MONGOMS_SYSTEM_BINARY), ' +
        'or install Go >= 1.24 so the embedded FerretDB in tools/ferretdb can be built.',
    );
  }
  log(
    '[db] building the embedded FerretDB (tools/ferretdb) with go build; the first build takes a minute or two',
  );
  mkdirSync(join(REPO_ROOT, '.cache', 'ferretdb'), { recursive: true });
  const partial = `${FERRETDB_BINARY}.${process.pid}.tmp`;
  const build = spawnSync('go', ['build', '-o', partial, '.'], {
    cwd: FERRETDB_SOURCE_DIR,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0) {
    rmSync(partial, { force: true });
    throw new Error(`go build of tools/ferretdb failed (exit ${build.status ?? build.signal})`);
  }
  // Rename is atomic, so a concurrent launcher never runs a half-written binary.
  renameSync(partial, FERRETDB_BINARY);
  return FERRETDB_BINARY;
}

/** Runs SQL in one database of a PostgreSQL; returns what it printed, unaligned. */
export function psql(url: string, sql: string, database = 'postgres'): string {
  const result = spawnSync('psql', [`${url}/${database}`, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], {
    encoding: 'utf8',
  });
  if (result.status !== 0)
    throw new Error(`psql failed (${result.status ?? result.signal}): ${result.stderr.trim()}`);
  return result.stdout.trim();
}

/** The fields the API looks documents up by (each has an index in the app's schemas). */
const LOOKUP_FIELDS = ['room_id', 'user_id', 'session_id', 'stream_id', 'message_id'];

/**
 * FerretDB 1.24 sends an equality filter to PostgreSQL as JSONB containment
 * (`_jsonb->'room_id' @> '"room_…"'`), which the btree indexes it builds for the app's
 * indexes cannot serve: every lookup and every update (it reads before it writes) scans
 * the whole table, so a room's summary update costs more the more rooms there are. In
 * this database, each table FerretDB creates also gets a GIN index per lookup field,
 * which serves containment. Statements are planned with their parameters: FerretDB passes
 * the field name as one, so a generic plan could never use these indexes, and none of its
 * prepared statements may settle on one.
 */
function indexedEqualitySql(database: string): string {
  const fields = LOOKUP_FIELDS.map((field) => `'${field}'`).join(', ');
  return `
ALTER DATABASE ${database} SET plan_cache_mode = force_custom_plan;
CREATE FUNCTION careguide_lookup_indexes() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
  created record;
  field text;
BEGIN
  FOR created IN
    SELECT objid::regclass AS tab FROM pg_event_trigger_ddl_commands()
    WHERE command_tag = 'CREATE TABLE' AND object_type = 'table'
  LOOP
    CONTINUE WHEN NOT EXISTS (
      SELECT 1 FROM pg_attribute WHERE attrelid = created.tab AND attname = '_jsonb'
    ) OR starts_with((SELECT relname FROM pg_class WHERE oid = created.tab), '_ferretdb');
    FOREACH field IN ARRAY ARRAY[${fields}] LOOP
      EXECUTE format('CREATE INDEX ON %s USING gin ((_jsonb -> %L))', created.tab, field);
    END LOOP;
  END LOOP;
END $$;
CREATE EVENT TRIGGER careguide_lookup_indexes ON ddl_command_end
  WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION careguide_lookup_indexes();`;
}

/**
 * A PostgreSQL on this machine is reached without TLS: on loopback it protects nothing, and
 * FerretDB spent about a tenth of its CPU encrypting for it under load (perf, 5,000
 * streams). A remote one keeps the driver's default (TLS when the server offers it).
 */
function loopbackTls(postgresUrl: string): string {
  const host = new URL(postgresUrl).hostname;
  return ['127.0.0.1', 'localhost', '[::1]'].includes(host) ? '&sslmode=disable' : '';
}

async function startFerretDbOnPostgres(
  log: (line: string) => void,
  postgresUrl: string,
): Promise<EmbeddedDatabase> {
  const binary = ensureFerretDbBinary(log);
  const database = `careguide_ferretdb_${process.pid}_${Date.now()}`;
  psql(postgresUrl, `CREATE DATABASE ${database}`);
  try {
    psql(postgresUrl, indexedEqualitySql(database), database);
  } catch (error) {
    // An event trigger takes a superuser; without one, lookups read whole tables as before.
    log(`[db] lookups on PostgreSQL will scan whole tables: ${(error as Error).message}`);
  }
  // Below PostgreSQL's own connection limit (100 by default), which FerretDB would otherwise exhaust under load.
  const backend = [
    '-handler',
    'postgresql',
    '-postgresql-url',
    `${postgresUrl}/${database}?pool_max_conns=${FERRETDB_POSTGRES_MAX_CONNECTIONS}${loopbackTls(postgresUrl)}`,
  ];
  let child = await spawnFerretDb(binary, backend, '127.0.0.1:0');
  const uri = child.uri;
  const address = new URL(uri).host;
  return {
    uri,
    engine: 'ferretdb-postgresql',
    suspend: () => killChild(child.process),
    resume: async () => {
      child = await spawnFerretDb(binary, backend, address);
    },
    freeze: () => child.process.kill('SIGSTOP'),
    thaw: () => child.process.kill('SIGCONT'),
    stop: async () => {
      await stopChild(child.process);
      psql(postgresUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    },
  };
}

async function startFerretDb(log: (line: string) => void): Promise<EmbeddedDatabase> {
  const binary = ensureFerretDbBinary(log);
  const dataDir = mkdtempSync(join(tmpdir(), 'careguide-ferretdb-'));
  let child = await spawnFerretDb(binary, ['-sqlite-dir', dataDir], '127.0.0.1:0');
  const uri = child.uri;
  const address = new URL(uri).host;
  return {
    uri,
    engine: 'ferretdb',
    suspend: () => killChild(child.process),
    resume: async () => {
      child = await spawnFerretDb(binary, ['-sqlite-dir', dataDir], address);
    },
    freeze: () => child.process.kill('SIGSTOP'),
    thaw: () => child.process.kill('SIGCONT'),
    stop: async () => {
      await stopChild(child.process);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface FerretDbChild {
  process: ChildProcessWithoutNullStreams;
  uri: string;
}

function spawnFerretDb(binary: string, backend: string[], listen: string): Promise<FerretDbChild> {
  // stdin stays an open pipe: if this process dies, FerretDB sees EOF and exits too.
  const child = spawn(binary, ['-listen', listen, ...backend, '-exit-on-stdin-close']);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`FerretDB did not start within ${FERRETDB_START_TIMEOUT_MS} ms: ${stderr}`));
    }, FERRETDB_START_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`FerretDB exited with code ${code}: ${stderr}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^MONGODB_URI=(.+)$/.exec(line);
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      done({ process: child, uri: match[1] });
    });
  });
}

/** The database dies at once (an outage), without FerretDB's graceful wait for its clients. */
function killChild(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}

function stopChild(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), FERRETDB_STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}
