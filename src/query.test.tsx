import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { usePolled } from './query.js';

afterEach(cleanup);

/** A view of the poller: its data, its failures in a row, and a button that shortens the poll interval. */
function Probe({ load, slow }: { load: () => Promise<string>; slow: number }) {
  const [pollMs, setPollMs] = useState(slow);
  const q = usePolled(load, { key: 'k', pollMs, retryDelay: () => 20 });
  return (
    <>
      <p data-testid="data">{q.data ?? '-'}</p>
      <p data-testid="failures">{q.failureCount}</p>
      <button onClick={() => setPollMs(20)}>fast</button>
    </>
  );
}
const text = (id: string) => screen.getByTestId(id).textContent;

describe('the sidebar\'s poller', () => {
  it('keeps the last data through failures, counts them, and clears them on the next success', async () => {
    let answer: string | Error = 'one';
    render(<Probe load={async () => { if (answer instanceof Error) throw answer; return answer; }} slow={20} />);
    await waitFor(() => expect(text('data')).toBe('one'));
    answer = new Error('down');
    await waitFor(() => expect(Number(text('failures'))).toBeGreaterThanOrEqual(2));
    expect(text('data')).toBe('one');
    answer = 'two';
    await waitFor(() => expect(text('data')).toBe('two'));
    expect(text('failures')).toBe('0');
  });

  it('counts a shorter poll interval from the moment it changes, not after the long one', async () => {
    let reads = 0;
    render(<Probe load={async () => String(++reads)} slow={3_600_000} />);
    await waitFor(() => expect(text('data')).toBe('1'));
    screen.getByText('fast').click();
    await waitFor(() => expect(Number(text('data'))).toBeGreaterThanOrEqual(2));
  });
});
