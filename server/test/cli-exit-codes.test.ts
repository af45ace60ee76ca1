import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { connectZendesk, createAgent, createApiKey, createTenant } from '../relay/admin.js';
import { startRelay, type Relay } from '../runtime.js';
import { createScratchDatabase, POSTGRES_URL } from './backends.js';
import { runCli } from './child-cli.js';
import { TEST_MASTER_KEY } from './harness.js';

const STARTS_TIMEOUT_MS = 120_000;

/**
 * Scripts (and operators rotating a leaked key) read the CLI's exit code. Commands that found nothing to do or a
 * problem used to print it and exit 0: `key:revoke` of a mistyped key id, `tenant:check-zendesk` with Zendesk
 * unreachable, `agent:waiting` of an unknown AI agent, whether the relay was running (the command ran inside it, and
 * set the relay's process.exitCode) or not (the CLI's own process.exit(0) overrode it). `insights` of a mistyped tenant
 * printed a report of zeros and exited 0.
 */
async function seed(relay: Relay): Promise<{ tenantId: string; keyId: string; agentId: string }> {
  const tenant = await createTenant(relay.db, { name: 'Acme' });
  // Connected without the check tenant:connect-zendesk makes: nothing listens on port 1, as if Zendesk were down.
  await connectZendesk(relay.db, relay.masterKey, tenant.id, {
    subdomain: null,
    baseUrl: 'http://127.0.0.1:1',
    credentials: { type: 'api_token', email: 'a@acme.test', token: 't' },
  });
  const agent = await createAgent(relay.db, relay.masterKey, { tenantId: tenant.id, name: 'Bot' });
  const key = await createApiKey(relay.db, { agentId: agent.agentId });
  return { tenantId: tenant.id, keyId: key.keyId, agentId: agent.agentId };
}

async function expectFailuresExitNonZero(env: Record<string, string>, ids: { tenantId: string; keyId: string; agentId: string }) {
  const revokeTypo = await runCli(['key:revoke', '--key', `${ids.keyId}x`], env);
  expect(revokeTypo.stdout).toMatch(/No active key/);
  expect(revokeTypo.code).toBe(1);
  const check = await runCli(['tenant:check-zendesk', '--tenant', ids.tenantId], env);
  expect(check.stdout).toMatch(/PROBLEM: Zendesk is unreachable/);
  expect(check.code).toBe(1);
  const waiting = await runCli(['agent:waiting', '--agent', 'agt_nosuch'], env);
  expect(waiting.stdout).toMatch(/No such AI agent/);
  expect(waiting.code).toBe(1);
  const insightsTypo = await runCli(['insights', '--tenant', `${ids.tenantId}x`], env);
  expect(insightsTypo.stdout).toMatch(new RegExp(`No tenant ${ids.tenantId}x`));
  expect(insightsTypo.stdout).not.toMatch(/handoffs/);
  expect(insightsTypo.code).toBe(1);
  const insightsAgentTypo = await runCli(['insights', '--tenant', ids.tenantId, '--agent', `${ids.agentId}x`], env);
  expect(insightsAgentTypo.stdout).toMatch(new RegExp(`No AI agent ${ids.agentId}x in tenant ${ids.tenantId}`));
  expect(insightsAgentTypo.code).toBe(1);
  const insights = await runCli(['insights', '--tenant', ids.tenantId, '--agent', ids.agentId], env);
  expect(insights.stdout).toMatch(/handoffs 0 of 0 conversations/);
  expect(insights.code).toBe(0);
  const badConfig = await runCli(['tenant:list'], { ...env, MASTER_KEY: 'short' });
  expect(badConfig.stderr).toMatch(/MASTER_KEY: MASTER_KEY must be 32 bytes/);
  expect(badConfig.code).toBe(78);
  const revoked = await runCli(['key:revoke', '--key', ids.keyId], env);
  expect(revoked.stdout).toMatch(/Revoked/);
  expect(revoked.code).toBe(0);
}

describe('the CLI exits non-zero when a command fails', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });
  const embedded = () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-cli-exit-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    return { DATA_DIR: dataDir, MASTER_KEY: TEST_MASTER_KEY };
  };
  const start = async (env: Record<string, string>) => {
    const relay = await startRelay(loadConfig({ PORT: '0', LOG_LEVEL: 'silent', WORKERS: 'off', ...env }), { log: pino({ level: 'silent' }) });
    cleanups.push(() => relay.stop());
    return relay;
  };

  it('through the running relay (DATA_DIR/run/admin.sock)', async () => {
    const env = embedded();
    const relay = await start(env);
    await expectFailuresExitNonZero(env, await seed(relay));
  }, STARTS_TIMEOUT_MS);

  it('with the relay stopped (the CLI opens the embedded database itself)', async () => {
    const env = embedded();
    const relay = await start(env);
    const ids = await seed(relay);
    await relay.stop();
    await expectFailuresExitNonZero(env, ids);
  }, STARTS_TIMEOUT_MS);

  it.skipIf(!POSTGRES_URL)('on PostgreSQL', async () => {
    const scratch = await createScratchDatabase();
    cleanups.push(() => scratch.drop());
    const env = { DATABASE_URL: scratch.url, MASTER_KEY: TEST_MASTER_KEY };
    const relay = await start(env);
    await expectFailuresExitNonZero(env, await seed(relay));
  }, STARTS_TIMEOUT_MS);
});
