/**
 * `npm run drills` (`-- --quick` for the short run in .ci/run, `-- --only=name[,name]` for
 * some of them): fault drills against production builds of the API, on loopback only.
 * Each drill starts its own database process, its own Redis on a free port and its own
 * instances, injects one kind of fault, checks what clients saw against what the
 * database holds, and stops everything it started, within a hard time limit. Prints
 * pass/fail with figures for each; exits non-zero when any failed. A full run of every
 * drill writes drills/results/latest.json (docs/drills.md quotes it); a quick one
 * .cache/drills/quick.json, a partial one (--only) .cache/drills/partial.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ENGINE_LABELS, ensureFerretDbBinary } from '../tools/embedded-db';
import { databaseOutage } from './database-outage';
import { instanceKill } from './instance-kill';
import { Verdict, round, type Drill, type DrillOutcome } from './lib/drill';
import { chooseEngine, closeAllFleets, Fleet, log, ROOT } from './lib/fleet';
import { formatTable } from './lib/table';
import { redisRestart } from './redis-restart';
import { resumeElsewhere } from './resume';
import { shutdown } from './shutdown';
import { soak } from './soak';
import { upstreamFaults } from './upstream-faults';

const DRILLS: Drill[] = [
  databaseOutage,
  redisRestart,
  instanceKill,
  resumeElsewhere,
  shutdown,
  upstreamFaults,
  soak,
];

const quick = process.argv.includes('--quick');
const only = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');

/** Newest modification time of any file under `dir`. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the API (nest build) unless dist/src/main.js is newer than every source file. */
function ensureBuild(): void {
  const main = join(ROOT, 'dist', 'src', 'main.js');
  if (existsSync(main) && statSync(main).mtimeMs >= newestMtime(join(ROOT, 'src'))) return;
  log('[drills] building the API (nest build)');
  const build = spawnSync(join(ROOT, 'node_modules', '.bin', 'nest'), ['build'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('the build failed');
}

/** Runs one drill within its time limit; whatever happens, its fleet is closed after. */
async function runDrill(drill: Drill): Promise<DrillOutcome> {
  const fleet = new Fleet();
  const verdict = new Verdict();
  const limitMs = drill.timeoutMs(quick);
  const began = performance.now();
  log(`[drills] ${drill.name}: ${drill.title}`);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((done) => {
    timer = setTimeout(() => done('timeout'), limitMs);
  });
  try {
    const ending = await Promise.race([
      drill.run({
        quick,
        fleet,
        verdict,
        log: (line) => log(line),
      }),
      deadline,
    ]);
    if (ending === 'timeout') verdict.fail(`timed out after ${limitMs / 1000} s`);
  } catch (error) {
    verdict.fail(`threw: ${(error as Error).message.slice(0, 500)}`);
  } finally {
    clearTimeout(timer);
    verdict.seal();
    // What the instances logged, for the post-mortem of a failed drill.
    if (verdict.failures.length > 0)
      for (const file of fleet.saveLogs(join(ROOT, '.cache', 'drills', 'logs'), drill.name))
        log(`[drills]   instance log: ${file}`);
    await fleet.close();
  }
  const outcome: DrillOutcome = {
    name: drill.name,
    title: drill.title,
    passed: verdict.failures.length === 0,
    seconds: round((performance.now() - began) / 1000),
    figures: verdict.figures,
    failures: verdict.failures,
  };
  log(`[drills] ${drill.name}: ${outcome.passed ? 'PASS' : 'FAIL'} in ${outcome.seconds} s`);
  for (const failure of outcome.failures) log(`[drills]   - ${failure}`);
  return outcome;
}

async function main(): Promise<number> {
  const began = performance.now();
  const chosen = only ? DRILLS.filter((drill) => only.includes(drill.name)) : DRILLS;
  if (only && chosen.length !== only.length)
    throw new Error(`--only names unknown drills; known: ${DRILLS.map((d) => d.name).join(', ')}`);
  ensureBuild();
  const engine = chooseEngine();
  process.env.EMBEDDED_DB = engine;
  delete process.env.MONGODB_URI;
  // Built (once) before the clock of any drill starts.
  if (engine.startsWith('ferretdb')) ensureFerretDbBinary(log);

  const outcomes: DrillOutcome[] = [];
  for (const drill of chosen) outcomes.push(await runDrill(drill));
  const seconds = round((performance.now() - began) / 1000);

  const results = {
    generated_at: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memory_gb: round(totalmem() / 1024 ** 3),
      kernel: release(),
      node: process.version,
      database: ENGINE_LABELS[engine],
    },
    seconds,
    passed: outcomes.every((outcome) => outcome.passed),
    drills: outcomes,
  };
  // A full run of every drill writes the figures that are committed; a quick or partial
  // run keeps its own out of git.
  const committed = !quick && !only;
  const dir = committed ? join(ROOT, 'drills', 'results') : join(ROOT, '.cache', 'drills');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, committed ? 'latest.json' : quick ? 'quick.json' : 'partial.json');
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);

  process.stdout.write(`\n${formatTable(outcomes)}\n`);
  process.stdout.write(
    `${outcomes.filter((o) => o.passed).length}/${outcomes.length} drills passed in ${seconds} s (${quick ? 'quick' : 'full'} run, ${ENGINE_LABELS[engine]}); results in ${file}\n`,
  );
  return results.passed ? 0 : 1;
}

process.once('SIGINT', () => void closeAllFleets().then(() => process.exit(130)));
process.once('SIGTERM', () => void closeAllFleets().then(() => process.exit(143)));
main().then(
  (code) => process.exit(code),
  async (error: Error) => {
    log(`[drills] failed: ${error.stack ?? error.message}`);
    await closeAllFleets();
    process.exit(1);
  },
);
