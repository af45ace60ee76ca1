import { invalid, json, notFound, type EmuRequest, type Reply } from './http.js';

/**
 * Zendesk's Business Hours API: schedules (weekly intervals in minutes since Sunday 00:00, in the
 * schedule's Rails time-zone name) and their holidays (whole days, YYYY-MM-DD)
 * [https://developer.zendesk.com/api-reference/ticketing/ticket-management/schedules/]:
 *   GET  /api/v2/business_hours/schedules(.json)                → {schedules:[…]}
 *   GET  /api/v2/business_hours/schedules/{id}                  → {schedule}
 *   POST /api/v2/business_hours/schedules {schedule:{name,time_zone}}
 *   PUT  /api/v2/business_hours/schedules/{id}/workweek {workweek:{intervals}}
 *   GET  /api/v2/business_hours/schedules/{id}/holidays          → {holidays:[…]}
 *   POST /api/v2/business_hours/schedules/{id}/holidays {holiday:{name,start_date,end_date}}
 * An interval may not span calendar days (documented), so a write crossing midnight is a 422.
 */
export interface EmuInterval {
  start_time: number;
  end_time: number;
}
export interface EmuHoliday {
  id: number;
  name: string;
  start_date: string;
  end_date: string;
}
export interface EmuSchedule {
  id: number;
  name: string;
  time_zone: string;
  intervals: EmuInterval[];
  holidays: EmuHoliday[];
  created_at: string;
  updated_at: string;
}

const DAY = 1440;
/** A new schedule starts Monday–Friday 09:00–17:00, like the one the Zendesk admin page creates. */
const DEFAULT_INTERVALS: EmuInterval[] = [1, 2, 3, 4, 5].map((d) => ({ start_time: d * DAY + 540, end_time: d * DAY + 1020 }));
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function createSchedules(now: () => number) {
  const schedules = new Map<number, EmuSchedule>();
  let nextId = 360_000_000_001;
  const iso = () => new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const view = ({ holidays: _h, ...s }: EmuSchedule) => s;

  function validIntervals(raw: unknown): EmuInterval[] | null {
    if (!Array.isArray(raw)) return null;
    const out: EmuInterval[] = [];
    for (const i of raw as Array<Record<string, unknown>>) {
      const start = Number(i?.start_time);
      const end = Number(i?.end_time);
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > 7 * DAY || end <= start) return null;
      // "Can't span calendar days": end may be the next midnight, not past it.
      if (Math.floor(start / DAY) !== Math.floor((end - 1) / DAY)) return null;
      out.push({ start_time: start, end_time: end });
    }
    return out;
  }

  function add(input: { name: string; time_zone: string; intervals?: EmuInterval[] }): EmuSchedule {
    const s: EmuSchedule = { id: nextId++, name: input.name, time_zone: input.time_zone, intervals: input.intervals ?? DEFAULT_INTERVALS.map((i) => ({ ...i })), holidays: [], created_at: iso(), updated_at: iso() };
    schedules.set(s.id, s);
    return s;
  }

  function addHoliday(s: EmuSchedule, input: { name: string; start_date: string; end_date: string }): EmuHoliday {
    const h = { id: nextId++, ...input };
    s.holidays.push(h);
    s.updated_at = iso();
    return h;
  }

  function route(req: EmuRequest, parts: string[]): Reply {
    // parts: api v2 business_hours schedules [id] [workweek|holidays]
    if (parts[3] !== 'schedules') return notFound();
    const id = parts[4];
    const body = (req.json ?? {}) as Record<string, Record<string, unknown> | undefined>;
    if (!id) {
      if (req.method === 'GET') return json(200, { schedules: [...schedules.values()].map(view) });
      if (req.method === 'POST') {
        const s = body.schedule;
        if (typeof s?.name !== 'string' || !s.name) return invalid({ name: 'cannot be blank' });
        if (typeof s.time_zone !== 'string' || !s.time_zone) return invalid({ time_zone: 'cannot be blank' });
        const intervals = s.intervals === undefined ? undefined : validIntervals(s.intervals);
        if (intervals === null) return invalid({ intervals: 'is invalid' });
        return json(201, { schedule: view(add({ name: s.name, time_zone: s.time_zone, ...(intervals ? { intervals } : {}) })) });
      }
      return notFound();
    }
    const schedule = schedules.get(Number(id));
    if (!schedule) return notFound();
    if (!parts[5] && req.method === 'GET') return json(200, { schedule: view(schedule) });
    if (parts[5] === 'workweek' && req.method === 'PUT') {
      const intervals = validIntervals(body.workweek?.intervals);
      if (!intervals) return invalid({ intervals: 'is invalid' });
      schedule.intervals = intervals;
      schedule.updated_at = iso();
      return json(200, { workweek: { intervals } });
    }
    if (parts[5] === 'holidays') {
      if (req.method === 'GET' && !parts[6]) return json(200, { holidays: schedule.holidays });
      if (req.method === 'POST' && !parts[6]) {
        const h = body.holiday;
        if (typeof h?.name !== 'string' || !h.name) return invalid({ name: 'cannot be blank' });
        if (typeof h.start_date !== 'string' || !DATE.test(h.start_date)) return invalid({ start_date: 'is invalid' });
        if (typeof h.end_date !== 'string' || !DATE.test(h.end_date) || h.end_date < h.start_date) return invalid({ end_date: 'is invalid' });
        return json(201, { holiday: addHoliday(schedule, { name: h.name, start_date: h.start_date, end_date: h.end_date }) });
      }
    }
    return notFound();
  }

  return { route, add, addHoliday, all: () => [...schedules.values()] };
}
export type EmuSchedules = ReturnType<typeof createSchedules>;
