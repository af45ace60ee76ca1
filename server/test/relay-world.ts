import { parseMasterKey } from '../core/secrets.js';
import { openDatabase } from '../db/open.js';
import { connectZendesk, createAgent, createApiKey, createTenant } from '../relay/admin.js';
import { startZendeskEmulator } from '../zendesk-emu/index.js';
import { createScratchDatabase } from './backends.js';
import { TEST_MASTER_KEY } from './harness.js';
import { startWebhookReceiver } from './webhook-receiver.js';

/**
 * What relay processes (`spawnRelay`) on one scratch PostgreSQL database need to do real work: a tenant connected
 * to the Zendesk emulator, its AI agent calling back a real webhook receiver, and an API key. Relays started with
 * `scratch.url` and TEST_MASTER_KEY serve it.
 */
export async function createRelayWorld() {
  const emulator = await startZendeskEmulator({ accountRequestsPerMinute: 100_000 });
  emulator.addApiToken('admin@acme.test', 'dev-token');
  const scratch = await createScratchDatabase();
  let secret = '';
  const receiver = await startWebhookReceiver(() => secret);
  const db = await openDatabase({ databaseUrl: scratch.url, dataDir: undefined });
  const masterKey = parseMasterKey(TEST_MASTER_KEY);
  const tenant = await createTenant(db, { name: 'Acme' });
  const agent = await createAgent(db, masterKey, { tenantId: tenant.id, name: 'Bot', callbackUrl: receiver.url });
  secret = agent.webhookSecret;
  const { apiKey } = await createApiKey(db, { agentId: agent.agentId });
  await connectZendesk(db, masterKey, tenant.id, { baseUrl: emulator.baseUrl, credentials: { type: 'api_token', email: 'admin@acme.test', token: 'dev-token' } });
  await db.close();
  return {
    emulator,
    scratch,
    receiver,
    apiKey,
    async close() {
      await emulator.stop();
      await receiver.close();
      await scratch.drop();
    },
  };
}

export type RelayWorld = Awaited<ReturnType<typeof createRelayWorld>>;
