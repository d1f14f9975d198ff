/**
 * `npm run dev`: the API with the embedded database and the offline simulated LLM,
 * restarting on source changes. With MONGODB_URI set, that database is used instead.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startEmbeddedDatabase } from '../tools/embedded-db';

async function main(): Promise<void> {
  const db = await startEmbeddedDatabase();
  const nest = spawn(join(__dirname, '..', 'node_modules', '.bin', 'nest'), ['start', '--watch'], {
    stdio: 'inherit',
    env: { ...process.env, MONGODB_URI: db.uri },
  });
  const shutdown = () => {
    nest.kill('SIGTERM');
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  nest.once('exit', (code) => {
    void db.stop().then(() => process.exit(code ?? 0));
  });
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
