import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatonWebhookError, verifyWebhook } from '../../sdk/src/index.js';
import { runCommand } from '../cli/commands.js';
import { WEBHOOK_SECRET_OVERLAP_HOURS } from '../core/webhook-secret-overlap.js';
import { createAgent, createApiKey } from '../relay/admin.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, startTestRelay, waitFor, type TestRelay } from './harness.js';
import { createRecordingHelpdesk } from './recording-helpdesk.js';

const HOUR_MS = 3_600_000;

interface Delivery {
  body: string;
  headers: IncomingHttpHeaders;
  /** What the platform answered: 204 when its secret verified the delivery, 400 (as the SDK says to) when not. */
  status: number;
}

/**
 * An AI platform's receiver on a real socket, verifying with the real SDK and the one secret it was given; it gets the
 * new secret only when the test "deploys" it, as a platform does some time after an admin rotated it.
 */
async function startPlatformReceiver(initialSecret: string) {
  const state = { secret: initialSecret, deliveries: [] as Delivery[] };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let status = 204;
      try {
        verifyWebhook(body, req.headers as Record<string, string>, state.secret);
      } catch (error) {
        if (!(error instanceof BatonWebhookError)) throw error;
        status = 400;
      }
      state.deliveries.push({ body, headers: req.headers, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/baton`;
  return { state, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const verifies = (d: Delivery, secret: string | string[]) => {
  try {
    verifyWebhook(d.body, d.headers as Record<string, string>, secret);
    return true;
  } catch (error) {
    if (error instanceof BatonWebhookError && error.code === 'invalid_signature') return false;
    throw error;
  }
};

/**
 * Rotating an AI agent's webhook secret switched signing at once: every delivery after the switch was refused (400) by
 * the platform's receiver, still holding the old secret, and retried until the platform deployed the new one. Now the
 * relay signs with both secrets for an overlap window (24 h by default; the header carries one `v1,` signature per
 * secret), so the platform keeps verifying while it switches; after the window only the new secret verifies.
 */
describe.each(BACKENDS)('rotating a webhook signing secret (%s)', (backend) => {
  warnIfPostgresSkipped('webhook-secret-rotation');
  const desk = createRecordingHelpdesk();
  let clockOffsetMs = 0;
  let t: TestRelay;
  let platform: Awaited<ReturnType<typeof startPlatformReceiver>>;
  let agent: { agentId: string; webhookSecret: string };
  let apiKey = '';

  beforeAll(async () => {
    t = await startTestRelay(backend, { helpdeskFor: async () => desk.helpdesk, overrides: { now: () => new Date(Date.now() + clockOffsetMs) } });
    platform = await startPlatformReceiver('');
    agent = await createAgent(t.relay.db, t.relay.masterKey, { tenantId: t.tenantId, name: 'Rotating bot', callbackUrl: platform.url });
    platform.state.secret = agent.webhookSecret;
    apiKey = (await createApiKey(t.relay.db, { agentId: agent.agentId })).apiKey;
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    await platform?.close();
  });

  /** A handoff, and the first delivery its handoff.accepted reached the platform with. */
  const handoffAccepted = async (): Promise<Delivery> => {
    const res = await fetch(`${t.url}/v1/handoffs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': `k-${Math.random()}` },
      body: JSON.stringify(handoffBody()),
    });
    expect(res.status).toBe(201);
    const sessionId = ((await res.json()) as { session: { id: string } }).session.id;
    return waitFor('handoff.accepted at the platform', () =>
      platform.state.deliveries.find((d) => {
        const event = JSON.parse(d.body) as { type: string; data: { sessionId?: string } };
        return event.type === 'handoff.accepted' && event.data.sessionId === sessionId;
      }),
    );
  };

  const rotate = async (...extra: string[]) => {
    const lines: string[] = [];
    const ctx = { db: t.relay.db, masterKey: t.relay.masterKey, publicBaseUrl: t.url, print: (l: string) => lines.push(l) };
    expect(await runCommand(ctx, ['secret:rotate', '--agent', agent.agentId, ...extra])).toBe(0);
    return { secret: /New webhook signing secret: (whsec_\S+)/.exec(lines.join('\n'))![1]!, output: lines.join('\n') };
  };

  it('keeps deliveries verifying with the old secret during the window, with either after the platform switches, and only the new one after it', async () => {
    const old = agent.webhookSecret;
    const before = await handoffAccepted();
    expect(before.status).toBe(204);
    expect(String(before.headers['webhook-signature']).split(' ')).toHaveLength(1);

    const rotated = await rotate();
    expect(rotated.output).toMatch(/signed with the previous secret too until \d{4}-\d\d-\d\dT/);
    // During the window: the platform still holds the old secret and accepts the delivery at once (no refusal, no retry).
    const during = await handoffAccepted();
    expect(during.status).toBe(204);
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifies(during, old)).toBe(true);
    expect(verifies(during, rotated.secret)).toBe(true);
    expect(verifies(during, [rotated.secret, old])).toBe(true);
    // The platform deploys the new secret within the window: still accepted.
    platform.state.secret = rotated.secret;
    expect((await handoffAccepted()).status).toBe(204);

    // The relay's clock passes the end of the window: the old secret is no longer signed with.
    clockOffsetMs = (WEBHOOK_SECRET_OVERLAP_HOURS + 1) * HOUR_MS;
    const after = await handoffAccepted();
    expect(after.status).toBe(204);
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verifies(after, old)).toBe(false);
    expect(verifies(after, rotated.secret)).toBe(true);
    expect(verifies(after, [old, rotated.secret])).toBe(true);
    clockOffsetMs = 0;
  }, 60_000);

  it('drops the old secret at once with --overlap-hours 0 (a leaked secret)', async () => {
    const current = platform.state.secret;
    const rotated = await rotate('--overlap-hours', '0');
    expect(rotated.output).toContain('no longer signed with');
    const next = await handoffAccepted();
    // The platform still on the leaked secret refuses: nothing signed with it any more.
    expect(next.status).toBe(400);
    expect(verifies(next, current)).toBe(false);
    expect(verifies(next, rotated.secret)).toBe(true);
    platform.state.secret = rotated.secret;
  }, 60_000);
});
