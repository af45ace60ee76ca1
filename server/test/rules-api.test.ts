import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureAgent, createAgent } from '../relay/admin.js';
import { insertRule } from '../store/rules.js';
import { BACKENDS, warnIfPostgresSkipped } from './backends.js';
import { handoffBody, startTestRelay, type TestRelay } from './harness.js';
import { recordingHelpdeskFor } from './recording-helpdesk.js';

warnIfPostgresSkipped('rules-api.test.ts');

describe.each(BACKENDS)('escalation rules API on %s', (backend) => {
  let t: TestRelay;
  beforeAll(async () => {
    t = await startTestRelay(backend, { helpdeskFor: recordingHelpdeskFor() });
  });
  afterAll(() => t?.stop());
  const evaluateTurn = (conversationId: string, body: unknown, headers: Record<string, string> = {}) =>
    t.api('POST', `/v1/conversations/${conversationId}/evaluate`, body, headers);

  it('decides with the default rules and explains which condition matched', async () => {
    const res = await evaluateTurn('c-1', { turn: { text: 'Quiero hablar con una persona', language: 'es' } });
    expect(res.status).toBe(200);
    expect(res.body.decision).toMatchObject({ handoff: true, reasonCode: 'customer_request', rule: { name: 'Customer asks for a human' } });
    expect(res.body.decision.message).toMatch(/equipo/);
    const matched = res.body.decision.trace.find((r: { matched: boolean }) => r.matched);
    expect(matched.conditions[0]).toMatchObject({ field: 'detected.human_request', matched: true });
    const no = await evaluateTurn('c-1', { turn: { text: 'Where is my order?', signals: { confidence: 0.9 } } });
    expect(no.body.decision).toMatchObject({ handoff: false, rule: null });
  });

  it('starts the handoff itself when asked, recording rule, reason, routing and the localized message', async () => {
    const res = await evaluateTurn(
      `c-${randomUUID()}`,
      {
        turn: { text: 'refund please', trigger: { name: 'refund_over_limit', payload: { amount: 900 } } },
        startHandoff: { endUser: { id: 'u-1', name: 'Ana', locale: 'pt-BR' }, transcript: [{ id: 'm1', role: 'user', text: 'refund please', createdAt: new Date().toISOString() }] },
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(res.status).toBe(200);
    expect(res.body.session).toMatchObject({ state: 'pending', reason: { code: 'custom_trigger' }, priority: 'high' });
    expect(res.body.session.handoffMessage).toMatch(/equipe|team/);
  });

  it('replays a started handoff for the same key and body, and refuses the key with another turn or conversation', async () => {
    const conversationId = `c-${randomUUID()}`;
    const key = { 'idempotency-key': randomUUID() };
    const startHandoff = { endUser: { id: 'u-2' }, transcript: [{ id: 'm1', role: 'user', text: 'hello', createdAt: new Date().toISOString() }] };
    const first = await evaluateTurn(conversationId, { turn: { text: 'I want to talk to a human' }, startHandoff }, key);
    expect(first.status).toBe(200);
    expect(first.body.session.id).toMatch(/^ses_/);

    const retry = await evaluateTurn(conversationId, { turn: { text: 'I want to talk to a human' }, startHandoff }, key);
    expect([retry.status, retry.headers.get('idempotent-replayed')]).toEqual([200, 'true']);
    expect(retry.body).toEqual(first.body);

    // Another turn that the same rule hands off derives the very same handoff: still not the same request.
    const otherTurn = await evaluateTurn(conversationId, { turn: { text: 'Can I speak to a person please?' }, startHandoff }, key);
    expect([otherTurn.status, otherTurn.body.error?.code]).toEqual([422, 'idempotency_key_reused']);
    const noHandoff = await evaluateTurn(conversationId, { turn: { text: 'Where is my order?', signals: { confidence: 0.9 } }, startHandoff }, key);
    expect([noHandoff.status, noHandoff.body.error?.code]).toEqual([422, 'idempotency_key_reused']);
    const otherConversation = await evaluateTurn(`c-${randomUUID()}`, { turn: { text: 'I want to talk to a human' }, startHandoff }, key);
    expect([otherConversation.status, otherConversation.body.error?.code]).toEqual([422, 'idempotency_key_reused']);
    // Without startHandoff nothing can start, so the key guards nothing: a plain evaluation.
    const plain = await evaluateTurn(conversationId, { turn: { text: 'Where is my order?', signals: { confidence: 0.9 } } }, key);
    expect([plain.status, plain.body.decision.handoff, plain.body.session]).toEqual([200, false, undefined]);
  });

  it('does not let a key that started a handoff on /v1/handoffs start another from /evaluate, nor the reverse', async () => {
    const startHandoff = { endUser: { id: 'u-3' }, transcript: [{ id: 'm1', role: 'user', text: 'hello', createdAt: new Date().toISOString() }] };
    const key = { 'idempotency-key': randomUUID() };
    expect((await evaluateTurn(`c-${randomUUID()}`, { turn: { text: 'I want to talk to a human' }, startHandoff }, key)).status).toBe(200);
    const handoff = await t.api('POST', '/v1/handoffs', handoffBody(), key);
    expect([handoff.status, handoff.body.error?.code]).toEqual([422, 'idempotency_key_reused']);
    const other = { 'idempotency-key': randomUUID() };
    expect((await t.api('POST', '/v1/handoffs', handoffBody(), other)).status).toBe(201);
    const evaluated = await evaluateTurn(`c-${randomUUID()}`, { turn: { text: 'I want to talk to a human' }, startHandoff }, other);
    expect([evaluated.status, evaluated.body.error?.code]).toEqual([422, 'idempotency_key_reused']);
  });

  it('lets the admin add, validate, reorder, disable and test rules, and renders instructions', async () => {
    const bad = await t.api('POST', '/v1/rules', { name: 'broken', conditions: { all: [{ field: 'confidense', operator: 'less_than', value: 0.2 }] }, action: { type: 'handoff', reasonCode: 'other' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.issues[0].path).toBe('conditions.all[0].field');
    const created = await t.api('POST', '/v1/rules', {
      name: 'Cancellation',
      conditions: { all: [{ field: 'text', operator: 'contains', value: ['cancel my contract', 'kündigen'] }], any: [] },
      action: { type: 'handoff', reasonCode: 'policy', routing: { groupId: 42, tags: ['retention'] }, messages: { en: 'A retention specialist will reply.' } },
    });
    expect(created.status).toBe(201);
    const list = (await t.api('GET', '/v1/rules')).body.rules as Array<{ id: string; name: string }>;
    expect(list.length).toBe(7); // the six defaults were copied in, plus the new one
    const reordered = await t.api('POST', '/v1/rules/reorder', { ids: [created.body.rule.id] });
    expect(reordered.body.rules[0].name).toBe('Cancellation');
    const decision = (await evaluateTurn('c-2', { turn: { text: 'I want to cancel my contract and talk to a human' } })).body.decision;
    expect(decision).toMatchObject({ reasonCode: 'policy', routing: { groupId: 42 } });
    const tried = await t.api('POST', '/v1/rules/test', { rule: { name: 'try', conditions: { all: [{ field: 'metadata.plan', operator: 'is', value: 'enterprise' }] }, action: { type: 'suggest', reasonCode: 'vip' } }, turn: { text: 'x', metadata: { plan: 'Enterprise' } } });
    expect(tried.body.decision).toMatchObject({ suggestOnly: true, reasonCode: 'vip' });
    const disabled = await t.api('PUT', `/v1/rules/${created.body.rule.id}`, { ...created.body.rule, enabled: false, id: undefined, position: undefined });
    expect(disabled.status).toBe(200);
    expect((await evaluateTurn('c-3', { turn: { text: 'I want to cancel my contract' } })).body.decision.reasonCode).not.toBe('policy');
    const instructions = await t.api('GET', `/v1/agents/${t.agentId}/handoff-instructions`);
    expect(instructions.body.instructions).toContain('the customer explicitly asks for a human');
    expect((await t.api('GET', '/v1/agents/agt_other/handoff-instructions')).status).toBe(404);
  });

  it('refuses a reorder naming an id that is not one of its rules (typo, another agent\'s, given twice) with 422 and changes nothing', async () => {
    const other = await createAgent(t.relay.db, t.relay.masterKey, { tenantId: t.tenantId, name: 'Other bot' });
    const foreign = await insertRule(t.relay.db, other.agentId, { name: 'Not yours', enabled: true, conditions: { all: [{ field: 'text', operator: 'contains', value: 'x' }], any: [] }, action: { type: 'suggest', reasonCode: 'other', routing: {}, messages: {} } });
    const order = async () => ((await t.api('GET', '/v1/rules')).body.rules as Array<{ id: string; name: string }>);
    const before = await order();
    const ids = before.map((r) => r.id);
    for (const [sent, unknownIds, duplicateIds] of [
      [[...ids.slice(1), 'rul_typo'], ['rul_typo'], []],
      [[foreign.id, ...[...ids].reverse()], [foreign.id], []],
      [[ids[0]!, ...ids], [], [ids[0]]],
    ] as const) {
      const res = await t.api('POST', '/v1/rules/reorder', { ids: sent });
      expect([res.status, res.body.error?.code]).toEqual([422, 'validation_failed']);
      expect(res.body.error.details).toMatchObject({ unknownIds, duplicateIds });
      for (const id of [...unknownIds, ...duplicateIds]) expect(res.body.error.message).toContain(id);
      expect(await order()).toEqual(before);
    }
    // A complete permutation still goes through (default-* ids too, while the agent still has the unsaved defaults).
    const reversed = await t.api('POST', '/v1/rules/reorder', { ids: [...before].reverse().map((r) => r.id) });
    expect(reversed.status).toBe(200);
    expect((reversed.body.rules as Array<{ name: string }>).map((r) => r.name)).toEqual([...before].reverse().map((r) => r.name));
    expect((await t.api('POST', '/v1/rules/reorder', { ids: (await order()).reverse().map((r) => r.id) })).status).toBe(200);
  });

  it('names what is wrong with a reorder body, with its path, instead of asking for the ids the caller sent', async () => {
    // `rules.reorder(rules.map((r) => r.ruleId))` (a typo: undefined becomes null in JSON) or an over-long id was
    // answered 'Send {"ids": [...]} in the new order.' with no details.issues, though {"ids": [...]} is what was sent.
    const ids = ((await t.api('GET', '/v1/rules')).body.rules as Array<{ id: string }>).map((r) => r.id);
    for (const [body, path] of [
      [{ ids: [ids[0], null] }, 'ids.1'],
      [{ ids: [ids[0], 'x'.repeat(101)] }, 'ids.1'],
      [{ order: ids }, 'ids'],
    ] as const) {
      const res = await t.api('POST', '/v1/rules/reorder', body);
      expect([res.status, res.body.error?.code]).toEqual([422, 'validation_failed']);
      expect(res.body.error.details.issues[0]).toMatchObject({ path });
      expect(res.body.error.message.startsWith(`${path}: `), res.body.error.message).toBe(true);
    }
  });

  it('refuses a rule test or a rule whose body is not a JSON object with 422 and a message without a dangling path', async () => {
    for (const body of ['null', '[]', '"refund"']) {
      const tried = await t.api('POST', '/v1/rules/test', body);
      expect(tried.status, `POST /v1/rules/test ${body}`).toBe(422);
      expect(tried.body.error.code).toBe('validation_failed');
      expect(tried.body.error.message).toMatch(/expected object/);
    }
    const rule = await t.api('POST', '/v1/rules', 'null');
    expect(rule.status).toBe(422);
    expect(rule.body.error.message).toMatch(/^Invalid input: expected object/);
  });

  it('switches every rule off with the agent toggle', async () => {
    await configureAgent(t.relay.db, t.agentId, { handoffEnabled: false });
    const res = await evaluateTurn('c-4', { turn: { text: 'talk to a human now' } });
    await configureAgent(t.relay.db, t.agentId, { handoffEnabled: true });
    expect(res.body.decision).toMatchObject({ handoff: false, disabled: true });
  });
});
