import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { adminStringsFor } from './admin-i18n.js';
import { stringsFor } from './i18n.js';
import { RulesAdmin } from './views/RulesAdmin.js';

afterEach(cleanup);

/** A relay stand-in behind `call`: keeps rules in memory and evaluates "contains" like the relay would. */
function fakeRelay() {
  const rules = [{ id: 'r1', name: 'Customer asks for a human', position: 1, enabled: true, action: { type: 'handoff', reasonCode: 'customer_request' }, conditions: { all: [{ field: 'detected.human_request' }] } }];
  const calls: Array<{ path: string; type: string; body?: unknown }> = [];
  const call = async <T,>(path: string, type: 'GET' | 'POST', body?: unknown): Promise<T> => {
    calls.push({ path, type, body });
    if (path === '/app/v1/agents') return { agents: [{ id: 'agt_1', name: 'Shop bot' }], fields: [{ name: 'text' }, { name: 'confidence' }] } as T;
    if (path.endsWith('/rules') && type === 'GET') return { rules } as T;
    if (path.endsWith('/rules') && type === 'POST') {
      const b = body as { name: string; conditions: { all: Array<{ field: string; value: unknown }> }; action: { type: string; reasonCode: string } };
      if (!b.name) throw Object.assign(new Error('422'), { status: 422, responseText: JSON.stringify({ error: { message: 'name: required' } }) });
      rules.push({ id: `r${rules.length + 1}`, name: b.name, position: rules.length + 1, enabled: true, action: b.action, conditions: b.conditions as never });
      return { rule: rules.at(-1) } as T;
    }
    const text = String((body as { turn: { text: string } }).turn.text);
    const hit = rules.find((r) => (r.conditions.all[0] as { value?: string }).value && text.includes(String((r.conditions.all[0] as { value?: string }).value)));
    return { decision: hit ? { handoff: true, suggestOnly: false, rule: { name: hit.name }, reasonCode: hit.action.reasonCode, trace: [{ name: hit.name, matched: true, conditions: [{ path: 'conditions.all[0]', field: 'text', matched: true }] }] } : { handoff: false, suggestOnly: false, rule: null, reasonCode: null, trace: [] } } as T;
  };
  return { call, calls };
}

describe('rules admin page', () => {
  it('lists the rules, adds one from the form and tries a message', async () => {
    const relay = fakeRelay();
    render(<RulesAdmin call={relay.call} t={adminStringsFor('en')} errors={stringsFor('en')} />);
    await waitFor(() => expect(screen.getByTestId('rules').textContent).toContain('Customer asks for a human'));
    fireEvent.input(screen.getByPlaceholderText('Name'), { target: { value: 'Legal threats' } });
    fireEvent.input(screen.getByPlaceholderText('Value'), { target: { value: 'lawyer' } });
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'policy' } });
    fireEvent.submit(screen.getByTestId('add-rule'));
    await waitFor(() => expect(screen.getByTestId('rules').textContent).toContain('Legal threats'));
    expect(relay.calls.find((c) => c.type === 'POST')!.body).toMatchObject({ conditions: { all: [{ field: 'text', operator: 'contains', value: 'lawyer' }] }, action: { reasonCode: 'policy' } });
    fireEvent.input(screen.getByTestId('sample'), { target: { value: 'my lawyer will call' } });
    fireEvent.submit(screen.getByTestId('sample').closest('form')!);
    await waitFor(() => expect(screen.getByTestId('decision').textContent).toMatch(/Legal threats \(policy\).*text/));
  });

  it("shows the relay's validation message and speaks the admin's language", async () => {
    const relay = fakeRelay();
    render(<RulesAdmin call={relay.call} t={adminStringsFor('de')} errors={stringsFor('de')} />);
    await screen.findByText('Eskalationsregeln');
    fireEvent.submit(await screen.findByTestId('add-rule'));
    await waitFor(() => expect(screen.getByTestId('admin-error').textContent).toBe('name: required'));
  });
});

describe('rules admin page for a non-admin session', () => {
  it('offers the Zendesk admin sign-in when the relay answers admin_required, and retries the change after it', async () => {
    const relay = fakeRelay();
    let signedIn = false;
    const call = async <T,>(path: string, type: 'GET' | 'POST', body?: unknown): Promise<T> => {
      if (type === 'POST' && path.endsWith('/rules') && !signedIn) {
        throw Object.assign(new Error('403'), { status: 403, responseText: JSON.stringify({ error: { code: 'admin_required', message: 'Only a Zendesk admin…' } }) });
      }
      return relay.call<T>(path, type, body);
    };
    const signIns: number[] = [];
    const signInAsAdmin = async () => {
      signIns.push(Date.now());
      signedIn = true;
    };
    render(<RulesAdmin call={call} t={adminStringsFor('en')} errors={stringsFor('en')} signInAsAdmin={signInAsAdmin} />);
    await waitFor(() => expect(screen.getByTestId('rules').textContent).toContain('Customer asks for a human'));
    fireEvent.input(screen.getByPlaceholderText('Name'), { target: { value: 'Legal threats' } });
    fireEvent.input(screen.getByPlaceholderText('Value'), { target: { value: 'lawyer' } });
    fireEvent.submit(screen.getByTestId('add-rule'));
    await waitFor(() => expect(screen.getByTestId('admin-error').textContent).toMatch(/Only a Zendesk admin can change the rules/));
    expect(screen.getByTestId('rules').textContent).not.toContain('Legal threats');
    fireEvent.click(screen.getByText('Sign in with Zendesk as an admin'));
    await waitFor(() => expect(screen.getByTestId('rules').textContent).toContain('Legal threats'));
    expect(signIns).toHaveLength(1);
    expect(screen.queryByTestId('admin-sign-in')).toBeNull();
    expect(screen.queryByTestId('admin-error')).toBeNull();
  });
});
