import { readFileSync } from 'node:fs';
import { renderSdkTypes, SDK_TYPES_PATH } from '../../tools/sdk-types';

describe('the SDK types', () => {
  it('are generated from the committed openapi.json (run `npm run openapi` after changing the API)', async () => {
    expect(readFileSync(SDK_TYPES_PATH, 'utf8')).toBe(await renderSdkTypes());
  });

  it('change when the document changes', async () => {
    const document = JSON.parse(readFileSync(require.resolve('../../openapi.json'), 'utf8')) as {
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    document.components.schemas.RoomDto.properties.archived = { type: 'boolean' };
    expect(await renderSdkTypes(JSON.stringify(document))).toContain('archived?: boolean;');
  });
});
