import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../tools/embedded-db';

declare global {
  var __careguideTestDatabase: EmbeddedDatabase | undefined;
}

/**
 * One database for the whole run; test files share it and keep apart by user id. Several
 * jest projects call this; the first one starts the database.
 */
export default async function globalSetup(): Promise<void> {
  if (globalThis.__careguideTestDatabase) return;
  const db = await startEmbeddedDatabase({ log: (line) => process.stderr.write(`\n${line}\n`) });
  globalThis.__careguideTestDatabase = db;
  process.env.MONGODB_URI = db.uri;
  process.env.CAREGUIDE_TEST_DB_ENGINE = db.engine;
}
