import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AuthEnv } from './auth.js';
import { PLATFORM_EVENT_TYPES } from '../core/events.js';
import { SESSION_STATES } from '../core/session-machine.js';
import { TRANSITION_CAUSES } from '../core/transition-causes.js';
import { ERROR_CATALOGUE } from '../core/errors.js';
import { REASON_CODES, REASON_DESCRIPTIONS } from '../core/reason-codes.js';
import { renderDocsPage } from './docs-page.js';
import { MessageViewSchema } from './schemas.js';
import { TEST_EVENT_TYPE } from '../outbox/test-event.js';

/**
 * States and causes as enums, not strings: the SDK's event types then say which values arrive, so a platform's
 * `switch (event.data.cause)` is checked (a typo or a case it forgot), and the cause `no_agent_timeout` of
 * `session.returned`, missing from its summary, is in the type.
 */
const SessionState = z.enum(SESSION_STATES);
const Cause = z.enum(TRANSITION_CAUSES);
/** Every cause that moves a session to `returned` (applySessionEvent's `returned` event callers). */
const RETURN_CAUSES = ['ticket_solved', 'ticket_closed', 'ticket_deleted', 'agent_returned_to_ai', 'no_agent_timeout'] as const satisfies readonly (typeof TRANSITION_CAUSES)[number][];

const EVENT_DATA: Record<(typeof PLATFORM_EVENT_TYPES)[number], { summary: string; data: z.ZodType }> = {
  'handoff.accepted': {
    summary:
      'The ticket exists; show the customer the handoff message. handoffMessage is always set: the platform\'s (or the rule\'s) ' +
      'words, else a default in the customer\'s locale that names the next opening (outside business hours) or the wait estimate',
    data: z.object({
      ticketId: z.string(),
      state: SessionState,
      version: z.number(),
      handoffMessage: z.string(),
      handoffMessageSource: z.enum(['provided', 'default']),
      withinBusinessHours: z.boolean().nullable().openapi({ description: 'null: no business hours in use (no Zendesk schedule, or switched off)' }),
      nextOpenAt: z.string().nullable().openapi({ description: 'ISO time the team opens again; set only outside business hours' }),
      offlineMessage: z.string().nullable().openapi({ description: "Outside business hours: when the team is back, in the customer's locale" }),
      estimatedWaitSeconds: z.number().nullable().openapi({ description: 'Median first-reply time for this group and hour of the week over 4 weeks, counting sessions still unanswered by their wait so far (a lower bound, Kaplan–Meier); null with too few first replies' }),
      estimateSampleSize: z.number(),
    }),
  },
  'session.waiting_update': {
    summary: 'The wait estimate of a waiting session changed materially (known ↔ unknown, or by ≥ 25 % and ≥ 60 s) after a new first reply',
    data: z.object({ estimatedWaitSeconds: z.number().nullable(), estimateSampleSize: z.number(), previousEstimatedWaitSeconds: z.number().nullable() }),
  },
  'session.no_agent_timeout': {
    summary:
      'No agent replied within the no-agent timeout (business minutes when configured). action: keep_waiting (show message to the customer), ' +
      'raise_priority (the ticket got a higher priority and a tag), return_to_ai (session.returned follows, cause no_agent_timeout)',
    data: z.object({ ticketId: z.string().nullable(), action: z.enum(['keep_waiting', 'raise_priority', 'return_to_ai']), minutes: z.number(), businessHours: z.boolean(), message: z.string().nullable() }),
  },
  'session.agent_silent': {
    summary: 'While a person owns the session, the customer wrote and no agent reply followed within the set minutes (once per silence); the ticket got a tag and/or a private note',
    data: z.object({ ticketId: z.string().nullable(), minutes: z.number(), businessHours: z.boolean().openapi({ description: 'The minutes were counted in business hours' }) }),
  },
  'handoff.failed': {
    summary: 'The ticket could not be created after all retries; tell the customer',
    data: z.object({ reason: z.string(), status: z.number().nullable() }),
  },
  'message.created': {
    summary: "An agent's public reply for the customer",
    data: z.object({ message: MessageViewSchema }),
  },
  'session.state_changed': {
    summary:
      'The session moved to another state. Causes include ticket_created, agent_reply, agent_took_over, ticket_solved, ticket_closed, ' +
      'ticket_deleted, ticket_reopened, agent_returned_to_ai, followup_ticket (a customer message found the ticket closed and went to a follow-up ticket: ' +
      'the session waits for a person again), no_agent_timeout, ended_by_platform, ticket_create_failed',
    data: z.object({
      from: SessionState,
      to: SessionState,
      version: z.number(),
      cause: Cause,
      ticketId: z.string().optional(),
      previousTicketId: z.string().optional(),
      note: z.string().optional().describe('With cause agent_returned_to_ai: the agent\'s note, when they wrote one'),
      reason: z.string().nullable().optional().describe('With cause ended_by_platform: the reason the platform gave (null without one)'),
    }),
  },
  'session.returned': {
    summary:
      'The AI owns the conversation again (ticket solved, closed or deleted, "Return to AI", or the no-agent timeout\'s return_to_ai — ' +
      'cause ticket_solved, ticket_closed, ticket_deleted, agent_returned_to_ai or no_agent_timeout)',
    data: z.object({
      ticketId: z.string().nullable(),
      version: z.number(),
      cause: z.enum(RETURN_CAUSES),
      note: z.string().optional().describe('The agent\'s note with "Return to AI", when they wrote one'),
      transcript: z.array(MessageViewSchema),
    }),
  },
};

