import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { BatonError } from '../../core/errors.js';
import type { Database } from '../../db/database.js';
import { createHandoff } from '../../relay/handoffs.js';
import type { AuthEnv } from '../auth.js';
import { HandoffRequestSchema, SessionViewSchema } from '../schemas.js';
import { commonErrors, errorResponse, idempotentReplayedHeader, security } from './common.js';

const HandoffResponseSchema = z
  .object({ session: SessionViewSchema, created: z.boolean() })
  .openapi('HandoffResponse');

const route = createRoute({
  method: 'post',
  path: '/v1/handoffs',
  tags: ['Handoffs'],
  summary: 'Hand a conversation off to humans',
  description:
    'Creates a session and, through the outbox, one Zendesk ticket carrying the transcript. Requires `Idempotency-Key`: ' +
    'the same key and body return the same session (header `Idempotent-Replayed: true`); the same key with another body ' +
    'is a 422 `idempotency_key_reused`. While the conversation already has an open session, that session is returned ' +
    'with 200 and `created: false`. `handoff.accepted` (or `handoff.failed`) follows as a webhook.',
  security,
  request: {
    headers: z.object({
      'idempotency-key': z.string().max(255).optional().openapi({ description: 'Required. Unique per handoff attempt.' }),
    }),
    body: { required: true, content: { 'application/json': { schema: HandoffRequestSchema } } },
  },
  responses: {
    201: {
      description: 'Session created (a replay of this request answers 201 again, with `Idempotent-Replayed: true`)',
      headers: idempotentReplayedHeader,
      content: { 'application/json': { schema: HandoffResponseSchema } },
    },
    200: {
      description: 'The open session of this conversation (a replay of this request answers 200 again, with `Idempotent-Replayed: true`)',
      headers: idempotentReplayedHeader,
      content: { 'application/json': { schema: HandoffResponseSchema } },
    },
    ...commonErrors,
    409: errorResponse('`handoff_disabled` for this AI agent, or `idempotency_key_in_progress`'),
  },
});

export function registerHandoffRoutes(app: OpenAPIHono<AuthEnv>, db: Database, onCreated: (reasonCode: string) => void) {
  app.openapi(route, async (c) => {
    const key = c.req.valid('header')['idempotency-key'];
    if (!key) throw new BatonError('idempotency_key_required');
    const result = await createHandoff(db, c.get('caller'), key, c.req.valid('json'));
    if (!result.replayed && result.status === 201) onCreated(result.body.session.reason.code);
    if (result.replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(result.body as z.infer<typeof HandoffResponseSchema>, result.status);
  });
}
