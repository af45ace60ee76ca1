import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectZendesk, provisionTenantZendesk } from '../relay/admin.js';
import { startZendeskEmulator, type ZendeskEmulator } from '../zendesk-emu/index.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, startTestRelay, waitFor, type TestRelay } from './harness.js';

warnIfPostgresSkipped('requester-changed.test.ts');

/**
 * With the `impersonate` scope the relay writes the customer's lines as the ticket's requester (Requests API +
 * X-On-Behalf-Of), and Zendesk answers 404 to an end user who is not the ticket's requester. An agent who corrects
 * the requester (the chat's "Jane Doe" is a known customer) must not make the customer's next lines vanish.
 */
describe.each(BACKENDS)('the requester changed under an impersonating relay, on %s', (backend) => {
  let z: ZendeskEmulator;
  let t: TestRelay;
  beforeAll(async () => {
    z = await startZendeskEmulator({ accountRequestsPerMinute: 100_000 });
    t = await startTestRelay(backend, { env: { RECONCILE_INTERVAL_MS: '600000' } });
    const token = z.issueAccessToken(['read', 'write', 'impersonate']);
    await connectZendesk(t.relay.db, t.relay.masterKey, t.tenantId, {
      baseUrl: z.baseUrl,
      credentials: { type: 'oauth', accessToken: token.accessToken, scopes: ['read', 'write', 'impersonate'] },
    });
    await provisionTenantZendesk(t.relay.db, t.relay.masterKey, t.tenantId, t.url);
  });
  afterAll(async () => {
    await t?.stop();
    await z?.stop();
  });

  it("keeps writing the customer's lines on the ticket after an agent changed its requester", async () => {
    const body = handoffBody();
    const res = await t.api('POST', '/v1/handoffs', body, { 'idempotency-key': randomUUID() });
    const id = res.body.session.id as string;
    await waitFor('handoff.accepted', () => t.receiver.unique().find((e) => e.type === 'handoff.accepted' && e.data.sessionId === id));
    const ticketId = z.tickets().find((x) => x.external_id === `baton:${id}`)!.id;
    await z.setRequester(ticketId, { name: 'Jane Known', email: `jane-${randomUUID()}@customer.test` });

    const line = await t.api('POST', `/v1/sessions/${id}/messages`, { id: 'after-change', role: 'user', text: 'Still there?', createdAt: new Date().toISOString() });
    expect(line.status).toBe(202);
    const carrier = await waitFor('the line on a ticket', () => z.tickets().find((x) => x.comments.some((c) => c.public && c.body === 'Still there?')));
    expect(carrier.id).toBe(ticketId); // the ticket still exists: no new ticket for it
    expect(z.tickets().filter((x) => x.external_id?.startsWith(`baton:${id}`))).toHaveLength(1);
  });
});
