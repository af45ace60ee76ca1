/** `npm run sdk:generate`: regenerates sdk/src/generated/openapi.ts from the relay's served document. */
import { writeFileSync } from 'node:fs';
import { fetchServedOpenApi, renderSdkTypes, SDK_TYPES_PATH } from './sdk-types.js';

writeFileSync(SDK_TYPES_PATH, await renderSdkTypes(await fetchServedOpenApi()));
process.stdout.write(`wrote ${SDK_TYPES_PATH.pathname}\n`);
