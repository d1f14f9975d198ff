/**
 * `npm run bench` (`-- --quick` for the smoke run in .ci/run): the stream engine under
 * load, each figure beside a baseline measured in the same run, on loopback only, with
 * bounded counts and time. Starts what it needs: the database (the best engine here:
 * mongod, else FerretDB on PostgreSQL, else FerretDB on SQLite), a production build of
 * the API, a bare NestJS app as the baseline, its own Redis for the cross-instance
 * figure, and an OpenAI-compatible server for the relay figure. Writes
 * bench/results/latest.json and docs/benchmarks.md (with an SVG chart).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, totalmem, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ENGINE_LABELS, startEmbeddedDatabase, type EmbeddedDatabase } from '../tools/embedded-db';
import {
  cpuMs,
  freePort,
  machineBusyMs,
  scrapeMetrics,
  httpReady,
  rssMb,
  startChild,
  watchPeakRss,
  type Child,
} from './lib/processes';
import { chooseEngine, tokenFor } from './lib/fixtures';
import {
  inParallel,
  JsonClient,
  runStream,
  runStreams,
  type StreamRequest,
  type StreamTiming,
} from './lib/sse-load';
import { RemoteProfiler } from './lib/profiler';
import { medianOfRounds, round, spread } from './lib/stats';
import { renderReport, type BenchResults, type ConcurrencyFigure } from './report';

const ROOT = join(__dirname, '..');
const HOST = '127.0.0.1';
const JWT_SECRET = 'careguide-bench-secret-with-more-than-32-characters';
const WORDS = 20;
const DELAY_MS = 100;
/** Streams waiting for their first event at once: the accept queue is never overrun. */
const CONNECTING = 1_000;
/** A concurrency run's streams still open after this long are abandoned (and failed). */
const RUN_LIMIT_MS = 120_000;
/**
 * Streams each server runs, all at once, before a concurrency run is measured (fewer when
 * the run itself is smaller): by then the code on the stream path is optimised, as on a
 * server that has been up for a while. Cold, the first 1,000 streams cost the API 2.8 ms
 * of CPU each and the bare route 1.05 ms; after this warm-up, 1.9 and 0.8 ms.
 */
const WARM_UP_STREAMS = 1_000;
/**
 * After the warm-up, the run waits until the writes behind its streams are over: the
 * machine (the API, the database) has been quiet for a whole window, or at most the limit.
 */
const SETTLE_WINDOW_MS = 1_000;
const SETTLE_BUSY_SHARE = 0.1;
const SETTLE_LIMIT_MS = 60_000;
/**
 * Counts up to ROUNDS_UP_TO streams are measured ROUNDS times on each side (the bare route's
 * rounds, then the API's, each on sessions of its own); each figure is the median of the rounds.
 * A single burst of 1,000 streams moves with whatever else the virtual machine does then
 * (the API's first event p99 ranged from 1.6 to 5.5 times the bare route's over single runs).
 */
const ROUNDS = 3;
const ROUNDS_UP_TO = 1_000;

const quick = process.argv.includes('--quick');
const argument = (name: string) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
/** --engine=ferretdb|ferretdb-postgresql|mongod overrides the choice of database. */
const engineArg = argument('engine');
/** --streams=N[,N...] runs only the concurrency figure, at these counts (for profiling). */
const streamsArg = argument('streams');
/** --cpu-prof writes CPU profiles of the API and of the bare route during each concurrency run into .cache/profiles/. */
const cpuProfile = process.argv.includes('--cpu-prof');
const PLAN = quick
  ? { concurrency: [300], stops: 20, roomsSeconds: 3, relayTokens: 200, commandTurns: 10 }
  : {
      concurrency: [1_000, 5_000, 10_000],
      stops: 100,
      roomsSeconds: 10,
      relayTokens: 1_000,
      commandTurns: 40,
    };

const children = new Set<Child>();
/**
 * Each part of the run writes into a database of its own: what thousands of streams left
 * behind (rooms, turns, records) must not slow down the parts measured after them.
 */
let databaseName = 'careguide_bench';
function freshDatabase(part: string): void {
  databaseName = `careguide_bench_${part}`;
}
let database: EmbeddedDatabase | undefined;

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

