import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { stringsFor } from './i18n.js';
import { fast, httpError, mount, posted, session, stubClient } from './sidebar-fixtures.js';

afterEach(cleanup);

const note = () => screen.getByTestId('note') as HTMLTextAreaElement;

/** The agent's note for the AI when the session is no longer theirs to return: never lost without a word. */
describe('a note for the AI that was not sent', () => {
  it('says, in the agent\'s language, that someone else returned the session first, and keeps the note in the box', async () => {
    const de = stringsFor('de');
    const { client, calls } = stubClient((o) => (String(o.url).includes('/return-to-ai')
      ? { session: session({ state: 'returned' }), alreadyReturned: true }
      : { session: session({ state: 'human' }) }));
    mount(client, 'de', 'Sam Agent');
    fireEvent.input(await screen.findByPlaceholderText(de.noteForAi), { target: { value: 'Erstattung ist erledigt' } });
    fireEvent.click(screen.getByTestId('return-to-ai'));
    fireEvent.click(await screen.findByTestId('confirm-return'));

    expect((await screen.findByTestId('note-not-sent')).textContent).toBe(de.noteNotSent);
    expect(screen.getByTestId('state').textContent).toBe(de.returned);
    expect(posted(calls, 'return-to-ai')).toEqual([{ note: 'Erstattung ist erledigt', agentName: 'Sam Agent', idempotencyKey: expect.any(String) }]);
    // The words are still there to copy (and no longer look sendable); the focus is on them.
    expect(note().value).toBe('Erstattung ist erledigt');
    expect(note().readOnly).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(note()));
    expect(screen.queryByTestId('return-to-ai')).toBeNull();

    // Let go of it: the box goes, the focus lands on the session's state.
    fireEvent.click(screen.getByTestId('discard-note'));
    await waitFor(() => expect(screen.queryByTestId('note')).toBeNull());
    expect(document.activeElement).toBe(screen.getByTestId('state'));
  });

  it('keeps a note being typed when the session is returned elsewhere meanwhile, and says it was not sent', async () => {
    let state: 'human' | 'returned' = 'human';
    const { client, calls } = stubClient(() => ({ session: session({ state }) }));
    mount(client, 'en', undefined, fast);
    fireEvent.input(await screen.findByPlaceholderText('Note for the AI (optional)'), { target: { value: 'Customer wants a callback' } });
    state = 'returned'; // another agent solved the ticket; the next read shows it
    expect((await screen.findByTestId('note-not-sent')).textContent).toBe(stringsFor('en').noteNotSent);
    expect(note().value).toBe('Customer wants a callback');
    expect(posted(calls, 'return-to-ai')).toEqual([]);
  });

  it('clears the note and leaves no box behind when the return was this agent\'s own', async () => {
    const { client } = stubClient((o) => (String(o.url).includes('/return-to-ai')
      ? { session: session({ state: 'returned' }), alreadyReturned: false }
      : { session: session({ state: 'human' }) }));
    mount(client);
    fireEvent.input(await screen.findByPlaceholderText('Note for the AI (optional)'), { target: { value: 'refund done' } });
    fireEvent.click(screen.getByTestId('return-to-ai'));
    fireEvent.click(await screen.findByTestId('confirm-return'));
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('Returned to AI'));
    expect(screen.queryByTestId('note')).toBeNull();
    expect(screen.queryByTestId('note-not-sent')).toBeNull();
  });

  it('reads a retry whose first answer was lost as this agent\'s own return: the note was sent, and is cleared', async () => {
    // The relay as it answers: the first try commits (its answer is lost on the way back), a retry with the same key is
    // "returned now", any other call "returned first by someone else".
    let returnedBy: string | undefined;
    const { client, calls } = stubClient((o) => {
      if (!String(o.url).includes('/return-to-ai')) return { session: session({ state: returnedBy ? 'returned' : 'human' }) };
      const { idempotencyKey } = JSON.parse(String(o.data)) as { idempotencyKey?: string };
      if (!returnedBy) {
        returnedBy = idempotencyKey ?? 'an app without keys';
        return httpError(0);
      }
      return { session: session({ state: 'returned' }), alreadyReturned: idempotencyKey !== returnedBy };
    });
    mount(client);
    fireEvent.input(await screen.findByPlaceholderText('Note for the AI (optional)'), { target: { value: 'refund done' } });
    fireEvent.click(screen.getByTestId('return-to-ai'));
    fireEvent.click(await screen.findByTestId('confirm-return'));
    await screen.findByTestId('action-error');
    fireEvent.click(screen.getByTestId('confirm-return'));

    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('Returned to AI'));
    expect(screen.queryByTestId('note-not-sent')).toBeNull();
    expect(screen.queryByTestId('note')).toBeNull();
    expect(posted(calls, 'return-to-ai')).toHaveLength(2);
  });
});
