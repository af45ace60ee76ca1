import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { BatonError } from '../../core/errors.js';
import type { Database } from '../../db/database.js';
import { endSession, getSessionDetail, listAgentSessions } from '../../relay/sessions.js';
import type { AuthEnv } from '../auth.js';
import { EndSessionSchema, SessionEnvelopeSchema, SessionViewSchema } from '../schemas.js';
import { commonErrors, errorResponse, security, SessionIdParam } from './common.js';

const getRoute = createRoute({
  method: 'get',
  path: '/v1/sessions/{id}',
  tags: ['Sessions'],
  summary: 'A session with its state, version, transcript and ticket',
  security,
  request: { params: SessionIdParam },
  responses: {
    200: { description: 'The session', content: { 'application/json': { schema: SessionEnvelopeSchema } } },
    ...commonErrors,
    404: errorResponse('`session_not_found`'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/v1/sessions',
  tags: ['Sessions'],
  summary: 'Sessions of this AI agent, newest first',
  security,
  request: {
    // Strict: a misspelt filter (`conversationid`) would otherwise list every session of the agent.
    query: z.strictObject({
      conversationId: z.string().min(1).max(200).optional(),
      state: z.enum(['pending', 'waiting', 'human', 'returned', 'failed', 'ended']).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
  },
  responses: {
    200: {
      description: 'Sessions (without transcripts)',
      content: { 'application/json': { schema: z.object({ sessions: z.array(SessionViewSchema) }).openapi('SessionList') } },
    },
    ...commonErrors,
  },
});

const endRoute = createRoute({
  method: 'post',
  path: '/v1/sessions/{id}/end',
  tags: ['Sessions'],
  summary: 'End a session (the customer left or the platform closed the conversation)',
  description: 'Idempotent: ending an ended session answers 200 with the session. The ticket gets an internal note, unless a newer handoff of the conversation lives on that ticket now.',
  security,
  request: {
    params: SessionIdParam,
    body: { required: false, content: { 'application/json': { schema: EndSessionSchema } } },
  },
  responses: {
    200: { description: 'The ended session', content: { 'application/json': { schema: SessionEnvelopeSchema } } },
    ...commonErrors,
    404: errorResponse('`session_not_found`'),
    409: errorResponse('`invalid_transition` (e.g. the session failed)'),
  },
});

export function registerSessionRoutes(app: OpenAPIHono<AuthEnv>, db: Database, onCommitted: () => void) {
  app.openapi(getRoute, async (c) => {
    const session = await getSessionDetail(db, c.get('caller'), c.req.valid('param').id);
    if (!session) throw new BatonError('session_not_found');
    return c.json({ session } as z.infer<typeof SessionEnvelopeSchema>, 200);
  });
  app.openapi(listRoute, async (c) => {
    const sessions = await listAgentSessions(db, c.get('caller'), c.req.valid('query'));
    return c.json({ sessions } as { sessions: z.infer<typeof SessionViewSchema>[] }, 200);
  });
  app.openapi(endRoute, async (c) => {
    const body = c.req.header('content-type') ? c.req.valid('json') : {};
    const session = await endSession(db, c.get('caller'), c.req.valid('param').id, body.reason);
    onCommitted();
    return c.json({ session } as z.infer<typeof SessionEnvelopeSchema>, 200);
  });
}