interface Api {
  child: Child;
  port: number;
  client: JsonClient;
  inspectPort?: number;
}

async function startApi(extraEnv: Record<string, string> = {}): Promise<Api> {
  const port = await freePort();
  const inspectPort = cpuProfile ? await freePort() : undefined;
  const child = await startChild(
    process.execPath,
    [
      ...(inspectPort ? [`--inspect=${HOST}:${inspectPort}`] : []),
      join(ROOT, 'dist', 'src', 'main.js'),
    ],
    {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST,
      MONGODB_URI: database?.uri,
      MONGODB_DB_NAME: databaseName,
      JWT_SECRET,
      STREAM_CAPACITY: '20000',
      SIMULATED_LLM_DELAY_MS: String(DELAY_MS),
      SIMULATED_LLM_WORDS: String(WORDS),
      ...extraEnv,
    },
    () => httpReady(`http://${HOST}:${port}/healthz`),
  );
  children.add(child);
  return { child, port, client: new JsonClient(HOST, port, 64), inspectPort };
}

async function stopApi(api: Api): Promise<void> {
  api.client.close();
  await api.child.stop();
  children.delete(api.child);
}

/** The bare NestJS app of bench/bare-server.ts, the baseline. */
interface Bare {
  child: Child;
  port: number;
  inspectPort?: number;
}

async function startBare(): Promise<Bare> {
  const inspectPort = cpuProfile ? await freePort() : undefined;
  const child = await startChild(
    process.execPath,
    [
      ...(inspectPort ? [`--inspect=${HOST}:${inspectPort}`] : []),
      '-r',
      'ts-node/register/transpile-only',
      join(__dirname, 'bare-server.ts'),
    ],
    {
      PATH: process.env.PATH,
      MONGODB_URI: database?.uri,
      MONGODB_DB_NAME: databaseName,
      BARE_WORDS: String(WORDS),
      BARE_DELAY_MS: String(DELAY_MS),
    },
    (output) => /LISTENING \d+/.test(output),
  );
  children.add(child);
  return { child, port: Number(/LISTENING (\d+)/.exec(child.output())?.[1]), inspectPort };
}

/** One user with a room and a session in it, through the API. */
/**
 * A setup call (creating rooms and sessions, before anything is timed). The database may
 * answer 503 for a moment while thousands of rooms are created at once: such a call is
 * tried again a few times; any other answer stops the run with what the server said.
 */
async function setupCall<T>(
  api: Api,
  path: string,
  body: unknown,
  auth: Record<string, string>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const res = await api.client.call('POST', path, body, auth);
    if (res.status === 201 || res.status === 200) return (res.json as { data: T }).data;
    if (res.status !== 503 || attempt === 5)
      throw new Error(`setup: POST ${path} answered ${res.status}: ${JSON.stringify(res.json)}`);
    await new Promise((done) => setTimeout(done, 250 * attempt));
  }
}

async function conversation(
  api: Api,
  user: string,
): Promise<{ token: string; roomId: string; sessionId: string }> {
  const token = await tokenFor(user, JWT_SECRET);
  const auth = { Authorization: `Bearer ${token}` };
  const room = await setupCall<{ room_id: string }>(api, '/api/rooms', {}, auth);
  const session = await setupCall<{ session_id: string }>(
    api,
    '/api/session/create',
    { room_id: room.room_id },
    auth,
  );
  return { token, roomId: room.room_id, sessionId: session.session_id };
}

/** The figures of one side (API or baseline) of a concurrency run. */
function streamFigures(timings: StreamTiming[], cpuBefore: number, cpuAfter: number) {
  const done = timings.filter((timing) => timing.terminal === 'done');
  return {
    completed: done.length,
    failed: timings.length - done.length,
    first_event_ms: spread(done.map((timing) => (timing.firstEventAt as number) - timing.sentAt)),
    last_chunk_to_terminal_ms: spread(
      done.map((timing) => (timing.terminalAt as number) - (timing.lastChunkAt as number)),
    ),
    cpu_ms_per_stream: round((cpuAfter - cpuBefore) / Math.max(1, timings.length), 3),
    errors: [...new Set(timings.flatMap((timing) => (timing.error ? [timing.error] : [])))].slice(
      0,
      5,
    ),
  };
}

