import { startZendeskEmulator } from './index.js';

/** `npm run zendesk-emulator`: a local Zendesk for development (PORT, default 4580). */
const emulator = await startZendeskEmulator({ port: Number(process.env.PORT ?? 4580) });
emulator.addApiToken('admin@acme.test', 'dev-token');
emulator.addOAuthClient({ id: 'baton-dev', secret: 'baton-dev-secret' });
process.stdout.write(
  `Zendesk emulator on ${emulator.baseUrl}\n` +
    `  API token (development): admin@acme.test / dev-token\n` +
    `  OAuth client: baton-dev / baton-dev-secret\n` +
    `  Agent UI: POST ${emulator.baseUrl}/_emulator/tickets/{id}/agent_reply {"body","public"}; POST …/status {"status"}\n`,
);
