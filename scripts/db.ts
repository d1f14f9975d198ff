/**
 * `npm run db`: starts the embedded database alone and prints its URI, so several API
 * instances (or a debugger) can share it. Ctrl-C stops it.
 */
import { startEmbeddedDatabase } from '../tools/embedded-db';

async function main(): Promise<void> {
  const db = await startEmbeddedDatabase();
  process.stdout.write(`MONGODB_URI=${db.uri}\n`);
  const shutdown = () => {
    void db.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
