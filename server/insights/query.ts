import { z } from 'zod';
import { isTimeZone } from './time-zone.js';

const boundary = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

/** The query string of every insights request (API, app, CSV). */
export const InsightsQuerySchema = z.object({
  from: boundary.optional().meta({ description: 'Start (ISO 8601 date or date-time, inclusive). Default: 30 days before `to`.' }),
  to: boundary.optional().meta({ description: 'End (exclusive; a date means the end of that day in `tz`). Default: now.' }),
  bucket: z.enum(['day', 'week']).default('day').meta({ description: 'Trend buckets: days, or weeks starting on Monday.' }),
  tz: z.string().max(64).refine(isTimeZone, 'an IANA time zone such as Europe/Berlin').default('UTC')
    .meta({ description: 'Time zone of the buckets and of date-only bounds (IANA name). Default: UTC.' }),
  format: z.enum(['json', 'csv']).default('json'),
});
export type InsightsQuery = z.infer<typeof InsightsQuerySchema>;
