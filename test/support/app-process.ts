import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../bench/lib/processes';
import { eventually } from './factories';
import { TEST_DB_NAME } from './test-app';

export interface AppProcess {
  url: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

/** The API as a real child process (`src/main.ts`) on a free port, against the e2e database. */
export async function startAppProcess(env: Record<string, string>): Promise<AppProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', 'src/main.ts'],
    {
      cwd: join(__dirname, '..', '..'),
      env: {
        PATH: process.env.PATH,
        MONGODB_URI: process.env.MONGODB_URI,
        MONGODB_DB_NAME: TEST_DB_NAME,
        PORT: String(port),
        HOST: '127.0.0.1',
        NODE_ENV: 'test',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await eventually(
      async () => ((await fetch(`${url}/healthz`).catch(() => undefined))?.ok ? true : undefined),
      30_000,
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`the app did not start: ${(error as Error).message}\n${output}`);
  }
  return {
    url,
    output: () => output,
    stop: (signal) =>
      new Promise((resolve) => {
        // Already gone (a test killed it): it will not exit again.
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      }),
  };
}
