import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { FIELDS } from '../server/rules/fields.js';
import { stringsFor } from './i18n.js';
import { insightsStringsFor } from './insights-i18n.js';
import { AdminPage } from './views/AdminPage.js';

afterEach(cleanup);

/** The relay, as far as the tabs need it: one AI agent without rules; every read counted. */
const relay = () => {
  const reads: string[] = [];
  const call = async <T,>(path: string): Promise<T> => {
    reads.push(path);
    if (path === '/app/v1/agents') return { agents: [{ id: 'agt_1', name: 'Shop bot' }], fields: Object.entries(FIELDS).map(([name, f]) => ({ name, type: f.type })) } as T;
    if (path.endsWith('/rules')) return { rules: [] } as T;
    throw Object.assign(new Error('offline'), { status: 0 });
  };
  return { call, reads };
};
const page = (canEditRules: boolean, call = relay().call) =>
  render(<AdminPage call={call} locale="en" canEditRules={canEditRules} openTicket={() => undefined} download={() => undefined}
    t={{ insights: insightsStringsFor('en', stringsFor('en').reasons), errors: stringsFor('en') }} connection={{ label: 'Connection', panel: async () => <p>health</p> }} />);
const selected = () => screen.getAllByRole('tab').filter((tab) => tab.getAttribute('aria-selected') === 'true').map((tab) => tab.textContent);

describe('admin page (nav_bar)', () => {
  it('opens on insights and lets an admin switch to the rules', async () => {
    page(true);
    expect(screen.getByTestId('tab-insights').getAttribute('aria-selected')).toBe('true');
    fireEvent.click(screen.getByTestId('tab-rules'));
    expect(await screen.findByText('Escalation rules')).toBeTruthy();
  });

  it('shows agents the insights only', () => {
    page(false);
    expect(screen.queryByTestId('tab-rules')).toBeNull();
    expect(screen.queryByTestId('tab-agents')).toBeNull();
    expect(screen.getByText('Handoff insights')).toBeTruthy();
  });

  it('moves between tabs with the arrow keys, Home and End, one tab stop for the whole list (WAI-ARIA tabs)', async () => {
    page(true);
    const list = screen.getByRole('tablist');
    const key = (k: string) => fireEvent.keyDown(document.activeElement!, { key: k });
    screen.getByTestId('tab-insights').focus();
    key('ArrowRight');
    expect(selected()).toEqual(['Rules']);
    expect(document.activeElement).toBe(screen.getByTestId('tab-rules'));
    key('End');
    expect(document.activeElement).toBe(screen.getByTestId('tab-connection'));
    key('ArrowRight'); // past the end: back to the first
    expect(selected()).toEqual(['Insights']);
    key('ArrowLeft');
    expect(selected()).toEqual(['Connection']);
    key('Home');
    expect(document.activeElement).toBe(screen.getByTestId('tab-insights'));
    // Only the selected tab is in the Tab order; each tab names the panel it shows, and that panel names it back.
    expect([...list.querySelectorAll('[role=tab]')].map((tab) => tab.getAttribute('tabindex'))).toEqual(['0', '-1', '-1', '-1']);
    for (const tab of screen.getAllByRole('tab')) {
      const panel = document.getElementById(tab.getAttribute('aria-controls')!)!;
      expect(panel.getAttribute('role')).toBe('tabpanel');
      expect(panel.getAttribute('aria-labelledby')).toBe(tab.id);
      expect(panel.hidden).toBe(tab.getAttribute('aria-selected') !== 'true');
    }
  });

  it('keeps a rule being written when the admin looks at another tab, and reads the rules again on coming back', async () => {
    const { call, reads } = relay();
    page(true, call);
    const ruleReads = () => reads.filter((p) => p.endsWith('/rules')).length;
    fireEvent.click(screen.getByTestId('tab-rules'));
    await waitFor(() => expect(ruleReads()).toBe(1));
    fireEvent.click(screen.getByTestId('new-rule'));
    fireEvent.input(screen.getByTestId('rule-name'), { target: { value: 'Refunds over 100 EUR' } });
    fireEvent.click(screen.getByTestId('tab-insights'));
    expect(screen.queryByRole('heading', { name: 'Escalation rules' })).toBeNull(); // hidden, not shown beside the insights
    fireEvent.click(screen.getByTestId('tab-rules'));
    expect((screen.getByTestId('rule-name') as HTMLInputElement).value).toBe('Refunds over 100 EUR');
    await waitFor(() => expect(ruleReads()).toBe(2));
  });
});
