import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { stringsFor } from './i18n.js';
import { insightsStringsFor } from './insights-i18n.js';
import { AdminPage } from './views/AdminPage.js';

afterEach(cleanup);

const call = async <T,>(path: string): Promise<T> => {
  if (path === '/app/v1/agents') return { agents: [], fields: [] } as T;
  if (path.endsWith('/rules')) return { rules: [] } as T;
  throw Object.assign(new Error('offline'), { status: 0 });
};
const page = (canEditRules: boolean) =>
  render(<AdminPage call={call} locale="en" canEditRules={canEditRules} openTicket={() => undefined} download={() => undefined}
    t={{ insights: insightsStringsFor('en', stringsFor('en').reasons), errors: stringsFor('en') }} />);

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
});
