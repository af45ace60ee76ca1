import { describe, expect, it } from 'vitest';
import { signZendeskWebhook, verifyZendeskSignature, ZENDESK_TEST_SIGNING_SECRET } from './zendesk-signature.js';

const body = '{"ticket_id":"35436","comment_id":"9876543210","event":"agent_reply"}';
const timestamp = '2021-03-25T05:09:27Z';
const now = Date.parse(timestamp) + 1_000;

describe('Zendesk webhook signature', () => {
  it('matches the golden vector from the reference with the documented test secret', () => {
    expect(signZendeskWebhook(ZENDESK_TEST_SIGNING_SECRET, timestamp, body)).toBe('Hsi5jTHedKKv3FDWoE+u0gIDzZq4mEVZ+WvFUPE8DTQ=');
    expect(
      verifyZendeskSignature({ secret: ZENDESK_TEST_SIGNING_SECRET, timestamp, body, nowMs: now, signature: 'Hsi5jTHedKKv3FDWoE+u0gIDzZq4mEVZ+WvFUPE8DTQ=' }),
    ).toEqual({ ok: true });
  });

  it('refuses a changed body, a wrong secret, a stale or missing timestamp', () => {
    const signature = signZendeskWebhook('s3cret', timestamp, body);
    const check = (over: Partial<Parameters<typeof verifyZendeskSignature>[0]>) =>
      verifyZendeskSignature({ secret: 's3cret', timestamp, body, signature, nowMs: now, ...over });
    expect(check({})).toEqual({ ok: true });
    expect(check({ body: body.replace('35436', '35437') })).toEqual({ ok: false, reason: 'mismatch' });
    expect(check({ secret: 'other' })).toEqual({ ok: false, reason: 'mismatch' });
    expect(check({ nowMs: now + 10 * 60 * 1000 })).toEqual({ ok: false, reason: 'stale' });
    expect(check({ timestamp: undefined })).toEqual({ ok: false, reason: 'missing' });
    expect(check({ timestamp: 'yesterday' })).toEqual({ ok: false, reason: 'bad_timestamp' });
    expect(check({ signature: 'AAAA' })).toEqual({ ok: false, reason: 'mismatch' });
  });
});
