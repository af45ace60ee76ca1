import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOpen } from '../core/business-hours.js';
import { createZendeskHelpdesk } from '../zendesk/helpdesk.js';
import { startZendeskEmulator, type ZendeskEmulator } from './index.js';

const auth = `Basic ${Buffer.from('admin@acme.test/token:tok').toString('base64')}`;

describe('Business Hours API (emulator) and the relay client', () => {
  let z: ZendeskEmulator;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${z.baseUrl}${path}`, { method, headers: { authorization: auth, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    return { status: res.status, body: (await res.json()) as any };
  };
  beforeAll(async () => {
    z = await startZendeskEmulator();
    z.addApiToken('admin@acme.test', 'tok');
  });
  afterAll(() => z.stop());

  it('creates, lists and reads schedules and holidays as Zendesk documents them', async () => {
    const created = await call('POST', '/api/v2/business_hours/schedules.json', { schedule: { name: 'Berlin office', time_zone: 'Berlin' } });
    expect(created.status).toBe(201);
    const id = created.body.schedule.id;
    expect(created.body.schedule.intervals[0]).toEqual({ start_time: 1980, end_time: 2460 });
    // An interval may not cross midnight.
    expect((await call('PUT', `/api/v2/business_hours/schedules/${id}/workweek.json`, { workweek: { intervals: [{ start_time: 1380, end_time: 1500 }] } })).status).toBe(422);
    const week = await call('PUT', `/api/v2/business_hours/schedules/${id}/workweek.json`, { workweek: { intervals: [{ start_time: 1980, end_time: 2460 }, { start_time: 3420, end_time: 3900 }] } });
    expect(week.status).toBe(200);
    expect((await call('POST', `/api/v2/business_hours/schedules/${id}/holidays.json`, { holiday: { name: 'Bad', start_date: '2026-12-26', end_date: '2026-12-25' } })).status).toBe(422);
    const holiday = await call('POST', `/api/v2/business_hours/schedules/${id}/holidays.json`, { holiday: { name: 'Christmas', start_date: '2026-12-25', end_date: '2026-12-26' } });
    expect(holiday.status).toBe(201);
    const listed = await call('GET', '/api/v2/business_hours/schedules.json');
    expect(listed.body.schedules).toHaveLength(1);
    expect(listed.body.schedules[0]).toMatchObject({ id, name: 'Berlin office', time_zone: 'Berlin' });
    expect(listed.body.schedules[0].holidays).toBeUndefined();
    expect((await call('GET', `/api/v2/business_hours/schedules/${id}/holidays.json`)).body.holidays).toEqual([{ id: holiday.body.holiday.id, name: 'Christmas', start_date: '2026-12-25', end_date: '2026-12-26' }]);
    expect((await call('GET', '/api/v2/business_hours/schedules/999/holidays.json')).status).toBe(404);

    const helpdesk = createZendeskHelpdesk(z.baseUrl, async () => auth);
    const { schedules: [read] } = await helpdesk.listSchedules!();
    expect(read!.id).toBe(String(id));
    expect(read!.schedule.timeZone).toBe('Europe/Berlin');
    expect(read!.schedule.holidays).toEqual([{ startDate: '2026-12-25', endDate: '2026-12-26' }]);
    // Monday 09:30 in Berlin (CEST) is open; Wednesday is not in this workweek.
    expect(isOpen(read!.schedule, new Date('2026-06-01T07:30:00Z'))).toBe(true);
    expect(isOpen(read!.schedule, new Date('2026-06-03T07:30:00Z'))).toBe(false);
  });
});
