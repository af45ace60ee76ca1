import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluate } from '../server/rules/evaluate.js';
import { FIELDS } from '../server/rules/fields.js';
import { TurnSchema, type Rule } from '../server/rules/schema.js';
import { validateRule } from '../server/rules/validate.js';
import { ADMIN_STRINGS, adminStringsFor } from './admin-locales/all.js';
import { stringsFor } from './i18n.js';
import { RulesAdmin, type Call } from './views/RulesAdmin.js';

afterEach(cleanup);

/**
 * The relay's rules routes behind `call`, in memory, but with the relay's own validation and evaluation
 * (server/rules), so what this page sends and shows is checked against the real rules engine.
 */
function relayInMemory(opts: { admin?: () => boolean } = {}) {
  let rules: Rule[] = [
    { id: 'r1', name: 'Customer asks for a human', position: 1, enabled: true, conditions: { all: [{ field: 'detected.human_request', operator: 'is', value: true }], any: [] }, action: { type: 'handoff', reasonCode: 'customer_request', routing: {}, messages: {} } },
    { id: 'r2', name: 'Upset customer', position: 2, enabled: true, conditions: { all: [{ field: 'sentiment', operator: 'less_than', value: -0.5 }], any: [] }, action: { type: 'handoff', reasonCode: 'negative_sentiment', routing: {}, messages: {} } },
  ];
  const writes: Array<{ path: string; type: string; body?: unknown }> = [];
  const fail = (status: number, error: object) => Object.assign(new Error(String(status)), { status, responseText: JSON.stringify({ error }) });
  const renumber = () => (rules = rules.map((r, i) => ({ ...r, position: i + 1 })));
  const call: Call = async <T,>(path: string, type: string, body?: unknown): Promise<T> => {
    if (path === '/app/v1/agents') return { agents: [{ id: 'agt_1', name: 'Shop bot' }], fields: Object.entries(FIELDS).map(([name, f]) => ({ name, type: f.type })) } as T;
    const [, id, action] = /^\/app\/v1\/agents\/agt_1\/rules(?:\/([^/]+))?(?:\/(\w+))?$/.exec(path) ?? [];
    if (type === 'GET') return { rules } as T;
    if (id === 'test') return { decision: evaluate(rules, TurnSchema.parse((body as { turn: unknown }).turn)) } as T;
    if (opts.admin && !opts.admin()) throw fail(403, { code: 'admin_required', message: 'Only a Zendesk admin…' });
    writes.push({ path, type, body });
    const valid = () => {
      const v = validateRule(body);
      if (!v.ok) throw fail(422, { code: 'validation_failed', message: 'invalid', details: { issues: v.problems } });
      return v.rule;
    };
    if (type === 'POST' && !id) rules.push({ ...valid(), id: `r${rules.length + 10}`, position: rules.length + 1 });
    else if (type === 'PUT') rules = rules.map((r) => (r.id === id ? { ...valid(), id: r.id, position: r.position } : r));
    else if (type === 'DELETE') rules = rules.filter((r) => r.id !== id);
    else if (id === 'reorder') rules = (body as { ids: string[] }).ids.map((x) => rules.find((r) => r.id === x)!);
    else if (action === 'enabled') rules = rules.map((r) => (r.id === id ? { ...r, enabled: (body as { enabled: boolean }).enabled } : r));
    renumber();
    return { rules, rule: rules.find((r) => r.id === id) ?? rules.at(-1) } as T;
  };
  return { call, writes, rules: () => rules };
}

const page = (call: Call, locale = 'en', signInAsAdmin?: () => Promise<void>) =>
  render(<RulesAdmin call={call} t={adminStringsFor(locale)} errors={stringsFor(locale)} locale={locale} signInAsAdmin={signInAsAdmin} />);
const names = () => screen.getAllByTestId('rule-name').map((n) => n.textContent);
const input = (el: Element, value: string) => (el.tagName === 'SELECT' ? fireEvent.change(el, { target: { value } }) : fireEvent.input(el, { target: { value } }));

