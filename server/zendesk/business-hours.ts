import { z } from 'zod';
import type { BusinessSchedule } from '../core/business-hours.js';
import { ianaTimeZone } from '../core/rails-time-zones.js';
import { HelpdeskError, type HelpdeskSchedule, type ScheduleList, type UnmappedSchedule } from '../helpdesk/helpdesk.js';
import type { ZendeskResponse } from './http-client.js';

/**
 * Reads the account's schedules and their holidays through Zendesk's Business Hours API
 * [https://developer.zendesk.com/api-reference/ticketing/ticket-management/schedules/]:
 * `GET /api/v2/business_hours/schedules.json` → `{schedules:[{id,name,time_zone,intervals}]}`, then
 * `GET /api/v2/business_hours/schedules/{id}/holidays.json` → `{holidays:[{start_date,end_date}]}` each.
 * The list is one page (accounts have a handful of schedules); Zendesk lists the default schedule first.
 */
const SchedulesBody = z.object({
  schedules: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      time_zone: z.string(),
      intervals: z.array(z.object({ start_time: z.number().int().min(0), end_time: z.number().int().max(7 * 1440) })),
    }),
  ),
});
const HolidaysBody = z.object({
  holidays: z.array(z.object({ start_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), end_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) })),
});

type Call = (method: string, path: string) => Promise<ZendeskResponse>;

export async function fetchBusinessSchedules(call: Call): Promise<ScheduleList> {
  const listed = SchedulesBody.safeParse((await call('GET', '/api/v2/business_hours/schedules.json')).body);
  if (!listed.success) throw new HelpdeskError(`Zendesk schedules answer is not as documented: ${listed.error.message.slice(0, 200)}`, 'transient');
  const out: HelpdeskSchedule[] = [];
  const unmapped: UnmappedSchedule[] = [];
  for (const s of listed.data.schedules) {
    const timeZone = ianaTimeZone(s.time_zone);
    // A time zone we cannot compute with: leave the schedule out rather than guess its hours, and report it.
    if (!timeZone) {
      unmapped.push({ id: String(s.id), name: s.name, zendeskTimeZone: s.time_zone });
      continue;
    }
    const holidays = HolidaysBody.safeParse((await call('GET', `/api/v2/business_hours/schedules/${s.id}/holidays.json`)).body);
    if (!holidays.success) throw new HelpdeskError(`Zendesk holidays answer is not as documented: ${holidays.error.message.slice(0, 200)}`, 'transient');
    const schedule: BusinessSchedule = {
      timeZone,
      intervals: s.intervals.filter((i) => i.end_time > i.start_time).map((i) => ({ startMinute: i.start_time, endMinute: i.end_time })),
      holidays: holidays.data.holidays.map((h) => ({ startDate: h.start_date, endDate: h.end_date })),
    };
    out.push({ id: String(s.id), name: s.name, schedule });
  }
  return { schedules: out, unmapped };
}
