import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateAppSecret } from '../relay/admin.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, startTestRelay, waitFor, type TestRelay } from './harness.js';
import { recordingHelpdeskFor } from './recording-helpdesk.js';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
/** Long enough for a loaded machine to open the stream before its token ends. */
const SHORT_STREAM_TTL_MS = 5_000;

/** The JWT Zendesk's request proxy signs for the app with its secure shared_secret setting. */
const proxyToken = (secret: string, tenant: string, aud: string) =>
  new SignJWT({ tenant }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setAudience(aud).setExpirationTime('60s').sign(new TextEncoder().encode(secret));

describe.each(BACKENDS)('/metrics access and live streams per token (%s)', (backend) => {
  warnIfPostgresSkipped('access-limits');
  let open: TestRelay; // defaults: /metrics open, 15-minute stream tokens
  let guarded: TestRelay; // METRICS_TOKEN set, short stream tokens
  beforeAll(async () => {
    [open, guarded] = await Promise.all([
      startTestRelay(backend, { helpdeskFor: recordingHelpdeskFor() }),
      startTestRelay(backend, {
        helpdeskFor: recordingHelpdeskFor(),
        env: { METRICS_TOKEN },
        overrides: { appApi: { streamTokenTtlMs: SHORT_STREAM_TTL_MS } },
      }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([open?.stop(), guarded?.stop()]);
  });

  /** A stream-token answer for a fresh session, as the sidebar gets it through Zendesk's proxy. */
  const streamTokenFor = async (t: TestRelay) => {
    const secret = await rotateAppSecret(t.relay.db, t.relay.masterKey, t.tenantId);
    const handoff = await t.api('POST', '/v1/handoffs', handoffBody(), { 'idempotency-key': randomUUID() });
    const id = handoff.body.session.id as string;
    const res = await fetch(`${t.url}/app/v1/sessions/${id}/stream-token`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await proxyToken(secret, t.tenantId, t.url)}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { url: string; expiresAt: string };
  };

  it('serves /metrics to anyone when METRICS_TOKEN is unset', async () => {
    const res = await fetch(`${open.url}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('baton_');
  });

  it('with METRICS_TOKEN, answers /metrics only to that bearer token', async () => {
    for (const authorization of [undefined, 'Bearer wrong', `Bearer ${METRICS_TOKEN}x`, `Basic ${METRICS_TOKEN}`, METRICS_TOKEN]) {
      const res = await fetch(`${guarded.url}/metrics`, { headers: authorization ? { authorization } : {} });
      expect(res.status, String(authorization)).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_metrics_token');
    }
    const ok = await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('baton_');
  });

  it('caps the live streams one token opens, and frees a slot when a stream closes', async () => {
    const { url } = await streamTokenFor(open);
    const streams = await Promise.all([1, 2, 3].map(() => fetch(url)));
    expect(streams.map((s) => s.status)).toEqual([200, 200, 200]);
    const fourth = await fetch(url);
    expect(fourth.status).toBe(429);
    expect(((await fourth.json()) as { error: { code: string } }).error.code).toBe('too_many_streams');
    // Another session's token is not affected.
    expect((await fetch((await streamTokenFor(open)).url).then(async (r) => (await r.body?.cancel(), r.status)))).toBe(200);
    await streams[0]!.body!.cancel();
    const again = await waitFor('a freed stream slot', async () => {
      const res = await fetch(url);
      if (res.status === 200) return res;
      await res.body?.cancel();
      return undefined;
    }, 20_000);
    await Promise.all([again, ...streams.slice(1)].map((s) => s.body!.cancel()));
  });

  it('ends a live stream when its token expires', async () => {
    const { url, expiresAt } = await streamTokenFor(guarded);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let text = '';
    const ended = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return true;
        text += new TextDecoder().decode(value);
      }
    })();
    await waitFor('the stream to end', () => Promise.race([ended, new Promise<false>((r) => setTimeout(() => r(false), 200))]), 30_000);
    expect(text).toContain('event: session');
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(expiresAt));
    // The expired token opens nothing new.
    expect((await fetch(url)).status).toBe(401);
  });
});
