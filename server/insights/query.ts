import { z } from 'zod';

const boundary = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

/** The query string of every insights request (API, app, CSV). */
export const InsightsQuerySchema = z.object({
  from: boundary.optional().meta({ description: 'Start (ISO 8601 date or date-time, inclusive). Default: 30 days before `to`.' }),
  to: boundary.optional().meta({ description: 'End (exclusive; a date means the end of that UTC day). Default: now.' }),
  bucket: z.enum(['day', 'week']).default('day').meta({ description: 'Trend buckets, UTC; weeks start on Monday.' }),
  format: z.enum(['json', 'csv']).default('json'),
});
export type InsightsQuery = z.infer<typeof InsightsQuerySchema>;