const DESCRIPTION = `Baton relays conversations between an AI platform and human agents in Zendesk.

**Authentication**: \`Authorization: Bearer <API key>\` (one key per AI agent, shown once by \`npm run baton -- key:create\`).

**Errors** are \`{"error": {"code", "message", "details"}}\`. Codes: ${Object.entries(ERROR_CATALOGUE)
  .map(([code, e]) => `\`${code}\` (${e.status})`)
  .join(', ')}.

**Reason codes**: ${REASON_CODES.map((c) => `\`${c}\`: ${REASON_DESCRIPTIONS[c]}`).join(' ')}

**Webhooks** to the AI agent's callback URL follow Standard Webhooks: headers \`webhook-id\` (stable across retries:
dedupe on it), \`webhook-timestamp\` and \`webhook-signature\` (HMAC-SHA256 with the agent's \`whsec_\` secret).
For 24 hours after the secret is rotated (an overlap window) the header carries two space-separated signatures,
\`v1,<new> v1,<previous>\`: a receiver accepts the delivery when any of them matches its secret.
Delivery is at-least-once and ordered per session; failures are retried with exponential backoff and jitter for
about ten hours (\`Retry-After\` honoured), then dead-lettered until an operator replays them.`;

export function registerOpenApi(app: OpenAPIHono, v1: OpenAPIHono<AuthEnv>) {
  const registry = v1.openAPIRegistry;
  registry.registerComponent('securitySchemes', 'apiKey', { type: 'http', scheme: 'bearer', description: 'Baton API key (bk_…)' });
  for (const type of PLATFORM_EVENT_TYPES) {
    const { summary, data } = EVENT_DATA[type];
    registry.registerWebhook({
      method: 'post',
      path: type,
      summary,
      tags: ['Webhooks'],
      request: {
        headers: z.object({ 'webhook-id': z.string(), 'webhook-timestamp': z.string(), 'webhook-signature': z.string() }),
        body: {
          content: {
            'application/json': {
              schema: z.object({
                type: z.literal(type),
                timestamp: z.string(),
                data: z.object({ sessionId: z.string(), conversationId: z.string() }).and(data),
              }),
            },
          },
        },
      },
      responses: { 200: { description: 'Any 2xx acknowledges; other statuses are retried (410 stops retries)' } },
    });
  }
  // "Send test event" on the app's AI agents page: signed like every event, never retried.
  registry.registerWebhook({
    method: 'post',
    path: TEST_EVENT_TYPE,
    summary: "A Zendesk admin pressed \"Send test event\" on the app's AI agents page; acknowledge it with any 2xx (the admin sees the status and the start of the body)",
    tags: ['Webhooks'],
    request: {
      headers: z.object({ 'webhook-id': z.string(), 'webhook-timestamp': z.string(), 'webhook-signature': z.string() }),
      body: { content: { 'application/json': { schema: z.object({ type: z.literal(TEST_EVENT_TYPE), timestamp: z.string(), data: z.object({ agentId: z.string(), message: z.string() }) }) } } },
    },
    responses: { 200: { description: 'Any 2xx; nothing is retried' } },
  });
  const document = () =>
    v1.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 'Baton relay API', version: '1.0.0', description: DESCRIPTION },
      tags: [
        { name: 'Handoffs', description: 'Start a handoff' },
        { name: 'Sessions', description: 'Follow and feed a handed-off conversation' },
        { name: 'Rules', description: 'When a conversation goes to a human: evaluate, and administer the escalation rules' },
        { name: 'Insights', description: 'How often and why this AI agent hands off' },
        { name: 'Webhooks', description: 'Events Baton sends to the AI platform' },
      ],
    });
  let cached: ReturnType<typeof document> | undefined;
  app.get('/openapi.json', (c) => c.json((cached ??= document())));
  app.get('/docs', (c) => c.html(renderDocsPage((cached ??= document()) as Parameters<typeof renderDocsPage>[0])));
}