function metricsOf(api: Api): Promise<Map<string, number>> {
  return scrapeMetrics(`http://${HOST}:${api.port}`);
}

function dbCommands(
  before: Map<string, number>,
  after: Map<string, number>,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [key, value] of after) {
    const match = /^db_query_seconds_count\{command="([^"]+)"\}$/.exec(key);
    if (!match) continue;
    const delta = value - (before.get(key) ?? 0);
    if (delta > 0) counts[match[1]] = delta;
  }
  return counts;
}

/**
 * With --cpu-prof, starts profiling a server over its inspector port; the returned
 * function stops and writes .cache/profiles/<name>.cpuprofile. Without, both do nothing.
 */
async function profileOf(inspectPort?: number): Promise<(name: string) => Promise<void>> {
  if (!inspectPort) return () => Promise.resolve();
  const profiler = new RemoteProfiler();
  await profiler.connect(inspectPort);
  await profiler.start();
  return async (name) => {
    mkdirSync(join(ROOT, '.cache', 'profiles'), { recursive: true });
    const file = join(ROOT, '.cache', 'profiles', `${name}.cpuprofile`);
    writeFileSync(file, JSON.stringify(await profiler.stop()));
    profiler.close();
    log(`[bench] CPU profile of the streaming phase: ${file}`);
  };
}

/**
 * Waits until every core together was busy less than SETTLE_BUSY_SHARE of a window (the
 * load generator is idle meanwhile, so what is busy is the servers and the database);
 * returns how long that took.
 */
async function quietMachine(): Promise<number> {
  const started = performance.now();
  const cores = cpus().length;
  while (performance.now() - started < SETTLE_LIMIT_MS) {
    const before = machineBusyMs();
    await new Promise((done) => setTimeout(done, SETTLE_WINDOW_MS));
    if (machineBusyMs() - before < SETTLE_BUSY_SHARE * SETTLE_WINDOW_MS * cores) break;
  }
  return performance.now() - started;
}

function warmUpOf(streams: number): number {
  return Math.min(streams, WARM_UP_STREAMS);
}

async function concurrency(streams: number): Promise<ConcurrencyFigure> {
  freshDatabase(`streams_${streams}`);
  const rounds = streams <= ROUNDS_UP_TO ? ROUNDS : 1;
  // The sides run one after the other, never beside each other: the writes behind the API's
  // streams would otherwise land in the bare route's bursts.
  log(`[bench] ${streams} concurrent streams: baseline (bare NestJS SSE route)`);
  const bare = await startBare();
  const bareTargets = Array.from({ length: streams }, () => ({
    method: 'GET' as const,
    path: '/sse',
  }));
  await runStreams(
    HOST,
    bare.port,
    bareTargets.slice(0, warmUpOf(streams)),
    CONNECTING,
    RUN_LIMIT_MS,
  );
  const bareRounds: ConcurrencyFigure['baseline'][] = [];
  for (let index = 0; index < rounds; index += 1) {
    await quietMachine();
    bareRounds.push(
      await bareRound(bare, bareTargets, profileName('bare', streams, index, rounds)),
    );
  }
  await bare.child.stop();
  children.delete(bare.child);

  log(`[bench] ${streams} concurrent streams: the API`);
  const api = await startApi();
  const setupStarted = performance.now();
  const conversations = await inParallel(rounds * streams + warmUpOf(streams), 64, (index) =>
    conversation(api, `bench_${streams}_${index}`),
  );
  log(
    `[bench] ${conversations.length} rooms and sessions created in ${round((performance.now() - setupStarted) / 1000, 1)} s`,
  );
  const allTargets = conversations.map(({ token, sessionId }) => ({
    method: 'POST' as const,
    path: '/api/chat/message',
    headers: { Authorization: `Bearer ${token}` },
    body: JSON.stringify({ session_id: sessionId, message: 'What should I eat on dialysis?' }),
  }));
  const warmUp = await runStreams(
    HOST,
    api.port,
    allTargets.slice(rounds * streams),
    CONNECTING,
    RUN_LIMIT_MS,
  );
  if (warmUp.some((timing) => timing.terminal !== 'done'))
    throw new Error('the warm-up streams did not all end with done');
  const apiRounds: ConcurrencyFigure['api'][] = [];
  for (let index = 0; index < rounds; index += 1) {
    const settledAfter = await quietMachine();
    log(
      `[bench] the writes behind earlier streams settled after ${round(settledAfter / 1000, 1)} s`,
    );
    const targets = allTargets.slice(index * streams, (index + 1) * streams);
    apiRounds.push(await apiRound(api, targets, profileName('api', streams, index, rounds)));
    // Each round's figures as they land, so a later failure does not hide them.
    const [apiFigures, bareFigures] = [apiRounds[index], bareRounds[index]];
    log(
      `[bench] ${streams} streams, round ${index + 1} of ${rounds}: API ${apiFigures.completed} done, first event p50/p99 ` +
        `${apiFigures.first_event_ms.p50}/${apiFigures.first_event_ms.p99} ms, ${apiFigures.cpu_ms_per_stream} ms CPU; ` +
        `bare ${bareFigures.completed} done, ${bareFigures.first_event_ms.p50}/${bareFigures.first_event_ms.p99} ms, ` +
        `${bareFigures.cpu_ms_per_stream} ms CPU`,
    );
  }
  await stopApi(api);
  return {
    streams,
    rounds,
    api: medianOfRounds(apiRounds),
    baseline: medianOfRounds(bareRounds),
    ...(rounds > 1
      ? {
          by_round: apiRounds.map((figures, index) => ({
            api: figures,
            baseline: bareRounds[index],
          })),
        }
      : {}),
  };
}

