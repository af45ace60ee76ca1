import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { createMessageIngest } from '../../relay/message-ingest.js';
import type { AuthEnv } from '../auth.js';
import { MessageViewSchema, PostMessageSchema } from '../schemas.js';
import { commonErrors, errorResponse, security, SessionIdParam } from './common.js';

const MessageAcceptedSchema = z
  .object({
    message: MessageViewSchema,
    duplicate: z.boolean().openapi({ description: 'true when this message id was already accepted (nothing new stored)' }),
    session: z.object({ id: z.string(), state: z.string(), version: z.number().int() }),
  })
  .openapi('MessageAccepted');

const route = createRoute({
  method: 'post',
  path: '/v1/sessions/{id}/messages',
  tags: ['Sessions'],
  summary: "Forward the end user's message (or an AI/system line) to the ticket",
  description:
    'A 202 means the message is stored and will reach the ticket, in order, across crashes and Zendesk outages. ' +
    "The platform's message `id` deduplicates retries (200 with `duplicate: true`). `role: user` becomes the end user's " +
    'public comment; `assistant`/`system` become internal notes. While a human owns the session, `assistant` messages ' +
    'are refused with 409 `human_owns_session`.',
  security,
  request: {
    params: SessionIdParam,
    body: { required: true, content: { 'application/json': { schema: PostMessageSchema } } },
  },
  responses: {
    202: { description: 'Accepted for delivery', content: { 'application/json': { schema: MessageAcceptedSchema } } },
    200: { description: 'Already accepted earlier (same id and text)', content: { 'application/json': { schema: MessageAcceptedSchema } } },
    ...commonErrors,
    404: errorResponse('`session_not_found`'),
    409: errorResponse('`human_owns_session`, `session_closed` or `message_id_conflict`'),
  },
});

/** Documents the route and serves it when the fast path (fast-ingest.ts) is not in front, e.g. `app.request` in tests. */
export function registerMessageRoutes(app: OpenAPIHono<AuthEnv>, ingest: ReturnType<typeof createMessageIngest>) {
  app.openapi(route, async (c) => {
    const result = await ingest.submit(c.get('caller'), c.req.valid('param').id, c.req.valid('json'));
    return c.json(result.body as z.infer<typeof MessageAcceptedSchema>, result.status);
  });
}
