/**
 * `npm run dev`: the API with the embedded database and the offline simulated LLM,
 * restarting on source changes, and the web client rebuilt on every change to web/ or
 * sdk/ (reload the page to see it). With MONGODB_URI set, that database is used instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedDatabase } from '../tools/embedded-db';

const ROOT = join(__dirname, '..');
const WEB_INDEX = join(ROOT, 'web', 'dist', 'index.html');
const FIRST_BUILD_POLL_MS = 200;
const FIRST_BUILD_TIMEOUT_MS = 120_000;

/** Resolves once the watcher has written a fresh index.html, so the API serves the client from its start. */
async function firstBuild(startedAt: number, watcher: ChildProcess): Promise<void> {
  const deadline = Date.now() + FIRST_BUILD_TIMEOUT_MS;
  while (!(existsSync(WEB_INDEX) && statSync(WEB_INDEX).mtimeMs >= startedAt)) {
    if (watcher.exitCode !== null) throw new Error('the web client build failed (see above)');
    if (Date.now() > deadline) throw new Error('the web client build took too long');
    await new Promise((done) => setTimeout(done, FIRST_BUILD_POLL_MS));
  }
}

async function main(): Promise<void> {
  const db = await startEmbeddedDatabase();
  const startedAt = Date.now();
  const web = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--watch',
      '--logLevel',
      'warn',
    ],
    { cwd: join(ROOT, 'web'), stdio: 'inherit' },
  );
  const children: ChildProcess[] = [web];
  const shutdown = () => {
    for (const child of children) child.kill('SIGTERM');
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  try {
    await firstBuild(startedAt, web);
  } catch (error) {
    shutdown();
    await db.stop();
    throw error;
  }
  const nest = spawn(join(ROOT, 'node_modules', '.bin', 'nest'), ['start', '--watch'], {
    stdio: 'inherit',
    env: { ...process.env, MONGODB_URI: db.uri },
  });
  children.push(nest);
  nest.once('exit', (code) => {
    web.kill('SIGTERM');
    void db.stop().then(() => process.exit(code ?? 0));
  });
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
