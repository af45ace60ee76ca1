import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret } from './secrets.js';
import { signStandardWebhook } from './standard-webhook-signature.js';

describe('signStandardWebhook', () => {
  const at = new Date('2026-12-01T10:11:12.999Z');
  const bodies = ['{}', JSON.stringify({ type: 'message.created', data: { message: { text: 'Grüße, 你好, 👋 — "quoted"\nline' } } }), 'x'.repeat(70_000)];

  it('writes the header the reference library writes, for the secrets the relay issues', () => {
    for (let n = 0; n < 20; n++) {
      const secret = generateWebhookSecret();
      for (const body of bodies) {
        expect(signStandardWebhook(secret, `msg_${n}`, at, body)).toBe(new Webhook(secret).sign(`msg_${n}`, at, body));
      }
    }
  });

  it('is accepted by the reference verifier and refused for another body, id or secret', () => {
    const secret = generateWebhookSecret();
    const body = bodies[1]!;
    const now = new Date();
    const headers = (signature: string, id = 'msg_1') => ({ 'webhook-id': id, 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': signature });
    const signature = signStandardWebhook(secret, 'msg_1', now, body);
    expect(new Webhook(secret).verify(body, headers(signature))).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(`${body} `, headers(signature))).toThrow();
    expect(() => new Webhook(secret).verify(body, headers(signature, 'msg_2'))).toThrow();
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers(signature))).toThrow();
  });

  // A rotation's overlap window: one header, one signature per secret, so a receiver holding either verifies.
  it('signs with each of several secrets in one header, verified by a receiver holding any of them', () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const body = bodies[1]!;
    const now = new Date();
    const signature = signStandardWebhook([current, previous], 'msg_1', now, body);
    expect(signature).toBe(`${signStandardWebhook(current, 'msg_1', now, body)} ${signStandardWebhook(previous, 'msg_1', now, body)}`);
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': signature };
    expect(new Webhook(current).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(previous).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
  });
});