function profileName(side: 'api' | 'bare', streams: number, index: number, rounds: number): string {
  return `${side}-${streams}-streams${rounds > 1 ? `-round-${index + 1}` : ''}`;
}

/** One measured burst of `targets` on the bare route. */
async function bareRound(
  bare: Bare,
  targets: StreamRequest[],
  profileFile: string,
): Promise<ConcurrencyFigure['baseline']> {
  await fetch(`http://${HOST}:${bare.port}/lag`);
  const profile = await profileOf(bare.inspectPort);
  const cpuBefore = cpuMs(bare.child.pid);
  const peak = watchPeakRss(bare.child.pid);
  const started = performance.now();
  const timings = await runStreams(HOST, bare.port, targets, CONNECTING, RUN_LIMIT_MS);
  const elapsed = performance.now() - started;
  await profile(profileFile);
  const figures = streamFigures(timings, cpuBefore, cpuMs(bare.child.pid));
  const lag = (
    (await (await fetch(`http://${HOST}:${bare.port}/lag`)).json()) as { p99_ms: number }
  ).p99_ms;
  const peakRss = peak();
  await new Promise((done) => setTimeout(done, 3_000));
  return {
    ...figures,
    seconds: round(elapsed / 1000, 1),
    event_loop_delay_p99_ms: round(lag),
    peak_rss_mb: round(peakRss, 0),
    rss_after_mb: round(rssMb(bare.child.pid), 0),
  };
}

/** One measured burst of `targets` (sessions not used before) on the API. */
async function apiRound(
  api: Api,
  targets: StreamRequest[],
  profileFile: string,
): Promise<ConcurrencyFigure['api']> {
  const profile = await profileOf(api.inspectPort);
  const metricsBefore = await metricsOf(api);
  const rssBefore = rssMb(api.child.pid);
  const cpuBefore = cpuMs(api.child.pid);
  const machineBefore = machineBusyMs();
  const peak = watchPeakRss(api.child.pid);
  const started = performance.now();
  const timings = await runStreams(HOST, api.port, targets, CONNECTING, RUN_LIMIT_MS);
  const elapsed = performance.now() - started;
  const cpuAfter = cpuMs(api.child.pid);
  const figures = streamFigures(timings, cpuBefore, cpuAfter);
  const otherCpuMs = machineBusyMs() - machineBefore - (cpuAfter - cpuBefore);
  const metricsAfter = await metricsOf(api);
  const peakRss = peak();
  await profile(profileFile);
  await new Promise((done) => setTimeout(done, 3_000));
  const commands = dbCommands(metricsBefore, metricsAfter);
  const totalCommands = Object.values(commands).reduce((sum, count) => sum + count, 0);
  return {
    ...figures,
    seconds: round(elapsed / 1000, 1),
    event_loop_delay_p99_ms: round(
      (metricsAfter.get('nodejs_eventloop_lag_p99_seconds') ?? Number.NaN) * 1000,
    ),
    rss_before_mb: round(rssBefore, 0),
    peak_rss_mb: round(peakRss, 0),
    rss_after_mb: round(rssMb(api.child.pid), 0),
    db_commands_per_stream: round(totalCommands / Math.max(1, figures.completed)),
    db_commands: commands,
    other_cpu_ms_per_stream: round(otherCpuMs / targets.length, 2),
  };
}

