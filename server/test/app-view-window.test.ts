import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateAppSecret } from '../relay/admin.js';
import { proxyToken } from './app-token.js';
import { handoffBody, startTestRelay, waitFor, type TestRelay } from './harness.js';
import { createRecordingHelpdesk } from './recording-helpdesk.js';

/**
 * The sidebar's view of a long conversation: the newest window first, earlier pages by cursor, the customer's
 * earlier handoffs, attachment sizes; bad query strings are 422s.
 */
describe('the sidebar view of a long conversation (/app/v1, PGlite)', () => {
  let t: TestRelay;
  let token = '';
  const desk = createRecordingHelpdesk();
  beforeAll(async () => {
    t = await startTestRelay('pglite', { helpdeskFor: async () => desk.helpdesk });
    token = await proxyToken(await rotateAppSecret(t.relay.db, t.relay.masterKey, t.tenantId), { tenant: t.tenantId }, { aud: t.url });
  });
  afterAll(() => t?.stop());

  const get = async (path: string) => {
    const res = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const handOff = async (body: Record<string, unknown>) => {
    const res = await t.api('POST', '/v1/handoffs', handoffBody(body), { 'idempotency-key': randomUUID() });
    expect(res.status).toBeLessThan(300);
    const id = res.body.session.id as string;
    return { id, ticketId: (await waitFor('ticket', () => desk.ticketOf(id))).id };
  };
  const transcript = (n: number) => Array.from({ length: n }, (_, i) => ({
    id: `m${i}`, role: 'user', text: `line ${i}`, createdAt: new Date(Date.UTC(2026, 10, 24, 10, 0, i)).toISOString(),
    ...(i === n - 1 ? { attachments: [{ url: 'https://files.example/receipt.pdf', name: 'receipt.pdf', size: 48_213 }] } : {}),
  }));
  const ids = (messages: Array<{ id: string }>) => messages.map((m) => m.id);

  it('sends the newest window with the total and a cursor, and the pages before it on request', async () => {
    const { id, ticketId } = await handOff({ transcript: transcript(250) });
    const { body } = await get(`/app/v1/tickets/${ticketId}/session?window=40`);
    expect(body.session.messageCount).toBe(250);
    expect(ids(body.session.messages)).toEqual(Array.from({ length: 40 }, (_, i) => `m${210 + i}`));
    expect(body.session.earlierCursor).toBe('m210');
    expect(body.session.messages.at(-1).attachments).toEqual([{ url: 'https://files.example/receipt.pdf', name: 'receipt.pdf', size: 48_213 }]);

    const page = await get(`/app/v1/sessions/${id}/messages?before=m210&limit=100`);
    expect(ids(page.body.messages)).toEqual(Array.from({ length: 100 }, (_, i) => `m${110 + i}`));
    expect(page.body.earlierCursor).toBe('m110');
    const last = await get(`/app/v1/sessions/${id}/messages?before=m110&limit=500`);
    expect(ids(last.body.messages)).toHaveLength(110);
    expect(last.body.earlierCursor).toBeNull();

    // The platform's contract documents the size it may send.
    const doc = await fetch(`${t.url}/openapi.json`).then((r) => r.json());
    expect(doc.components.schemas.Attachment.properties.size).toMatchObject({ type: 'integer', minimum: 0 });
    // Without a window: every message, as an older sidebar expects.
    expect((await get(`/app/v1/tickets/${ticketId}/session`)).body.session.messages).toHaveLength(250);
  });

  it('cuts the window from the timeline in the order messages were written, not the order they arrived', async () => {
    const at = (s: number) => new Date(Date.UTC(2026, 10, 24, 10, 0, s)).toISOString();
    const { ticketId } = await handOff({ transcript: [
      { id: 'late', role: 'user', text: 'written last, sent first', createdAt: at(50) },
      { id: 'a', role: 'user', text: 'a', createdAt: at(10) },
      { id: 'b', role: 'assistant', text: 'b', createdAt: at(20) },
      { id: 'c', role: 'user', text: 'c', createdAt: at(30) },
    ] });
    const { body } = await get(`/app/v1/tickets/${ticketId}/session?window=2`);
    expect(ids(body.session.messages)).toEqual(['c', 'late']);
    expect([body.session.messageCount, body.session.earlierCursor]).toEqual([4, 'c']);
  });

  it('refuses a bad window or page with a 422, and another tenant\'s session with a 404', async () => {
    const { id, ticketId } = await handOff({});
    for (const path of [`/app/v1/tickets/${ticketId}/session?window=0`, `/app/v1/tickets/${ticketId}/session?window=abc`, `/app/v1/sessions/${id}/messages?limit=5`, `/app/v1/sessions/${id}/messages?before=m1&limit=100000`]) {
      const res = await get(path);
      expect(res.status, path).toBe(422);
      expect(res.body.error.code, path).toBe('validation_failed');
    }
    expect((await get(`/app/v1/sessions/ses_nope/messages?before=m1`)).status).toBe(404);
  });

  it('counts the customer\'s handoffs from earlier conversations and names their tickets', async () => {
    const endUser = { id: `cust-${randomUUID()}`, name: 'Jane', locale: 'en' };
    const first = await handOff({ endUser });
    const second = await handOff({ endUser });
    const now = await handOff({ endUser });
    const { body } = await get(`/app/v1/tickets/${now.ticketId}/session?window=40`);
    expect(body.session.customerHandoffs.count).toBe(2);
    expect(body.session.customerHandoffs.recent.map((h: { ticketId: string }) => h.ticketId)).toEqual([second.ticketId, first.ticketId]);
    // The first of them had none before it.
    expect((await get(`/app/v1/tickets/${first.ticketId}/session`)).body.session.customerHandoffs).toEqual({ count: 0, recent: [] });
  });
});
