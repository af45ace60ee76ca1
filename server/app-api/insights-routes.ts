import type { Hono } from 'hono';
import { z } from 'zod';
import { BatonError } from '../core/errors.js';
import type { Database } from '../db/database.js';
import { csvResponse } from '../http/csv-response.js';
import { reportCsv } from '../insights/csv.js';
import { resolvePeriod } from '../insights/period.js';
import { InsightsQuerySchema } from '../insights/query.js';
import { buildInsightsReport } from '../insights/report.js';
import { findAgent } from '../store/tenants.js';

type Verify = (authorization: string | undefined) => Promise<{ tenantId: string }>;

const AppInsightsQuerySchema = InsightsQuerySchema.extend({ agentId: z.string().min(1).max(100).optional() });

/** The insights page of the Zendesk app: the installation's whole tenant, or one of its AI agents. */
export function registerAppInsightsRoutes(app: Hono<any, any, any>, db: Database, verify: Verify) { // eslint-disable-line @typescript-eslint/no-explicit-any
  const report = async (authorization: string | undefined, rawQuery: Record<string, string>) => {
    const { tenantId } = await verify(authorization);
    const parsed = AppInsightsQuerySchema.safeParse(rawQuery);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new BatonError('validation_failed', `${issue.path.join('.')}: ${issue.message}`);
    }
    if (parsed.data.agentId) {
      const agent = await findAgent(db, parsed.data.agentId);
      if (!agent || agent.tenantId !== tenantId) throw new BatonError('agent_not_found');
    }
    const period = resolvePeriod({ ...parsed.data, timeZone: parsed.data.tz }, new Date());
    return buildInsightsReport(db, { tenantId, agentId: period.agentId }, period);
  };

  app.get('/app/v1/insights', async (c) => c.json(await report(c.req.header('authorization'), c.req.query())));
  app.get('/app/v1/insights/csv', async (c) => {
    const r = await report(c.req.header('authorization'), c.req.query());
    return csvResponse(c, reportCsv(r), r, 'report');
  });
}