/** GET /api/rooms (20 rooms) against a bare route running the same query with the raw driver. */
async function roomList(): Promise<BenchResults['rooms_list']> {
  freshDatabase('rooms');
  log('[bench] GET /api/rooms (20 rooms) against the raw driver');
  const api = await startApi();
  const user = 'bench_rooms_user';
  const token = await tokenFor(user, JWT_SECRET);
  const auth = { Authorization: `Bearer ${token}` };
  for (let i = 0; i < 20; i += 1)
    await api.client.call('POST', '/api/rooms', { room_name: `Room ${i}` }, auth);
  const bare = await startBare();
  const bareClient = new JsonClient(HOST, bare.port, 32);
  const measure = async (call: () => Promise<{ status: number; ms: number }>) => {
    const latencies: number[] = [];
    let failed = 0;
    const deadline = performance.now() + PLAN.roomsSeconds * 1000;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (performance.now() < deadline) {
          const res = await call();
          if (res.status === 200) latencies.push(res.ms);
          else failed += 1;
        }
      }),
    );
    return {
      requests_per_second: round(latencies.length / PLAN.roomsSeconds, 0),
      latency_ms: spread(latencies),
      failed,
    };
  };
  const baseline = await measure(() => bareClient.call('GET', `/rooms?user_id=${user}`));
  const result = await measure(() =>
    api.client.call('GET', '/api/rooms?limit=20', undefined, auth),
  );
  bareClient.close();
  await bare.child.stop();
  children.delete(bare.child);
  await stopApi(api);
  return { api: result, baseline };
}

/** Stop to terminal event, on the instance running the stream and from another one. */
async function stopLatency(redisUrl: string): Promise<BenchResults['stop']> {
  freshDatabase('stop');
  const measure = async (streamOn: Api, stopOn: Api, runs: number) => {
    const toTerminal: number[] = [];
    const toAnswer: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const { token, sessionId } = await conversation(
        streamOn,
        `bench_stop_${streamOn.port}_${run}`,
      );
      let stopSent = 0;
      let seen = 0;
      let answered: Promise<number> | undefined;
      const timing = await runStream(
        HOST,
        streamOn.port,
        {
          method: 'POST',
          path: '/api/chat/message',
          headers: { Authorization: `Bearer ${token}` },
          body: JSON.stringify({ session_id: sessionId, message: 'a long answer please' }),
        },
        {
          onEvent: (_id, name) => {
            seen += 1;
            if (name === 'chunk' && seen === 4) {
              stopSent = performance.now();
              answered = stopOn.client
                .call('POST', `/api/session/${sessionId}/stop`, undefined, {
                  Authorization: `Bearer ${token}`,
                })
                .then((res) => (res.status === 200 ? performance.now() - stopSent : Number.NaN));
            }
          },
        },
      );
      if (timing.terminal !== 'cancelled' || !answered)
        throw new Error(`stop run ended with ${timing.terminal ?? timing.error}`);
      toTerminal.push((timing.terminalAt as number) - stopSent);
      toAnswer.push(await answered);
    }
    return { to_terminal_ms: spread(toTerminal), stop_call_ms: spread(toAnswer) };
  };
  log('[bench] stop latency, same instance');
  const longAnswers = { SIMULATED_LLM_DELAY_MS: '20', SIMULATED_LLM_WORDS: '2000' };
  const single = await startApi(longAnswers);
  const same = await measure(single, single, PLAN.stops);
  await stopApi(single);
  log('[bench] stop latency, across two instances sharing Redis');
  const a = await startApi({ ...longAnswers, REDIS_URL: redisUrl });
  const b = await startApi({ ...longAnswers, REDIS_URL: redisUrl });
  const across = await measure(a, b, PLAN.stops);
  await stopApi(a);
  await stopApi(b);
  return { same_instance: same, across_instances: across };
}