describe('the rules editor', () => {
  it('shows each rule with its conditions in words, and creates one with three conditions, each value typed by its field', async () => {
    const relay = relayInMemory();
    page(relay.call);
    await waitFor(() => expect(names()).toEqual(['Customer asks for a human', 'Upset customer']));
    expect(screen.getAllByTestId('rule-conditions')[1]!.textContent).toContain('Customer sentiment (−1 to 1) less than -0.5');
    expect(screen.getByTestId('rules').textContent).not.toMatch(/less_than|negative_sentiment|detected\./);

    fireEvent.click(screen.getByTestId('new-rule'));
    input(screen.getByLabelText('Rule name'), 'German legal threats');
    const all = within(screen.getByTestId('section-all'));
    input(all.getByLabelText('Value (Condition 1)'), 'lawyer');
    fireEvent.click(screen.getByTestId('add-condition-all'));
    input(all.getByLabelText('Field (Condition 2)'), 'confidence');
    expect((all.getByLabelText('Value (Condition 2)') as HTMLInputElement).type).toBe('number');
    expect([...(all.getByLabelText('Operator (Condition 2)') as HTMLSelectElement).options].map((o) => o.text)).toContain('Less than');
    input(all.getByLabelText('Value (Condition 2)'), '0.6');
    fireEvent.click(screen.getByTestId('add-condition-any'));
    const any = within(screen.getByTestId('section-any'));
    input(any.getByLabelText('Field (Condition 1)'), 'language');
    const languagePicker = any.getByLabelText('Value (Condition 1)') as HTMLSelectElement;
    expect(languagePicker.tagName).toBe('SELECT');
    expect([...languagePicker.options].map((o) => o.text)).toContain('German (de)');
    input(languagePicker, 'de');
    input(screen.getByTestId('action-reason'), 'policy');
    input(screen.getByTestId('action-priority'), 'high');
    input(screen.getByTestId('action-tags'), 'legal vip');
    input(screen.getByTestId('action-group'), '42');
    input(screen.getByTestId('message-de'), 'Eine Kollegin übernimmt.');
    fireEvent.submit(screen.getByTestId('rule-editor'));

    await waitFor(() => expect(names()).toEqual(['Customer asks for a human', 'Upset customer', 'German legal threats']));
    expect(relay.rules().at(-1)).toMatchObject({
      position: 3,
      conditions: { all: [{ field: 'text', operator: 'contains', value: 'lawyer' }, { field: 'confidence', operator: 'less_than', value: 0.6 }], any: [{ field: 'language', operator: 'is', value: 'de' }] },
      action: { type: 'handoff', reasonCode: 'policy', routing: { priority: 'high', tags: ['legal', 'vip'], groupId: 42 }, messages: { de: 'Eine Kollegin übernimmt.' } },
    });
    expect(screen.queryByTestId('rule-editor')).toBeNull();
    expect(screen.getByTestId('admin-status').textContent).toBe('Rule saved.');
  });

  it('says what is wrong in words next to the control, before sending and when the relay refuses', async () => {
    const relay = relayInMemory();
    page(relay.call);
    fireEvent.click(await screen.findByTestId('new-rule'));
    fireEvent.submit(screen.getByTestId('rule-editor'));
    expect(screen.getByText('Give the rule a name.')).toBeTruthy();
    const value = screen.getByLabelText('Value (Condition 1)');
    expect(value.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(value.getAttribute('aria-describedby')!)!.textContent).toBe('Enter a value.');
    expect(relay.writes).toEqual([]);
    input(screen.getByLabelText('Rule name'), 'P');
    expect(screen.queryByText('Give the rule a name.')).toBeNull(); // fixed problems do not linger

    // A look-ahead is a JavaScript pattern but not an RE2 one: only the relay can tell, and its answer lands on the row.
    input(screen.getByLabelText('Rule name'), 'Pattern');
    input(screen.getByLabelText('Operator (Condition 1)'), 'matches');
    input(screen.getByLabelText('Value (Condition 1)'), 'refund(?=now)');
    fireEvent.submit(screen.getByTestId('rule-editor'));
    await waitFor(() => expect(screen.getByTestId('value-problem').textContent).toMatch(/^This pattern is not valid: /));
    expect(screen.queryByText(/conditions\.all|Invalid input/)).toBeNull();
    input(screen.getByLabelText('Value (Condition 1)'), '(refund');
    fireEvent.submit(screen.getByTestId('rule-editor'));
    expect(screen.getByTestId('value-problem').textContent).toMatch(/^This pattern is not valid: /);
    expect(relay.writes).toHaveLength(1);
  });

  it('edits a rule, switches it off, moves it with the keyboard buttons and deletes it after confirmation', async () => {
    const relay = relayInMemory();
    page(relay.call);
    await waitFor(() => expect(names()).toHaveLength(2));
    fireEvent.click(screen.getByLabelText('Edit: Upset customer'));
    expect((screen.getByLabelText('Rule name') as HTMLInputElement).value).toBe('Upset customer');
    expect((screen.getByLabelText('Value (Condition 1)') as HTMLInputElement).value).toBe('-0.5');
    input(screen.getByLabelText('Rule name'), 'Very upset customer');
    input(screen.getByLabelText('Value (Condition 1)'), '-0.8');
    fireEvent.submit(screen.getByTestId('rule-editor'));
    await waitFor(() => expect(names()).toEqual(['Customer asks for a human', 'Very upset customer']));
    expect(relay.rules()[1]!.conditions.all[0]!.value).toBe(-0.8);

    fireEvent.click(screen.getByLabelText('Active: Very upset customer'));
    await waitFor(() => expect(relay.rules()[1]!.enabled).toBe(false));
    fireEvent.click(screen.getByLabelText('Move up: Very upset customer'));
    await waitFor(() => expect(names()).toEqual(['Very upset customer', 'Customer asks for a human']));
    expect(relay.rules().map((r) => r.id)).toEqual(['r2', 'r1']);
    expect(screen.getByTestId('admin-status').textContent).toBe('Very upset customer is now rule 1 of 2.');

    fireEvent.click(screen.getByLabelText('Delete: Very upset customer'));
    expect(screen.getByTestId('confirm-delete').textContent).toContain('Delete the rule “Very upset customer”?');
    expect(relay.rules()).toHaveLength(2);
    fireEvent.click(screen.getByTestId('confirm-delete-yes'));
    await waitFor(() => expect(names()).toEqual(['Customer asks for a human']));
  });

  it('tests a message and says, condition by condition, what held', async () => {
    page(relayInMemory().call);
    await waitFor(() => expect(names()).toHaveLength(2));
    input(screen.getByTestId('sample'), 'Can I talk to a human please');
    fireEvent.submit(screen.getByTestId('test-message'));
    await waitFor(() => expect(screen.getByTestId('decision').textContent).toBe('Hands off with “Customer asks for a human” (Customer asked for a human).'));
    expect(screen.getAllByTestId('condition-result')[0]!.textContent).toBe('✓ Asks for a human is Yes: met (the message has: Yes)');
  });

  it('speaks German, with reasons in the same words as Insights', async () => {
    page(relayInMemory().call, 'de');
    await screen.findByText('Eskalationsregeln');
    await waitFor(() => expect(screen.getAllByTestId('rule-conditions')[1]!.textContent).toContain('Stimmung des Kunden (−1 bis 1) kleiner als -0.5'));
    fireEvent.click(screen.getByTestId('new-rule'));
    expect(screen.getByText('ALLE folgenden Bedingungen erfüllen')).toBeTruthy();
    const reasons = [...(screen.getByTestId('action-reason') as HTMLSelectElement).options].map((o) => o.text);
    expect(reasons).toEqual(Object.values(stringsFor('de').reasons));
  });
});

