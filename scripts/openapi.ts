/**
 * `npm run openapi`: writes the OpenAPI document to openapi.json, keys sorted, so the
 * committed file changes only when the API does. Boots the app in preview mode:
 * nothing listens and no database is needed.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderOpenApiDocument } from '../src/openapi';

async function main(): Promise<void> {
  const target = join(__dirname, '..', 'openapi.json');
  writeFileSync(target, await renderOpenApiDocument());
  process.stdout.write(`wrote ${target}\n`);
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
