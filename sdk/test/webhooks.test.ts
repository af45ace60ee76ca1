import { Window } from 'happy-dom';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { BatonWebhookError, createBatonClient, verifyWebhook, type BatonEvent } from '../src/index.js';

const SECRET = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;

function signed(payload: unknown, secret = SECRET) {
  const body = JSON.stringify(payload);
  const id = 'msg_1';
  const timestamp = new Date();
  return { body, headers: { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign(id, timestamp, body) } };
}

const replyEvent = {
  type: 'message.created',
  timestamp: '2026-12-01T00:00:00Z',
  data: { sessionId: 'ses_1', conversationId: 'c1', message: { id: 'zd-1', seq: 4, role: 'agent', text: 'Hi, Alex here', createdAt: '2026-12-01T00:00:00Z', attachments: [], authorName: 'Alex', source: 'helpdesk' } },
};

describe('verifyWebhook', () => {
  // While a receiver switches to a rotated secret it may hold both; the relay signs with both during its overlap window.
  it('accepts a delivery when any given secret matches any signature in the header, and refuses one no secret signed', () => {
    const other = `whsec_${Buffer.from('fedcba9876543210fedcba9876543210').toString('base64')}`;
    const byOther = signed(replyEvent, other);
    expect(verifyWebhook(byOther.body, byOther.headers, [SECRET, other]).type).toBe('message.created');
    const bySecret = signed(replyEvent);
    expect(createBatonClient({ apiKey: 'bk_x', baseUrl: 'http://relay', webhookSecret: [other, SECRET] }).verifyWebhook(bySecret.body, bySecret.headers).type).toBe('message.created');
    // Both signatures over the same id and timestamp, as the relay sends them during its overlap window.
    const at = new Date(Number(byOther.headers['webhook-timestamp']) * 1000);
    const both = { ...byOther.headers, 'webhook-signature': `${new Webhook(SECRET).sign('msg_1', at, byOther.body)} ${byOther.headers['webhook-signature']}` };
    expect(verifyWebhook(byOther.body, both, SECRET).type).toBe('message.created');
    expect(verifyWebhook(byOther.body, both, other).type).toBe('message.created');
    const stranger = `whsec_${Buffer.from('00000000000000000000000000000000').toString('base64')}`;
    expect(() => verifyWebhook(byOther.body, byOther.headers, [SECRET, stranger])).toThrow(BatonWebhookError);
    expect(() => verifyWebhook(byOther.body, byOther.headers, [])).toThrow(TypeError);
  });

  it('returns the typed event for a correctly signed body (plain object or Headers)', () => {
    const { body, headers } = signed(replyEvent);
    const event: BatonEvent = verifyWebhook(body, headers, SECRET);
    // The union narrows on `type`: this line only compiles because message.created carries a message.
    if (event.type !== 'message.created') throw new Error(`unexpected ${event.type}`);
    expect(event.data.message.text).toBe('Hi, Alex here');
    const client = createBatonClient({ apiKey: 'bk_x', baseUrl: 'http://relay', webhookSecret: SECRET });
    expect(client.verifyWebhook(body, new Headers(headers)).type).toBe('message.created');
  });

  it('refuses a tampered body, a wrong secret and a stale timestamp', () => {
    const { body, headers } = signed(replyEvent);
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof BatonWebhookError ? e.code : String(e);
      }
      return 'accepted';
    };
    expect(code(() => verifyWebhook(body.replace('Alex here', 'Mallory'), headers, SECRET))).toBe('invalid_signature');
    expect(code(() => verifyWebhook(body, headers, `whsec_${Buffer.from('another-secret-another-secret-xx').toString('base64')}`))).toBe('invalid_signature');
    expect(code(() => verifyWebhook(body, { ...headers, 'webhook-timestamp': String(Math.floor(Date.now() / 1000) - 3600) }, SECRET))).toBe('invalid_signature');
    const future = signed({ ...replyEvent, type: 'ticket.exploded' });
    expect(code(() => verifyWebhook(future.body, future.headers, SECRET))).toBe('unknown_event_type');
  });

  it('takes a secret with the newline of a secrets file, and refuses a malformed one when the client is created', () => {
    const { body, headers } = signed(replyEvent);
    expect(verifyWebhook(body, headers, `${SECRET}\n`).type).toBe('message.created');
    expect(createBatonClient({ apiKey: 'bk_x', baseUrl: 'http://relay', webhookSecret: ` ${SECRET}\n` }).verifyWebhook(body, headers).type).toBe('message.created');
    // A mistake in the configuration says so at start-up, instead of `invalid_signature` on every delivery.
    expect(() => createBatonClient({ apiKey: 'bk_x', baseUrl: 'http://relay', webhookSecret: 'whsec_not base64!' })).toThrow(TypeError);
    expect(() => createBatonClient({ apiKey: 'bk_x', baseUrl: 'http://relay', webhookSecret: 'whsec_not base64!' })).toThrow(/webhook secret/);
  });

  it('refuses an empty webhook secret (a variable set but left blank) when the client is created', () => {
    // Read as "no secret", it failed every delivery later with a plain Error, answered 400 and retried for hours.
    for (const blank of ['', ' \n']) {
      expect(() => createBatonClient({ apiKey: 'bk_x', baseUrl: 'http://relay', webhookSecret: blank })).toThrow(/webhook secret/);
    }
  });

  it('reads a fetch Headers of another implementation than the global one (a framework polyfill, another realm)', () => {
    const { body, headers } = signed(replyEvent);
    const foreign = new (new Window().Headers)(headers); // happy-dom's own fetch Headers: not `instanceof Headers`
    expect(foreign instanceof Headers).toBe(false);
    expect(verifyWebhook(body, foreign as unknown as Headers, SECRET).type).toBe('message.created');
  });
});
