import { describe, expect, it } from 'vitest';
import { insightsQuery, type PeriodChoice } from './insights-query.js';

const choice: PeriodChoice = { days: 7, custom: { from: '2026-10-01', to: '2026-10-31' }, agentId: '', bucket: 'day' };
const now = new Date('2026-11-24T23:30:00Z'); // already the 25th in Berlin

describe('insights query', () => {
  it('ends a preset period now and names the file after the local days', () => {
    const { query, fileName } = insightsQuery(choice, now, 'Europe/Berlin');
    expect(Object.fromEntries(new URLSearchParams(query))).toEqual({ from: '2026-11-17T23:30:00.000Z', to: '2026-11-24T23:30:00.000Z', bucket: 'day', tz: 'Europe/Berlin' });
    expect(fileName).toBe('baton-insights-2026-11-18-2026-11-25.csv');
  });

  it('sends custom dates as they are, with the AI agent when one is picked', () => {
    const { query, fileName } = insightsQuery({ ...choice, days: 0, agentId: 'agt 1', bucket: 'week' }, now, undefined);
    expect(query).toBe('from=2026-10-01&to=2026-10-31&bucket=week&agentId=agt+1');
    expect(fileName).toBe('baton-insights-2026-10-01-2026-10-31.csv');
  });

  it('falls back to UTC days for a time zone the browser does not know', () => {
    expect(insightsQuery(choice, now, 'Mars/Olympus').fileName).toBe('baton-insights-2026-11-17-2026-11-24.csv');
  });
});
