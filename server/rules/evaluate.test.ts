import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, it, vi } from 'vitest';
import { TUNING } from './detector/tuning.js';
import { defaultRules } from './default-rules.js';
import { evaluate, pickMessage } from './evaluate.js';
import { renderHandoffInstructions } from './instructions.js';
import { OPERATORS, TurnSchema, type Rule } from './schema.js';
import { validateRule } from './validate.js';

const turn = (over: Record<string, unknown> = {}) => TurnSchema.parse({ text: 'hello', ...over });
const rule = (over: Partial<Rule>): Rule => ({
  id: 'r', name: 'r', position: 1, enabled: true,
  conditions: { all: [], any: [] },
  action: { type: 'handoff', reasonCode: 'other', routing: {}, messages: { en: 'hi', de: 'hallo', 'pt-BR': 'olá' } },
  ...over,
});

describe('rule evaluation', () => {
  it('hands off on the default rules for each kind of case, with the right reason and message', () => {
    const rules = defaultRules();
    expect(evaluate(rules, turn({ text: 'Quiero hablar con una persona', language: 'es' }))).toMatchObject({ handoff: true, reasonCode: 'customer_request', message: expect.stringContaining('equipo') });
    expect(evaluate(rules, turn({ trigger: { name: 'refund_over_limit', payload: { amount: 900 } } }))).toMatchObject({ handoff: true, reasonCode: 'custom_trigger' });
    expect(evaluate(rules, turn({ consecutiveFallbacks: 3 }))).toMatchObject({ reasonCode: 'ai_unable' });
    expect(evaluate(rules, turn({ signals: { sentiment: -0.9 } }))).toMatchObject({ reasonCode: 'negative_sentiment' });
    expect(evaluate(rules, turn({ signals: { confidence: 0.5 }, customer: { tier: 'VIP' } }))).toMatchObject({ reasonCode: 'vip', routing: { priority: 'high', tags: ['vip'] } });
    expect(evaluate(rules, turn({ signals: { confidence: 0.2 } }))).toMatchObject({ handoff: false, suggestOnly: true, reasonCode: 'low_confidence' });
    expect(evaluate(rules, turn({ text: 'I am not a human', signals: { confidence: 0.9 } }))).toMatchObject({ handoff: false, suggestOnly: false, rule: null });
  });

  it('switches everything off with the agent toggle', () => {
    expect(evaluate(defaultRules(), turn({ text: 'talk to a human' }), { handoffEnabled: false })).toMatchObject({ handoff: false, disabled: true });
  });

  it('hands the default rules the whole tuning set without missing an explicit request', () => {
    const rules = defaultRules();
    const missed = TUNING.filter((t) => t.human && evaluate(rules, turn({ text: t.text, language: t.lang })).reasonCode !== 'customer_request');
    expect(missed).toEqual([]);
  });

  it('implements every operator, word-aware and accent-insensitive', () => {
    const one = (field: string, operator: (typeof OPERATORS)[number], value: unknown, t = turn()) =>
      evaluate([rule({ conditions: { all: [{ field, operator, value } as never], any: [] } })], t).handoff;
    const t = turn({ text: 'Je veux un REMBOURSEMENT immédiat', signals: { confidence: 0.3, intent: 'refund' }, customer: { tags: ['vip', 'eu'] }, metadata: { cart: { total: 250 } } });
    expect(one('text', 'contains', 'remboursement', t)).toBe(true);
    expect(one('text', 'contains', 'immediat', t)).toBe(true);
    expect(one('text', 'contains', 'bourse', t)).toBe(false); // word-aware
    expect(one('text', 'not_contains', 'annuler', t)).toBe(true);
    expect(one('text', 'matches', 'rembours(e|ement)', t)).toBe(true);
    expect(one('intent', 'is', 'Refund', t)).toBe(true);
    expect(one('intent', 'is_not', 'refund', t)).toBe(false);
    expect(one('confidence', 'less_than', 0.5, t)).toBe(true);
    expect(one('metadata.cart.total', 'greater_than', 200, t)).toBe(true);
    expect(one('customer.tags', 'includes', ['vip'], t)).toBe(true);
    expect(one('language', 'not_present', undefined, t)).toBe(true);
    expect(one('intent', 'present', undefined, t)).toBe(true);
  });

  it('finds a word written with an elided article ("contains avocat" in "l\'avocat")', () => {
    const contains = (text: string, value: string) =>
      evaluate([rule({ conditions: { all: [{ field: 'text', operator: 'contains', value }], any: [] } })], turn({ text })).handoff;
    expect(contains("Je veux parler à l'avocat", 'avocat')).toBe(true);
    expect(contains("Posso parlare dell’operatore?", 'operatore')).toBe(true);
    expect(contains("J'exige un remboursement", "j'exige")).toBe(true);
    expect(contains("I can't log in", "can't")).toBe(true);
    expect(contains("I can't log in", 'can')).toBe(false);
    expect(contains("I said 'refund' twice", 'refund')).toBe(true);
  });

  it('compares an attribute written as text in the editor with the JSON number or yes/no the platform sends', () => {
    const is = (field: string, operator: 'is' | 'is_not' | 'includes', value: unknown, customer: Record<string, unknown>) =>
      evaluate([rule({ conditions: { all: [{ field, operator, value } as never], any: [] } })], turn({ customer })).handoff;
    expect(is('customer.vip', 'is', 'true', { vip: true })).toBe(true);
    expect(is('customer.vip', 'is', 'true', { vip: false })).toBe(false);
    expect(is('customer.vip', 'is_not', 'true', { vip: true })).toBe(false);
    expect(is('customer.plan_id', 'is', '250', { plan_id: 250 })).toBe(true);
    expect(is('customer.plan_id', 'is', '25', { plan_id: 250 })).toBe(false);
    expect(is('customer.plan_id', 'is', '', { plan_id: 0 })).toBe(false);
    expect(is('customer.plan_id', 'includes', ['100', '250'], { plan_id: 250 })).toBe(true);
    expect(is('customer.plan_id', 'is', 250, { plan_id: '250' })).toBe(true);
  });

  it('refuses a short pattern that compiles to a program too big to run on every message, and never runs one stored before', () => {
    const withPattern = (value: string) => ({ name: 'p', conditions: { all: [{ field: 'text', operator: 'matches', value }] }, action: { type: 'handoff', reasonCode: 'other' } });
    for (const costly of ['(.*){1000}', '(a|aa|aaa|aaaa|b){1000}z', '[\\s\\S]{1000}x']) {
      const r = validateRule(withPattern(costly));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems).toEqual([{ path: 'conditions.all[0].value', message: expect.stringContaining('too costly') }]);
      const decision = evaluate([rule({ conditions: { all: [{ field: 'text', operator: 'matches', value: costly }], any: [] } })], turn({ text: 'a'.repeat(4_000) }));
      expect(decision.handoff).toBe(false);
      expect(decision.trace[0]!.conditions[0]!.error).toContain('too costly');
    }
    for (const usual of ['rembours(e|ement)', '(order|commande|pedido)\\s*#?\\s*\\d{5,10}', '[A-Z0-9._%+-]+@[A-Z0-9.-]+\\.[A-Z]{2,}', '(refund|chargeback).{0,100}(lawyer|bank)', '.{200}']) {
      expect(validateRule(withPattern(usual)).ok).toBe(true);
    }
  });

  it('compiles a refused pattern stored before the bound once, not again on every customer message', () => {
    const compile = vi.spyOn(RE2JS, 'compile');
    try {
      // A pattern of its own, so no earlier test has cached it.
      const stored = rule({ conditions: { all: [{ field: 'text', operator: 'matches', value: '(a|aa|aaa|b){999}z' }], any: [] } });
      for (let n = 0; n < 20; n++) expect(evaluate([stored], turn({ text: `message ${n}` })).trace[0]!.conditions[0]!.error).toContain('too costly');
      expect(compile).toHaveBeenCalledTimes(1);
    } finally {
      compile.mockRestore();
    }
  });

  it('picks the handoff message for the locale, then its base language, then English', () => {
    const m = { en: 'hi', de: 'hallo', 'pt-BR': 'olá' };
    expect(pickMessage(m, 'pt-BR')).toBe('olá');
    expect(pickMessage(m, 'pt-PT')).toBe('olá');
    expect(pickMessage(m, 'de-AT')).toBe('hallo');
    expect(pickMessage(m, 'ja')).toBe('hi');
  });

  it('points validation errors at the offending condition', () => {
    const r = validateRule({ name: 'x', conditions: { all: [{ field: 'text', operator: 'contains', value: 'a' }, { field: 'nope', operator: 'is', value: 1 }], any: [{ field: 'text', operator: 'matches', value: '(a' }, { field: 'confidence', operator: 'contains', value: 'x' }] }, action: { type: 'handoff', reasonCode: 'other' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path)).toEqual(['conditions.all[1].field', 'conditions.any[0].value', 'conditions.any[1].operator']);
    const bad = validateRule({ name: 'x', conditions: { all: [{ field: 'text', operator: 'sounds_like', value: 'a' }] }, action: { type: 'handoff', reasonCode: 'other' } });
    expect(!bad.ok && bad.problems[0]!.path).toBe('conditions.all[0].operator');
  });

  it('never throws and always returns a well-formed decision, whatever the rules and turns', () => {
    const value = fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.array(fc.oneof(fc.string(), fc.integer())), fc.constant(undefined));
    const condition = fc.record({ field: fc.oneof(fc.constantFrom('text', 'confidence', 'metadata.a.b', 'customer.x', 'trigger', 'detected.human_request', 'business_hours'), fc.string()), operator: fc.constantFrom(...OPERATORS), value });
    const rules = fc.array(fc.record({ id: fc.string(), name: fc.string(), position: fc.integer(), enabled: fc.boolean(), conditions: fc.record({ all: fc.array(condition, { maxLength: 4 }), any: fc.array(condition, { maxLength: 3 }) }), action: fc.record({ type: fc.constantFrom('handoff', 'suggest'), reasonCode: fc.constantFrom('other', 'vip'), routing: fc.constant({}), messages: fc.dictionary(fc.constantFrom('en', 'de', 'xx'), fc.string()) }) }), { maxLength: 8 });
    const turns = fc.record({ text: fc.string({ maxLength: 300 }), language: fc.option(fc.string(), { nil: undefined }), signals: fc.record({ confidence: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }) }), metadata: fc.dictionary(fc.string(), fc.jsonValue()), customer: fc.dictionary(fc.string(), fc.jsonValue()) });
    fc.assert(
      fc.property(rules, turns, (rs, t) => {
        const d = evaluate(rs as Rule[], TurnSchema.parse(t), { businessHours: { timeZone: 'Europe/Berlin', days: { 1: [540, 1020] } } });
        expect(typeof d.handoff).toBe('boolean');
        expect(d.handoff && d.suggestOnly).toBe(false);
        expect(d.trace.length).toBeLessThanOrEqual(rs.length);
      }),
      { numRuns: 300 },
    );
  });

  it('stays fast on a hostile pattern and a long message', () => {
    const hostile = rule({ conditions: { all: [{ field: 'text', operator: 'matches', value: '(a+)+$' }], any: [] } });
    const long = turn({ text: `${'a'.repeat(30_000)}b` });
    const started = performance.now();
    for (let i = 0; i < 20; i++) evaluate([hostile], long);
    expect(performance.now() - started).toBeLessThan(5_000); // generous: a backtracking engine would not finish at all
  });

  it('renders the rules as deterministic "when to use" instructions', () => {
    const text = renderHandoffInstructions(defaultRules());
    expect(text).toBe(renderHandoffInstructions(defaultRules()));
    expect(text).toContain('the customer explicitly asks for a human');
    expect(text).toContain('reason "custom_trigger"');
    expect(renderHandoffInstructions(defaultRules(), false)).toMatch(/switched off/);
  });
});
