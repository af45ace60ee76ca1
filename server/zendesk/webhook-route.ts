import { createHash } from 'node:crypto';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Hono app (plain or OpenAPI) can carry this route
import type { Hono } from 'hono';
import { z } from 'zod';
import { BatonError } from '../core/errors.js';
import { decryptSecret, secretMatches } from '../core/secrets.js';
import { verifyZendeskSignature } from '../core/zendesk-signature.js';
import type { Database } from '../db/database.js';
import { enqueue } from '../store/deliveries.js';
import { findSession, findSessionByTicket } from '../store/sessions.js';
import { findTenant } from '../store/tenants.js';
import { hasPendingSync, recordInvocation } from '../store/zendesk-inbox.js';
import { assertStorable } from '../http/storable-input.js';
import { MAX_ZENDESK_WEBHOOK_BYTES } from '../http/body-limits.js';

export { MAX_ZENDESK_WEBHOOK_BYTES };

/** The body our triggers send: ids only; the content is read from the ticket (see ticket-sync). */
const TriggerBodySchema = z.looseObject({
  event: z.string().max(50).optional(),
  ticket_id: z.union([z.string().regex(/^\d{1,20}$/), z.number().int().positive()]).transform(String),
  external_id: z.string().max(200).optional(),
});

/**
 * `POST /zendesk/webhooks/{tenantId}`: verify the signature within the replay window, remember the
 * invocation (Zendesk may repeat it), queue a catch-up of the session, answer 200 at once. The work
 * happens in the outbox, so a slow Zendesk read never makes Zendesk's webhook time out.
 */
export function registerZendeskWebhookRoute(app: Hono<any, any, any>, deps: { db: Database; masterKey: Buffer; now?: () => number; onQueued?: () => void; onRejected?: () => void }) {
  app.post('/zendesk/webhooks/:tenantId', async (c) => {
    const tenant = await findTenant(deps.db, c.req.param('tenantId').slice(0, 100));
    if (!tenant) throw new BatonError('tenant_not_found');
    if (!tenant.zendeskWebhookSecretEnc) throw new BatonError('webhook_not_configured');
    // The bearer token we configured on the webhook: checked before a byte of the body is read, so an
    // anonymous sender costs a lookup and nothing more. Without one stored, nothing is accepted.
    if (!tenant.zendeskWebhookTokenHash) {
      deps.onRejected?.();
      throw new BatonError('webhook_token_not_configured');
    }
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (!token || !secretMatches(token, tenant.zendeskWebhookTokenHash)) {
      deps.onRejected?.();
      throw new BatonError('invalid_signature', 'Missing or wrong webhook bearer token.');
    }
    // The body limit (Content-Length and streaming, see http/body-guard.ts and app.ts) has run already.
    const raw = Buffer.from(await c.req.arrayBuffer());
    if (raw.length > MAX_ZENDESK_WEBHOOK_BYTES) throw new BatonError('payload_too_large');
    const timestamp = c.req.header('x-zendesk-webhook-signature-timestamp');
    const check = verifyZendeskSignature({
      secret: decryptSecret(deps.masterKey, tenant.zendeskWebhookSecretEnc),
      timestamp,
      signature: c.req.header('x-zendesk-webhook-signature'),
      body: raw,
      nowMs: deps.now?.() ?? Date.now(),
    });
    if (!check.ok) deps.onRejected?.();
    if (!check.ok) throw new BatonError('invalid_signature', `Zendesk webhook refused: ${check.reason} signature.`, { reason: check.reason });
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new BatonError('invalid_json');
    }
    assertStorable(json);
    const parsed = TriggerBodySchema.safeParse(json);
    if (!parsed.success) throw new BatonError('validation_failed', 'Expected a JSON body with ticket_id.', { issues: parsed.error.issues });
    const invocationId =
      c.req.header('x-zendesk-webhook-invocation-id') ?? createHash('sha256').update(`${timestamp}\n`).update(raw).digest('hex');
    const queued = await deps.db.transaction(async (tx) => {
      if (!(await recordInvocation(tx, tenant.id, invocationId.slice(0, 200), parsed.data))) return 'duplicate';
      const bySession = /^baton:(ses_[a-z0-9]{1,80})(?::followup-\d{1,20})?$/.exec(parsed.data.external_id ?? '')?.[1];
      const session =
        (await findSessionByTicket(tx, tenant.id, parsed.data.ticket_id)) ??
        (bySession ? await findSession(tx, bySession, { tenantId: tenant.id }) : undefined);
      if (!session) return 'unknown_ticket';
      if (await hasPendingSync(tx, session.id, parsed.data.ticket_id)) return 'already_queued';
      await enqueue(tx, [
        { tenantId: tenant.id, agentId: session.agentId, sessionId: session.id, channel: 'inbound', kind: 'zendesk.sync', payload: parsed.data },
      ]);
      return 'queued';
    });
    if (queued === 'queued') deps.onQueued?.();
    return c.json({ status: queued });
  });
}
