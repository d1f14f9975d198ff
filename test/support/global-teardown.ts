/** Stops the database the global setup started, so nothing is left running. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__careguideTestDatabase?.stop();
}
