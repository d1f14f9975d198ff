/**
 * `npm run openapi`: writes the OpenAPI document to openapi.json, keys sorted, so the
 * committed file changes only when the API does, then the SDK's types generated from
 * it. Boots the app in preview mode: nothing listens and no database is needed.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { renderOpenApiDocument } from '../src/openapi';
import { OPENAPI_DOCUMENT_PATH, renderSdkTypes, SDK_TYPES_PATH } from '../tools/sdk-types';

async function main(): Promise<void> {
  const document = await renderOpenApiDocument();
  writeFileSync(OPENAPI_DOCUMENT_PATH, document);
  process.stdout.write(`wrote ${OPENAPI_DOCUMENT_PATH}\n`);
  mkdirSync(dirname(SDK_TYPES_PATH), { recursive: true });
  writeFileSync(SDK_TYPES_PATH, await renderSdkTypes(document));
  process.stdout.write(`wrote ${SDK_TYPES_PATH}\n`);
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
