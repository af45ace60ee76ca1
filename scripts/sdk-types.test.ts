import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fetchServedOpenApi, renderSdkTypes, SDK_TYPES_PATH } from './sdk-types.js';

describe('the SDK types', () => {
  it('are exactly what openapi-typescript makes of the document the relay serves (run `npm run sdk:generate` if not)', async () => {
    const fresh = await renderSdkTypes(await fetchServedOpenApi());
    const committed = readFileSync(SDK_TYPES_PATH, 'utf8');
    // A line diff, not a boolean: the failure names the route or schema that drifted.
    expect(committed.split('\n')).toEqual(fresh.split('\n'));
    // Starts a relay (migrations on a fresh embedded database) and renders the whole document: 34 s on a box at
    // load average 16, past the suite's 30 s default.
  }, 120_000);
});
