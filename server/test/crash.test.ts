import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.js';
import { connectZendesk, createAgent, createApiKey, createTenant } from '../relay/admin.js';
import { parseMasterKey } from '../core/secrets.js';
import { startZendeskEmulator, type ZendeskEmulator } from '../zendesk-emu/index.js';
import { spawnRelay, type ChildRelay } from './child-relay.js';
import { handoffBody, TEST_MASTER_KEY, waitFor } from './harness.js';
import { startWebhookReceiver } from './webhook-receiver.js';

/**
 * The durability promise, tested the hard way: a relay process is SIGKILLed in the middle of a burst
 * of customer messages. After a restart on the same data directory, every message that got a 2xx
 * is on the Zendesk ticket exactly once and in order, and every webhook reached the AI platform
 * (once per webhook-id after dedupe).
 */
describe('crash in the middle of a burst (child process, PGlite)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-crash-'));
  const children: ChildRelay[] = [];
  let emulator: ZendeskEmulator;
  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill('SIGKILL')));
    await emulator?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers every acknowledged message after a SIGKILL and restart', async () => {
    emulator = await startZendeskEmulator();
    emulator.addApiToken('relay@acme.test', 'dev-token');
    let secret = '';
    const receiver = await startWebhookReceiver(() => secret);
    const db = await openDatabase({ databaseUrl: undefined, dataDir });
    const masterKey = parseMasterKey(TEST_MASTER_KEY);
    const tenant = await createTenant(db, { name: 'Acme' });
    const agent = await createAgent(db, masterKey, { tenantId: tenant.id, name: 'Bot', callbackUrl: receiver.url });
    secret = agent.webhookSecret;
    const key = await createApiKey(db, { agentId: agent.agentId });
    await connectZendesk(db, masterKey, tenant.id, {
      baseUrl: emulator.baseUrl,
      credentials: { type: 'api_token', email: 'relay@acme.test', token: 'dev-token' },
    });
    await db.close();
    // The default lease: the restarted relay frees the dead one's claims at start (PGlite), and a short lease would let a
    // slow Zendesk write on this busy machine be claimed again while still in flight.
    const env = { DATA_DIR: dataDir, MASTER_KEY: TEST_MASTER_KEY, TICKET_UPDATE_SPACING_MS: '300' };
    const post = (url: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key.apiKey}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });

    const first = spawnRelay(env);
    children.push(first);
    const url1 = await first.url;
    const handoff = await (await post(url1, '/v1/handoffs', handoffBody(), { 'idempotency-key': randomUUID() })).json();
    const sessionId = handoff.session.id as string;
    await waitFor('ticket', () => emulator.tickets().find((t) => t.external_id === `baton:${sessionId}`), 15_000);

    // The burst: sequential posts (so acknowledgement order is commit order), killed part-way.
    const acked: string[] = [];
    let killed = false;
    const burst = (async () => {
      for (let i = 1; i <= 400 && !killed; i++) {
        try {
          const res = await post(url1, `/v1/sessions/${sessionId}/messages`, { id: `b${i}`, role: 'user', text: `burst ${i}`, createdAt: new Date().toISOString() });
          if (res.status === 202) acked.push(`burst ${i}`);
        } catch {
          // Connection reset by the kill: not acknowledged, so no promise was made.
        }
      }
    })();
    await waitFor('some acknowledgements', () => acked.length >= 60, 15_000);
    killed = true;
    await first.kill('SIGKILL');
    await burst;
    expect(acked.length).toBeGreaterThanOrEqual(60);

    const second = spawnRelay(env);
    children.push(second);
    await second.url;
    const ticketLines = () => {
      const ticket = emulator.tickets().find((t) => t.external_id === `baton:${sessionId}`)!;
      return ticket.comments.filter((c) => c.public).flatMap((c) => c.body.split('\n\n'));
    };
    console.log(`crash test: ${acked.length} messages acknowledged before SIGKILL`);
    await waitFor('every acknowledged message on the ticket', () => acked.every((a) => ticketLines().includes(a)), 30_000);
    const lines = ticketLines();
    // Exactly once each, and in the order they were acknowledged.
    expect(new Set(lines).size).toBe(lines.length);
    const ackedPositions = acked.map((a) => lines.indexOf(a));
    expect(ackedPositions).toEqual([...ackedPositions].sort((x, y) => x - y));
    // The AI platform got its webhooks, each webhook-id once after dedupe.
    await waitFor('handoff.accepted', () => receiver.unique().some((r) => r.type === 'handoff.accepted'), 10_000);
    expect(receiver.unique().filter((r) => r.type === 'handoff.accepted')).toHaveLength(1);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    await receiver.close();
  }, 120_000);
});
