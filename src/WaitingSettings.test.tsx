import { cleanup, fireEvent, render, screen, waitFor as waitForDefault } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_WAITING_SETTINGS } from '../server/core/waiting-settings.js';
import { loadWaitingStrings } from './waiting-i18n.js';
import type { Run } from './views/AgentCard.js';
import { WaitingSettings } from './views/WaitingSettings.js';

afterEach(cleanup);

const waitFor = <T,>(probe: () => T) => waitForDefault(probe, { timeout: 10_000 });

const ANSWER = {
  // A new AI agent's settings, as the relay answers them.
  settings: DEFAULT_WAITING_SETTINGS,
  schedules: [{ id: '1', name: 'Berlin', timeZone: 'Europe/Berlin' }, { id: '2', name: 'Tokyo', timeZone: 'Asia/Tokyo' }],
};

describe('While the customer waits', () => {
  it('names each mistake beside its control, sends nothing until fixed, then saves the whole policy', async () => {
    const sent: unknown[] = [];
    const run: Run = async (_path, body, parse) => {
      if (body !== undefined) sent.push(body);
      const settings = body === undefined ? ANSWER.settings : { ...ANSWER.settings, ...(body as object) };
      return parse(JSON.parse(JSON.stringify({ ...ANSWER, settings })));
    };
    const t = await loadWaitingStrings('en');
    render(<WaitingSettings agentId="agt_1" run={run} locale="en" />);
    await waitFor(() => screen.getByTestId('waiting-settings'));
    expect(screen.getByText(t.appliesLater)).toBeTruthy();

    const [noAgentMinutes, silentMinutes] = screen.getAllByLabelText(t.minutes) as HTMLInputElement[];
    fireEvent.input(noAgentMinutes!, { target: { value: '0' } });
    fireEvent.change(screen.getByLabelText(t.action), { target: { value: 'raise_priority' } });
    fireEvent.input(screen.getByLabelText(t.tag), { target: { value: 'Not A Tag' } });
    fireEvent.click(screen.getByText(t.addGroup));
    fireEvent.click(screen.getByTestId('waiting-save'));
    await waitFor(() => expect(noAgentMinutes!.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(noAgentMinutes!.getAttribute('aria-describedby')!)!.textContent).toBe(t.minutesInvalid);
    expect(screen.getByText(t.tagInvalid)).toBeTruthy();
    expect(screen.getByText(t.groupInvalid)).toBeTruthy();
    expect(sent).toEqual([]);

    fireEvent.input(noAgentMinutes!, { target: { value: '30' } });
    fireEvent.input(screen.getByLabelText(t.tag), { target: { value: 'vip_waiting' } });
    fireEvent.change(screen.getByLabelText(t.priority), { target: { value: 'urgent' } });
    fireEvent.input(silentMinutes!, { target: { value: '15' } });
    fireEvent.input(screen.getByLabelText(t.groupId), { target: { value: '360001' } });
    fireEvent.change(screen.getByLabelText(t.schedule), { target: { value: '2' } });
    fireEvent.click(screen.getByTestId('waiting-save'));
    await waitFor(() => expect(screen.getByTestId('waiting-saved').textContent).toBe(t.saved));
    expect(sent).toEqual([{
      useBusinessHours: true,
      noAgentTimeout: { minutes: 30, businessHours: true, action: 'raise_priority', priority: 'urgent', tag: 'vip_waiting' },
      agentSilent: { minutes: 15, businessHours: false, tag: 'baton_agent_silent', note: true },
      scheduleByGroup: { 360001: '2' },
      estimateMinSamples: 5,
    }]);
  });

  it('says beside Save that nothing was saved when the relay refuses, instead of staying silent or still saying Saved', async () => {
    let refuse = false;
    // As AgentsAdmin's run: a failure is shown at the top of the page (far above this form) and answered undefined.
    const run: Run = async (_path, body, parse) => (refuse && body !== undefined ? undefined : parse(JSON.parse(JSON.stringify(ANSWER))));
    const t = await loadWaitingStrings('en');
    render(<WaitingSettings agentId="agt_1" run={run} locale="en" />);
    fireEvent.click(await waitFor(() => screen.getByTestId('waiting-save')));
    await waitFor(() => expect(screen.getByTestId('waiting-saved').textContent).toBe(t.saved));
    refuse = true;
    fireEvent.click(screen.getByTestId('waiting-save'));
    await waitFor(() => expect(screen.getByTestId('waiting-saved').textContent).toBe('Not saved: the reason is shown at the top of the page.'));
  }, 30_000);
});

// A schedule whose Zendesk time zone the relay cannot map was left out of the list without a word: the admin saw the
// other schedules and could not tell why theirs was missing or what its tickets counted instead.
describe('a schedule whose time zone the relay does not understand', () => {
  it('is named with its zone and what happens instead', async () => {
    const unmapped = { ...ANSWER, unmappedSchedules: [{ id: '3', name: 'Mars base', zendeskTimeZone: 'Olympus Mons' }] };
    const run: Run = async (_path, _body, parse) => parse(JSON.parse(JSON.stringify(unmapped)));
    const t = await loadWaitingStrings('en');
    render(<WaitingSettings agentId="agt_1" run={run} locale="en" />);
    await waitFor(() => screen.getByTestId('waiting-settings'));
    const notice = document.querySelector('[data-unmapped-schedule="3"]');
    expect(notice?.textContent).toContain('"Olympus Mons"');
    expect(notice?.textContent).toBe(t.unmappedSchedule.replace('{name}', '"Mars base"').replace('{zone}', '"Olympus Mons"'));
    expect(notice?.textContent).toContain('first schedule Baton understands');
  });
});
