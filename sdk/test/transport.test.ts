import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BatonApiError, BatonNetworkError, createBatonClient } from '../src/index.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A real HTTP server on an ephemeral port that answers from a script, one entry per request. */
async function scriptedServer(script: Array<(res: ServerResponse) => void>) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const step = script.shift() ?? ((r: ServerResponse) => r.writeHead(500).end());
      step(res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}
const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => (res: ServerResponse) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
const relayError = (status: number, code: string, headers: Record<string, string> = {}) => json(status, { error: { code, message: `${code}!`, details: { why: 1 } } }, headers);
const fast = { baseDelayMs: 1, maxDelayMs: 5 };
const handoff = { conversationId: 'c1', endUser: { id: 'u1' }, transcript: [], reason: { code: 'customer_request' as const } };
const created = { session: { id: 'ses_1' }, created: true };

describe('transport', () => {
  it('retries a handoff through 503 and 429 (honouring Retry-After) with the same Idempotency-Key', async () => {
    const relay = await scriptedServer([relayError(503, 'unavailable'), relayError(429, 'rate_limited', { 'retry-after': '0' }), json(201, created)]);
    const client = createBatonClient({ apiKey: 'bk_test', baseUrl: relay.url, retry: fast });
    const result = await client.handoffs.create(handoff);
    expect(result.created).toBe(true);
    expect(relay.seen).toHaveLength(3);
    const keys = new Set(relay.seen.map((s) => s.headers['idempotency-key']));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(relay.seen.every((s) => s.headers.authorization === 'Bearer bk_test' && JSON.parse(s.body).conversationId === 'c1')).toBe(true);
  });

  it('gives every call its own key unless the caller passes one', async () => {
    const relay = await scriptedServer([json(201, created), json(201, created), json(200, created)]);
    const client = createBatonClient({ apiKey: 'bk_test', baseUrl: relay.url });
    await client.handoffs.create(handoff);
    await client.handoffs.create(handoff, { idempotencyKey: 'mine' });
    await client.handoffs.create(handoff, { idempotencyKey: 'mine' });
    const [a, b, c] = relay.seen.map((s) => s.headers['idempotency-key']);
    expect(a).not.toBe(b);
    expect([b, c]).toEqual(['mine', 'mine']);
  });

  it('throws a typed error with the relay code, details and status, without retrying a 4xx', async () => {
    const relay = await scriptedServer([relayError(404, 'session_not_found')]);
    const client = createBatonClient({ apiKey: 'bk_test', baseUrl: relay.url, retry: fast });
    const error = await client.sessions.get('ses_x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatonApiError);
    expect(error).toMatchObject({ status: 404, code: 'session_not_found', message: 'session_not_found!', details: { why: 1 } });
    expect(relay.seen).toHaveLength(1);
  });

  it('does not repeat a POST that could act twice (no key, not deduped by the relay)', async () => {
    const relay = await scriptedServer([relayError(503, 'unavailable')]);
    const client = createBatonClient({ apiKey: 'bk_test', baseUrl: relay.url, retry: fast });
    await expect(client.rules.create({ name: 'x', conditions: { all: [{ field: 'text', operator: 'contains', value: 'x' }] }, action: { type: 'handoff', reasonCode: 'other' } })).rejects.toMatchObject({ status: 503, code: 'unavailable' });
    expect(relay.seen).toHaveLength(1);
  });

  it('retries the writes whose repeat changes nothing more (waiting settings, rule order) through a 503', async () => {
    const settings = { settings: { useBusinessHours: false }, schedules: [] };
    const relay = await scriptedServer([relayError(503, 'database_unavailable'), json(200, settings), relayError(429, 'rate_limited', { 'retry-after': '0' }), json(200, { rules: [] })]);
    const client = createBatonClient({ apiKey: 'bk_test', baseUrl: relay.url, retry: fast });
    expect(await client.agents.updateWaitingSettings('agt_1', { useBusinessHours: false })).toEqual(settings);
    expect(await client.rules.reorder(['rul_2', 'rul_1'])).toEqual({ rules: [] });
    expect(relay.seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'PATCH /v1/agents/agt_1/waiting-settings',
      'PATCH /v1/agents/agt_1/waiting-settings',
      'POST /v1/rules/reorder',
      'POST /v1/rules/reorder',
    ]);
  });

  it('reports a rule deleted when the retry of a delete whose answer was lost finds it gone, and not_found otherwise', async () => {
    // The first attempt deleted the rule, but a proxy timed out before the answer: the retry's 404 is that deletion.
    const relay = await scriptedServer([relayError(504, 'gateway_timeout'), relayError(404, 'not_found'), relayError(404, 'not_found')]);
    const client = createBatonClient({ apiKey: 'bk_test', baseUrl: relay.url, retry: fast });
    await expect(client.rules.remove('rul_1')).resolves.toBeUndefined();
    expect(relay.seen.map((s) => s.method)).toEqual(['DELETE', 'DELETE']);
    await expect(client.rules.remove('rul_missing')).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });

  it('keeps the default attempts for retry fields given as undefined, and refuses a retry setting that is not a number', async () => {
    // `retry: { maxAttempts: Number(process.env.X) || undefined }`: an unset variable must not mean "retry forever".
    const relay = await scriptedServer(Array.from({ length: 5 }, () => relayError(503, 'database_unavailable')));
    const client = createBatonClient({ apiKey: 'bk_test', baseUrl: relay.url, retry: { maxAttempts: undefined, baseDelayMs: 1, maxDelayMs: undefined } });
    await expect(client.sessions.get('ses_1')).rejects.toMatchObject({ status: 503, code: 'database_unavailable' });
    expect(relay.seen).toHaveLength(4);
    expect(() => createBatonClient({ apiKey: 'bk_test', baseUrl: relay.url, retry: { maxAttempts: Number('') * Number.NaN } })).toThrow(/retry\.maxAttempts must be a number/);
  }, 10_000);

  it('refuses a timeout that cannot be one when the client is made, and takes a fractional one', async () => {
    // `timeoutMs: Number(process.env.BATON_TIMEOUT_MS)` of an unset variable is NaN. It was accepted, and then every
    // call to a relay that answered at once failed as network_error (AbortSignal.timeout's RangeError, retried).
    const relay = await scriptedServer([json(200, { session: { id: 'ses_1' } })]);
    for (const timeoutMs of [Number.NaN, 0, -5, Number.POSITIVE_INFINITY]) {
      expect(() => createBatonClient({ apiKey: 'bk_test', baseUrl: relay.url, timeoutMs }), String(timeoutMs)).toThrow(/timeoutMs must be a number of milliseconds above 0/);
    }
    // A computed 2.5 s (2_500.5) is a timeout too: whole milliseconds are what the timer takes.
    const client = createBatonClient({ apiKey: 'bk_test', baseUrl: relay.url, timeoutMs: 2_500.5, retry: { maxAttempts: 1 } });
    await expect(client.sessions.get('ses_1')).resolves.toMatchObject({ session: { id: 'ses_1' } });
    expect(relay.seen).toHaveLength(1);
  });

  it('stops after maxAttempts and reports a non-Baton body by its status', async () => {
    const html = (res: ServerResponse) => res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
    const relay = await scriptedServer([html, html, html]);
    const client = createBatonClient({ apiKey: 'bk_test', baseUrl: relay.url, retry: { ...fast, maxAttempts: 3 } });
    await expect(client.sessions.list()).rejects.toMatchObject({ status: 502, code: 'http_502' });
    expect(relay.seen).toHaveLength(3);
  });

  it("ends a back-off at once when the caller aborts, instead of waiting out the relay's Retry-After", async () => {
    const relay = await scriptedServer([relayError(503, 'database_unavailable', { 'retry-after': '60' })]);
    const controller = new AbortController();
    // The caller gives up as soon as the first answer is in: the SDK is then waiting up to 60 s to retry.
    const fetchThenAbort = async (request: Request) => {
      const response = await fetch(request);
      controller.abort();
      return response;
    };
    const client = createBatonClient({ apiKey: 'bk_test', baseUrl: relay.url, fetch: fetchThenAbort });
    const error = await client.sessions.get('ses_1', { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(relay.seen).toHaveLength(1);
  }, 20_000); // the old code waited the full 60 s before noticing the abort

  it('treats a connection dropped mid-body as a network failure: retried when safe, else a BatonNetworkError', async () => {
    // Headers and the start of the body arrive, then the connection goes (a proxy restart, a reset).
    const cutShort = (status: number) => (res: ServerResponse) => {
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"session":{"id":"ses_1"', () => res.destroy());
    };
    const relay = await scriptedServer([cutShort(200), json(200, { session: { id: 'ses_1' } }), cutShort(201)]);
    const client = createBatonClient({ apiKey: 'bk_test', baseUrl: relay.url, retry: fast });
    expect(await client.sessions.get('ses_1')).toEqual({ session: { id: 'ses_1' } });
    expect(relay.seen).toHaveLength(2);
    await expect(client.rules.create({ name: 'x', conditions: { all: [{ field: 'text', operator: 'contains', value: 'x' }] }, action: { type: 'handoff', reasonCode: 'other' } })).rejects.toMatchObject({ name: 'BatonNetworkError', code: 'network_error' });
    expect(relay.seen).toHaveLength(3);
  });

  it('retries a refused connection for safe calls, then reports a network error', async () => {
    const relay = await scriptedServer([]);
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
    const client = createBatonClient({ apiKey: 'bk_test', baseUrl: relay.url, retry: { ...fast, maxAttempts: 2 } });
    await expect(client.sessions.get('ses_1')).rejects.toBeInstanceOf(BatonNetworkError);
  });
});
