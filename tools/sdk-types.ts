/**
 * The SDK's TypeScript types, generated from the committed openapi.json with
 * openapi-typescript. `npm run openapi` writes them; a test fails while they are stale.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';

const REPOSITORY_ROOT = join(__dirname, '..');

export const OPENAPI_DOCUMENT_PATH = join(REPOSITORY_ROOT, 'openapi.json');
export const SDK_TYPES_PATH = join(REPOSITORY_ROOT, 'sdk', 'src', 'generated', 'openapi.ts');

const BANNER =
  '// Generated from openapi.json by `npm run openapi` (openapi-typescript). Do not edit.\n\n';

/** The generated module for an OpenAPI document given as JSON text. */
export async function renderSdkTypes(
  openapiJson: string = readFileSync(OPENAPI_DOCUMENT_PATH, 'utf8'),
): Promise<string> {
  const nodes = await openapiTS(JSON.parse(openapiJson) as Parameters<typeof openapiTS>[0], {
    // Keys as the document has them; the document is already sorted.
    alphabetize: false,
  });
  return BANNER + astToString(nodes);
}
