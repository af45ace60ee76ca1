import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendToAdminSocket } from '../cli/admin-socket.js';
import { loadConfig } from '../config.js';
import { startRelay } from '../runtime.js';
import { TEST_MASTER_KEY } from './harness.js';

/**
 * The CLI runs its commands inside the running relay (DATA_DIR/run/admin.sock), through the same functions as
 * the app's AI agents page; an operator revoking a leaked key must see it refused at once there too, not after
 * the relay's 10 s key cache runs out.
 */
describe('key:revoke through the admin socket', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-cli-revoke-'));
  let relay: Awaited<ReturnType<typeof startRelay>>;
  beforeAll(async () => {
    relay = await startRelay(loadConfig({ PORT: '0', DATA_DIR: dataDir, MASTER_KEY: TEST_MASTER_KEY, LOG_LEVEL: 'silent', WORKERS: 'off' }), { log: pino({ level: 'silent' }) });
  });
  afterAll(async () => {
    await relay?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const cli = async (...argv: string[]) => {
    const reply = await sendToAdminSocket(dataDir, argv);
    expect(reply.code, reply.output).toBe(0);
    return reply.output;
  };

  it('refuses the revoked key at once on the relay that ran the command', async () => {
    const tenantId = /Created tenant (ten_\S+)/.exec(await cli('tenant:create', '--name', 'Acme'))![1]!;
    const agentId = /Created AI agent (agt_\S+)/.exec(await cli('agent:create', '--tenant', tenantId, '--name', 'Bot', '--callback-url', 'http://127.0.0.1:9/hook'))![1]!;
    const created = await cli('key:create', '--agent', agentId);
    const apiKey = /shown once, store it now\): (\S+)/.exec(created)![1]!;
    const keyId = /Key id: (\S+)/.exec(created)![1]!;
    const list = () => fetch(`${relay.url}/v1/sessions`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect((await list()).status).toBe(200); // the key row is now in the relay's cache
    expect(await cli('key:revoke', '--key', keyId)).toMatch(/Revoked/);
    const refused = await list();
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });
});
