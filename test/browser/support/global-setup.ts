import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import startTestDatabase from '../../support/global-setup';

const REPOSITORY_ROOT = join(__dirname, '..', '..', '..');

/**
 * The browser tests need the database and the web client as the API serves it: the
 * client is built from its sources now, so the tests never run against a stale build.
 */
export default async function globalSetup(): Promise<void> {
  await startTestDatabase();
  process.stderr.write('\nbuilding the web client (vite build)\n');
  execFileSync(
    process.execPath,
    [
      join(REPOSITORY_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--logLevel',
      'warn',
    ],
    {
      cwd: join(REPOSITORY_ROOT, 'web'),
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
}
