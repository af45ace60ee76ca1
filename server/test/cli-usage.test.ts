import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createAgent, createTenant } from '../relay/admin.js';
import { findAgent } from '../store/tenants.js';
import { startRelay, type Relay } from '../runtime.js';
import { runCli } from './child-cli.js';
import { TEST_MASTER_KEY } from './harness.js';

/**
 * What an operator typing commands by hand sees when they get one wrong: a usage error (exit 64) or a failure (exit 1)
 * that names the mistake, never exit 0 with nothing done. The commands run in the relay, through its admin socket.
 */
describe('CLI usage mistakes', () => {
  let relay: Relay;
  let dataDir = '';
  let env: Record<string, string> = {};
  let agentId = '';
  let tenantId = '';
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'baton-cli-usage-'));
    env = { DATA_DIR: dataDir, MASTER_KEY: TEST_MASTER_KEY };
    relay = await startRelay(loadConfig({ PORT: '0', LOG_LEVEL: 'silent', WORKERS: 'off', ...env }), { log: pino({ level: 'silent' }) });
    tenantId = (await createTenant(relay.db, { name: 'Acme' })).id;
    agentId = (await createAgent(relay.db, relay.masterKey, { tenantId, name: 'Bot' })).agentId;
  }, 60_000);
  afterAll(async () => {
    await relay?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a mistyped option is a usage error, and the command does nothing', async () => {
    const typo = await runCli(['agent:update', '--agent', agentId, '--handof', 'off'], env);
    expect(typo.stdout).toMatch(/agent:update: unknown option --handof/);
    expect(typo.stdout).toMatch(/Usage: npm run baton -- agent:update/);
    expect(typo.code).toBe(64);
    expect((await findAgent(relay.db, agentId))?.handoffEnabled).toBe(true);
    const stray = await runCli(['tenant:list', '--tenat', tenantId], env);
    expect(stray.stdout).toMatch(/unknown option --tenat/);
    expect(stray.code).toBe(64);
    // The options a command does know still work.
    const off = await runCli(['agent:update', '--agent', agentId, '--handoff', 'off'], env);
    expect(off.code).toBe(0);
    expect((await findAgent(relay.db, agentId))?.handoffEnabled).toBe(false);
  }, 60_000);

  it('rules commands refuse an AI agent id that does not exist instead of showing the default rules', async () => {
    for (const argv of [
      ['rules:list', '--agent', 'agt_nosuch'],
      ['rules:test', '--agent', 'agt_nosuch', '--text', 'I want a human'],
      ['rules:enable', '--agent', 'agt_nosuch', '--rule', 'default-vip', '--off'],
      ['rules:reorder', '--agent', 'agt_nosuch', '--ids', 'default-vip'],
    ]) {
      const run = await runCli(argv, env);
      expect(run.stdout, argv[0]).toMatch(/No AI agent agt_nosuch \(see agent:list\)/);
      expect(run.code, argv[0]).toBe(1);
    }
    const real = await runCli(['rules:list', '--agent', agentId], env);
    expect(real.stdout).toMatch(/default-vip/);
    expect(real.code).toBe(0);
  }, 60_000);

  it('insights: a date that is not on the calendar is a usage error naming the option', async () => {
    for (const bad of ['2026-13-01', '2026-11-31']) {
      const run = await runCli(['insights', '--tenant', tenantId, '--from', bad], env);
      expect(run.stdout, bad).toMatch(/insights: from: a date such as 2026-10-01/);
      expect(run.stdout, bad).not.toMatch(/handoffs/);
      expect(run.code, bad).toBe(64);
    }
    const ok = await runCli(['insights', '--tenant', tenantId, '--from', '2026-11-30'], env);
    expect(ok.stdout).toMatch(/^2026-11-30T00:00:00.000Z → /);
    expect(ok.code).toBe(0);
  }, 60_000);

  it('a DATA_DIR without the relay\'s database is refused instead of a new empty database made there', async () => {
    const elsewhere = join(dataDir, 'not-the-relays');
    const run = await runCli(['tenant:create', '--name', 'Lost'], { ...env, DATA_DIR: elsewhere });
    expect(run.stderr).toContain(`DATA_DIR: ${elsewhere} holds no Baton database`);
    expect(run.stdout).not.toMatch(/Created tenant/);
    expect(run.code).toBe(78);
    expect(existsSync(elsewhere)).toBe(false);
  }, 60_000);

  it('tenant:connect-link on a relay without a Zendesk OAuth client says so instead of printing a link that fails', async () => {
    const run = await runCli(['tenant:connect-link', '--tenant', tenantId, '--zendesk', 'acme'], env);
    expect(run.stdout).toMatch(/No link printed: this relay has no Zendesk OAuth client\. Set ZENDESK_CLIENT_ID and ZENDESK_CLIENT_SECRET/);
    expect(run.stdout).not.toMatch(/oauth\/start/);
    expect(run.code).toBe(1);
  }, 60_000);

  it('lists filtered by a tenant or AI agent that does not exist fail instead of printing (none)', async () => {
    for (const argv of [
      ['agent:list', '--tenant', 'ten_nosuch'],
      ['sessions:list', '--tenant', 'ten_nosuch'],
      ['deliveries:dead', '--tenant', 'ten_nosuch'],
      ['deliveries:replay', '--tenant', 'ten_nosuch'],
    ]) {
      const run = await runCli(argv, env);
      expect(run.stdout, argv[0]).toMatch(/^No tenant ten_nosuch \(see tenant:list\)/);
      expect(run.code, argv[0]).toBe(1);
    }
    const agentTypo = await runCli(['sessions:list', '--agent', 'agt_nosuch'], env);
    expect(agentTypo.stdout).toMatch(/^No AI agent agt_nosuch \(see agent:list\)/);
    expect(agentTypo.code).toBe(1);
    const real = await runCli(['sessions:list', '--tenant', tenantId, '--agent', agentId], env);
    expect(real.stdout).toMatch(/\(none\)/);
    expect(real.code).toBe(0);
  }, 90_000);
});
