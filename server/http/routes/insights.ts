import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Database } from '../../db/database.js';
import { reportCsv, sectionCsv, SECTIONS, type Section } from '../../insights/csv.js';
import { resolvePeriod } from '../../insights/period.js';
import { InsightsQuerySchema, type InsightsQuery } from '../../insights/query.js';
import { buildInsightsReport, type InsightsReport } from '../../insights/report.js';
import type { AuthEnv } from '../auth.js';
import { InsightsReportSchema } from '../insights-schema.js';
import { csvResponse } from '../csv-response.js';
import { commonErrors, security } from './common.js';

/** A misspelt parameter (`timezone`, `fromat`) is refused by name, as unknown body fields are (README, "The AI-platform API"). */
const V1InsightsQuery = InsightsQuerySchema.strict();

const csvContent = { 'text/csv': { schema: z.string() } };

const reportRoute = createRoute({
  method: 'get',
  path: '/v1/insights',
  tags: ['Insights'],
  summary: "How often and why this AI agent hands off, and what happens next",
  description:
    'Handoffs over time and as a rate of evaluated conversations, broken down by reason, rule or trigger, intent and language, ' +
    'outcomes (first reply, solve, returned to AI, escalated again within 7 days, failed) and knowledge gaps with example tickets. ' +
    '`format=csv` answers one long table (section, key, label, metric, value).',
  security,
  request: { query: V1InsightsQuery },
  responses: {
    200: { description: 'The report', content: { 'application/json': { schema: InsightsReportSchema }, ...csvContent } },
    ...commonErrors,
  },
});

const sectionRoute = createRoute({
  method: 'get',
  path: '/v1/insights/{section}',
  tags: ['Insights'],
  summary: 'One part of the report; with `format=csv` a wide table ready for a spreadsheet',
  security,
  request: {
    params: z.object({ section: z.enum(SECTIONS).openapi({ param: { name: 'section', in: 'path' } }) }),
    query: V1InsightsQuery,
  },
  responses: {
    200: { description: 'The section of the report', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) }, ...csvContent } },
    ...commonErrors,
  },
});

/** Insights for the key's own AI agent; the whole tenant is the Zendesk app's view (`/app/v1/insights`). */
export function registerInsightsRoutes(app: OpenAPIHono<AuthEnv>, db: Database) {
  const report = (c: Context<AuthEnv>, query: InsightsQuery) => {
    const caller = c.get('caller');
    const period = resolvePeriod({ ...query, timeZone: query.tz, agentId: caller.agentId }, new Date());
    return buildInsightsReport(db, { tenantId: caller.tenantId, agentId: caller.agentId }, period);
  };
  app.openapi(reportRoute, async (c) => {
    const query = c.req.valid('query');
    const r = await report(c, query);
    return (query.format === 'csv' ? csvResponse(c, reportCsv(r), r, 'report') : c.json(r, 200)) as never;
  });
  app.openapi(sectionRoute, async (c) => {
    const query = c.req.valid('query');
    const section = c.req.valid('param').section;
    const r = await report(c, query);
    return (query.format === 'csv' ? csvResponse(c, sectionCsv(r, section), r, section) : c.json({ [section]: pick(r, section) }, 200)) as never;
  });
}

function pick(r: InsightsReport, section: Section): unknown {
  return r[section];
}