describe('the rules editor for a non-admin session', () => {
  it('says the relay is rate limiting or failed on its own, with its code, instead of "cannot be reached" when it answered', async () => {
    const answering = (status: number, code: string): Call => async () => {
      throw Object.assign(new Error(String(status)), { status, responseText: JSON.stringify({ error: { code, message: code } }) });
    };
    page(answering(429, 'rate_limited'));
    expect((await screen.findByTestId('admin-error')).textContent).toBe(`${stringsFor('en').relayProblems.rateLimited} (Code for support: rate_limited)`);
    cleanup();
    page(answering(500, 'internal_error'), 'de');
    expect((await screen.findByTestId('admin-error')).textContent).toBe(`${stringsFor('de').relayProblems.relayError} (Code für den Support: internal_error)`);
  });

  it('says the relay sent an unexpected answer when the agents or the rules come back as a page, not that it cannot be reached', async () => {
    // What Zendesk's proxy resolves with for a 200 that is not the relay's JSON (a proxy's HTML page), or JSON of another shape.
    for (const [locale, target, body] of [['en', '/app/v1/agents', '<html><body>Welcome to nginx!</body></html>'], ['fr', '/rules', { rules: 'none' }], ['ja', '/rules', '<html>portal</html>']] as const) {
      const relay = relayInMemory();
      const odd: Call = async <T,>(path: string, type: 'GET' | 'POST' | 'PUT' | 'DELETE', b?: unknown): Promise<T> =>
        (type === 'GET' && path.endsWith(target) ? body : await relay.call<T>(path, type, b)) as T;
      page(odd, locale);
      await waitFor(() => expect(screen.getByTestId('admin-error').textContent).toBe(stringsFor(locale).unexpected));
      expect(screen.getByTestId('rules-retry').textContent).toBe(stringsFor(locale).retry);
      cleanup();
    }
  });

  it('offers no rule to write or message to test while the AI agents could not be read, only Retry, and all of them once read', async () => {
    const relay = relayInMemory();
    let down = true;
    const flaky: Call = async <T,>(path: string, type: 'GET' | 'POST' | 'PUT' | 'DELETE', body?: unknown): Promise<T> => {
      if (down) throw Object.assign(new Error('0'), { status: 0, responseText: '' });
      return relay.call<T>(path, type, body);
    };
    page(flaky);
    expect((await screen.findByTestId('admin-error')).textContent).toBe(stringsFor('en').unreachable);
    // A rule begun now would be saved to no AI agent (…/agents//rules), a test sent for none.
    expect(screen.queryByTestId('new-rule')).toBeNull();
    expect(screen.queryByTestId('test-message')).toBeNull();
    expect(screen.queryByRole('combobox')).toBeNull();
    down = false;
    fireEvent.click(screen.getByTestId('rules-retry'));
    await waitFor(() => expect(names()).toHaveLength(2));
    expect(screen.getByTestId('new-rule')).toBeTruthy();
    expect(screen.getByTestId('test-message')).toBeTruthy();
  });

  it('words a change the relay refused with a rate limit in the admin\'s language, not in the relay\'s English', async () => {
    const relay = relayInMemory();
    const limited: Call = async <T,>(path: string, type: 'GET' | 'POST' | 'PUT' | 'DELETE', body?: unknown): Promise<T> => {
      if (type !== 'GET') throw Object.assign(new Error('429'), { status: 429, responseText: JSON.stringify({ error: { code: 'rate_limited', message: 'Too many requests, slow down.' } }) });
      return relay.call<T>(path, type, body);
    };
    page(limited, 'de');
    await waitFor(() => expect(names()).toHaveLength(2));
    fireEvent.click(screen.getByLabelText(`${adminStringsFor('de').moveDown}: Customer asks for a human`));
    await waitFor(() => expect(screen.getByTestId('admin-error').textContent).toBe(`${stringsFor('de').relayProblems.rateLimited} (Code für den Support: rate_limited)`));
    await waitFor(() => expect(names()).toEqual(['Customer asks for a human', 'Upset customer'])); // the refused move is undone
  });

  it('says it is loading while a slow relay has not answered, instead of an empty page, and stops once it has', async () => {
    const relay = relayInMemory();
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const slow: Call = async <T,>(path: string, type: 'GET' | 'POST' | 'PUT' | 'DELETE', body?: unknown): Promise<T> => {
      await answered;
      return relay.call<T>(path, type, body);
    };
    page(slow);
    expect(screen.getByTestId('rules-loading').textContent).toBe('Loading…');
    answer();
    await waitFor(() => expect(names()).toHaveLength(2));
    expect(screen.queryByTestId('rules-loading')).toBeNull();
  });

  it('offers the Zendesk admin sign-in when the relay answers admin_required, and retries the change after it', async () => {
    let signedIn = false;
    const relay = relayInMemory({ admin: () => signedIn });
    let signIns = 0;
    page(relay.call, 'en', async () => {
      signIns += 1;
      signedIn = true;
    });
    await waitFor(() => expect(names()).toHaveLength(2));
    fireEvent.click(screen.getByLabelText('Move down: Customer asks for a human'));
    await waitFor(() => expect(screen.getByTestId('admin-error').textContent).toMatch(/Only a Zendesk admin can change the rules/));
    expect(names()).toEqual(['Customer asks for a human', 'Upset customer']); // the refused move is undone
    fireEvent.click(screen.getByText('Sign in with Zendesk as an admin'));
    await waitFor(() => expect(names()).toEqual(['Upset customer', 'Customer asks for a human']));
    expect(signIns).toBe(1);
    expect(screen.queryByTestId('admin-sign-in')).toBeNull();
  });
});

describe('the rules editor strings', () => {
  /** Every string of a table as [key path, value]; field names contain dots, so paths are arrays. */
  const entries = (o: object, prefix: string[] = []): Array<[string[], unknown]> => Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? entries(v as object, [...prefix, k]) : [[[...prefix, k], v] as [string[], unknown]]));
  it('exist in all six languages with every field and operator of the relay, none empty', () => {
    const english = entries(ADMIN_STRINGS.en).map(([k]) => k.join(' › ')).sort();
    expect(Object.keys(ADMIN_STRINGS).sort()).toEqual(['de', 'en', 'es', 'fr', 'ja', 'pt-BR']);
    for (const [locale, table] of Object.entries(ADMIN_STRINGS)) {
      expect(entries(table).map(([k]) => k.join(' › ')).sort(), locale).toEqual(english);
      for (const [key, value] of entries(table)) expect(typeof value === 'string' && value.trim() !== '', `${locale}.${key.join('.')}`).toBe(true);
    }
    expect(Object.keys(ADMIN_STRINGS.en.fields).sort()).toEqual([...Object.keys(FIELDS), 'customer.', 'metadata.', 'trigger.payload.'].sort());
  });
});