/** A token's trip from a local OpenAI-compatible server to the client, through the API and directly. */
async function relayOverhead(): Promise<BenchResults['relay']> {
  freshDatabase('relay');
  log('[bench] relay overhead against a local OpenAI-compatible server');
  const llm = await startChild(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(__dirname, 'timed-llm-server.ts')],
    { PATH: process.env.PATH, TIMED_TOKENS: String(PLAN.relayTokens), TIMED_INTERVAL_MS: '10' },
    (output) => /LISTENING \d+/.test(output),
  );
  children.add(llm);
  const llmPort = Number(/LISTENING (\d+)/.exec(llm.output())?.[1]);
  const delays = (sink: number[]) => (content: string) => {
    const now = process.hrtime.bigint();
    for (const match of content.matchAll(/t(\d+)/g))
      sink.push(Number(now - BigInt(match[1])) / 1e6);
  };
  const direct: number[] = [];
  const onDirect = delays(direct);
  await runStream(
    HOST,
    llmPort,
    { method: 'POST', path: '/v1/chat/completions', body: '{}' },
    {
      onEvent: (_id, _name, data) => {
        if (data !== '[DONE]')
          onDirect(
            (JSON.parse(data) as { choices: { delta: { content: string } }[] }).choices[0].delta
              .content,
          );
      },
    },
  );
  const api = await startApi({
    LLM_PROVIDER: 'openai',
    LLM_BASE_URL: `http://${HOST}:${llmPort}/v1`,
    LLM_MODEL: 'timed',
  });
  const { token, sessionId } = await conversation(api, 'bench_relay');
  const relayed: number[] = [];
  const onRelayed = delays(relayed);
  await runStream(
    HOST,
    api.port,
    {
      method: 'POST',
      path: '/api/chat/message',
      headers: { Authorization: `Bearer ${token}` },
      body: JSON.stringify({ session_id: sessionId, message: 'relay' }),
    },
    {
      onEvent: (_id, name, data) =>
        name === 'chunk' && onRelayed((JSON.parse(data) as { content: string }).content),
    },
  );
  await stopApi(api);
  await llm.stop();
  children.delete(llm);
  const through = spread(relayed);
  const baseline = spread(direct);
  return {
    through_api_ms: through,
    direct_ms: baseline,
    overhead_p50_ms: round(through.p50 - baseline.p50, 3),
  };
}

/** Database commands per completed and per stopped turn, from the API's command monitoring. */
async function commandsPerTurn(): Promise<BenchResults['db_commands']> {
  freshDatabase('commands');
  log('[bench] database commands per turn');
  const api = await startApi({ SIMULATED_LLM_DELAY_MS: '5', SIMULATED_LLM_WORDS: '40' });
  const users = await inParallel(PLAN.commandTurns * 2, 16, (index) =>
    conversation(api, `bench_cmd_${index}`),
  );
  // What the background jobs (heartbeat, sweeps) cost over the same time, to subtract.
  const idleStart = await metricsOf(api);
  const idleStarted = performance.now();
  await new Promise((done) => setTimeout(done, 3_000));
  const idle = dbCommands(idleStart, await metricsOf(api));
  const idleRatePerMs =
    Object.values(idle).reduce((sum, count) => sum + count, 0) / (performance.now() - idleStarted);

  const run = async (turns: typeof users, stop: boolean) => {
    const before = await metricsOf(api);
    const started = performance.now();
    for (const { token, sessionId } of turns) {
      let stopping: Promise<unknown> | undefined;
      await runStream(
        HOST,
        api.port,
        {
          method: 'POST',
          path: '/api/chat/message',
          headers: { Authorization: `Bearer ${token}` },
          body: JSON.stringify({ session_id: sessionId, message: 'count the commands' }),
        },
        {
          onEvent: (_id, name) => {
            if (stop && name === 'chunk' && !stopping)
              stopping = api.client.call('POST', `/api/session/${sessionId}/stop`, undefined, {
                Authorization: `Bearer ${token}`,
              });
          },
        },
      );
      await stopping;
    }
    // The writes behind the stream (record close, room summary) land within a flush.
    await new Promise((done) => setTimeout(done, 1_500));
    const commands = dbCommands(before, await metricsOf(api));
    const total = Object.values(commands).reduce((sum, count) => sum + count, 0);
    const background = idleRatePerMs * (performance.now() - started);
    return {
      turns: turns.length,
      per_turn: round((total - background) / turns.length),
      per_turn_with_background: round(total / turns.length),
      commands,
    };
  };
  const completed = await run(users.slice(0, PLAN.commandTurns), false);
  const stopped = await run(users.slice(PLAN.commandTurns), true);
  await stopApi(api);
  return { completed, stopped, background_per_second: round(idleRatePerMs * 1000) };
}

async function startRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'careguide-bench-redis-'));
  const child = await startChild(
    'redis-server',
    ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no', '--dir', dir],
    { PATH: process.env.PATH },
    (output) => output.includes('Ready to accept connections'),
  );
  children.add(child);
  return {
    url: `redis://${HOST}:${port}`,
    stop: async () => {
      await child.stop();
      children.delete(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const began = performance.now();
  log('[bench] building the API (production build)');
  const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed');
  const engine = chooseEngine(engineArg);
  process.env.EMBEDDED_DB = engine;
  delete process.env.MONGODB_URI;
  database = await startEmbeddedDatabase({ ownServer: true, log });
  const redis = await startRedis();
  try {
    const concurrencyFigures: ConcurrencyFigure[] = [];
    if (streamsArg) {
      for (const streams of streamsArg.split(',').map(Number)) {
        const figure = await concurrency(streams);
        process.stdout.write(`${JSON.stringify(figure, null, 2)}\n`);
      }
      return;
    }
    for (const streams of PLAN.concurrency) concurrencyFigures.push(await concurrency(streams));
    const results: BenchResults = {
      generated_at: new Date().toISOString(),
      mode: quick ? 'quick' : 'full',
      machine: {
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: cpus().length,
        memory_gb: round(totalmem() / 1024 ** 3, 1),
        kernel: release(),
        node: process.version,
        database: ENGINE_LABELS[database.engine],
      },
      setup: {
        words_per_answer: WORDS,
        word_delay_ms: DELAY_MS,
        log_level: 'info (the production default)',
        one_room_per_stream: true,
        warm_up_streams_max: WARM_UP_STREAMS,
        rounds: { count: ROUNDS, up_to_streams: ROUNDS_UP_TO },
      },
      concurrency: concurrencyFigures,
      rooms_list: await roomList(),
      stop: await stopLatency(redis.url),
      relay: await relayOverhead(),
      db_commands: await commandsPerTurn(),
      seconds: 0,
    };
    results.seconds = round((performance.now() - began) / 1000, 0);
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    // The full run's figures are the ones committed; a quick run keeps its own file.
    const file = quick ? 'quick.json' : 'latest.json';
    writeFileSync(join(ROOT, 'bench', 'results', file), `${JSON.stringify(results, null, 2)}\n`);
    const report = renderReport(results);
    if (!quick) {
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      writeFileSync(join(ROOT, 'docs', 'benchmarks.md'), report.markdown);
      writeFileSync(join(ROOT, 'docs', 'benchmarks-concurrency.svg'), report.svg);
      // Committed files, so in the project's format (the CI format check reads them).
      spawnSync('npx', ['prettier', '--write', 'bench/results/latest.json', 'docs/benchmarks.md'], {
        cwd: ROOT,
        stdio: 'ignore',
      });
    }
    process.stdout.write(`${report.summary}\n`);
  } finally {
    await redis.stop();
    await database.stop();
  }
}

async function cleanUp(): Promise<void> {
  await Promise.all([...children].map((child) => child.stop('SIGKILL')));
  await database?.stop().catch(() => undefined);
}

process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));
main().then(
  () => process.exit(0),
  async (error: Error) => {
    log(`[bench] failed: ${error.stack ?? error.message}`);
    await cleanUp();
    process.exit(1);
  },
);
