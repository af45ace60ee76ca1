import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { isOpen, type BusinessSchedule } from '../../core/business-hours.js';
import { BatonError } from '../../core/errors.js';
import type { Database } from '../../db/database.js';
import { conversationSeenCache } from '../../store/conversations-seen.js';
import { evaluate } from '../../rules/evaluate.js';
import { FIELDS } from '../../rules/fields.js';
import { renderHandoffInstructions } from '../../rules/instructions.js';
import { TurnSchema, type Rule } from '../../rules/schema.js';
import { validateRule } from '../../rules/validate.js';
import { createHandoff, evaluateRequestHash, findStoredHandoff } from '../../relay/handoffs.js';
import { deleteRule, insertRule, listRules, reorderRules, updateRule } from '../../store/rules.js';
import { findAgent } from '../../store/tenants.js';
import type { AuthEnv } from '../auth.js';
import { DecisionSchema } from '../decision-schema.js';
import { HandoffRequestSchema, SessionViewSchema } from '../schemas.js';
import { validationDetails, validationMessage } from '../errors.js';
import { commonErrors, errorResponse, idempotentReplayedHeader, security } from './common.js';
import { documentRuleRoutes, FieldsResponseSchema, ReorderRulesSchema } from './rules-docs.js';

const EvaluateRequestSchema = z
  .strictObject({
    turn: TurnSchema,
    /** When the decision is a handoff, start it now with these details (Idempotency-Key required). */
    startHandoff: HandoffRequestSchema.omit({ conversationId: true, reason: true }).extend({
      reason: z.strictObject({ text: z.string().max(2_000).optional() }).default({}),
    }).optional(),
  })
  .openapi('EvaluateRequest');

/** `session` only when this request started the handoff (or replays the request that did). */
const EvaluateResponseSchema = z
  .object({
    decision: DecisionSchema,
    session: SessionViewSchema.optional(),
    created: z
      .boolean()
      .optional()
      .describe('With `session`: true when this request started it; false when the conversation already had an open handoff, which is returned (as POST /v1/handoffs says `created: false`)'),
  })
  .openapi('EvaluateResponse');
type EvaluateResponse = z.infer<typeof EvaluateResponseSchema>;

/** `POST /v1/rules/test`'s outer shape; the rule and the turn inside are checked by their own validators (worded problems). */
const RuleTestEnvelope = z.strictObject({ rule: z.unknown().optional(), turn: z.unknown().optional() });

const evaluateRoute = createRoute({
  method: 'post',
  path: '/v1/conversations/{conversationId}/evaluate',
  tags: ['Rules'],
  summary: 'Should this turn go to a human? Evaluate the escalation rules',
  description:
    'Answers with the decision (hand off, suggest only, or not), the rule, reason code, routing, the localized handoff message and the ' +
    'trace of every condition. With `startHandoff`, a handoff decision also starts the handoff (as POST /v1/handoffs; send an Idempotency-Key). ' +
    'The key covers the whole request (conversation, `turn` and `startHandoff`): once it started a handoff, the same request returns the ' +
    'first answer (decision and session, header `Idempotent-Replayed: true`) and any other request with it is a 422 `idempotency_key_reused`. ' +
    'A request without `startHandoff`, or one whose decision started nothing, stores nothing under the key.',
  security,
  request: {
    params: z.object({ conversationId: z.string().min(1).max(200) }),
    headers: z.object({ 'idempotency-key': z.string().max(255).optional().openapi({ description: 'With `startHandoff`: unique per turn evaluated; a handoff decision without one is a 400 `idempotency_key_required`.' }) }),
    body: { required: true, content: { 'application/json': { schema: EvaluateRequestSchema } } },
  },
  responses: {
    200: { description: 'The decision (and the session when a handoff was started)', headers: idempotentReplayedHeader, content: { 'application/json': { schema: EvaluateResponseSchema } } },
    ...commonErrors,
    422: errorResponse(`${commonErrors[422].description}; the Idempotency-Key already started a handoff for another request (\`idempotency_key_reused\`)`),
  },
});

const instructionsRoute = createRoute({
  method: 'get',
  path: '/v1/agents/{id}/handoff-instructions',
  tags: ['Rules'],
  summary: 'The rules as "when to use" text for the LLM prompt',
  security,
  request: { params: z.object({ id: z.string().min(1).max(100) }) },
  responses: {
    200: { description: 'Instructions', content: { 'application/json': { schema: z.object({ instructions: z.string() }) } } },
    ...commonErrors,
    404: errorResponse('`agent_not_found`'),
  },
});

/** Evaluation for platforms, rule administration for the agent's own key (`/v1/rules`). */
/** The schedule the relay computes `business_hours` with (the account's default Zendesk schedule); null = unknown. */
export type BusinessHoursFor = (tenantId: string, agentId: string) => Promise<BusinessSchedule | null>;

export function registerRuleRoutes(app: OpenAPIHono<AuthEnv>, db: Database, onCommitted: () => void, businessHoursFor?: BusinessHoursFor) {
  const seen = conversationSeenCache();
  documentRuleRoutes(app);
  app.openapi(evaluateRoute, async (c) => {
    const caller = c.get('caller');
    const body = c.req.valid('json');
    const { conversationId } = c.req.valid('param');
    const key = c.req.valid('header')['idempotency-key'];
    // The key guards the handoff start, so only a request that may start one is held to it (nothing is stored for
    // the others: evaluating again is harmless). A stored answer is replayed as it was, without evaluating again:
    // the rules may have changed since, and a retry must not get another decision than the session it started.
    const request = { conversationId, ...body };
    if (body.startHandoff && key) {
      const stored = await findStoredHandoff(db, caller.agentId, key, evaluateRequestHash(request));
      if (stored) {
        c.header('Idempotent-Replayed', 'true');
        // Stored as this route answered it (the same schema).
        return c.json({ decision: stored.decision, session: stored.body.session, created: stored.body.created } as EvaluateResponse, 200);
      }
    }
    const agent = await findAgent(db, caller.agentId);
    const rules = await listRules(db, caller.agentId);
    // Read only when some rule asks and the platform did not say: a Zendesk read is not free.
    const wantsHours = body.turn.businessHours === undefined && businessHoursFor && JSON.stringify(rules).includes('"business_hours"');
    const schedule = wantsHours ? await businessHoursFor(caller.tenantId, caller.agentId) : null;
    const decision = evaluate(rules, body.turn, { handoffEnabled: agent?.handoffEnabled !== false, ...(schedule ? { isOpenAt: (at: Date) => isOpen(schedule, at) } : {}) });
    await seen.record(db, { ...caller, conversationId });
    if (!decision.handoff || !body.startHandoff) return c.json({ decision }, 200);
    if (!key) throw new BatonError('idempotency_key_required');
    const routing = decision.routing ?? {};
    const start = body.startHandoff;
    const result = await createHandoff(
      db,
      caller,
      key,
      {
        ...start,
        conversationId,
        reason: { code: decision.reasonCode as never, ...(start.reason.text ? { text: start.reason.text } : {}) },
        priority: routing.priority ?? start.priority,
        tags: [...new Set([...start.tags, ...(routing.tags ?? [])])],
        handoffMessage: start.handoffMessage ?? decision.message ?? undefined,
      },
      { rule: decision.rule, triggerName: body.turn.trigger?.name ?? null, routing, decision, request },
    );
    onCommitted();
    // A concurrent twin with this key committed first: its answer is the one.
    if (result.replayed) c.header('Idempotent-Replayed', 'true');
    return c.json({ decision: result.replayed ? result.decision : decision, session: result.body.session, created: result.body.created } as EvaluateResponse, 200);
  });

  app.openapi(instructionsRoute, async (c) => {
    const id = c.req.valid('param').id;
    if (id !== c.get('caller').agentId) throw new BatonError('agent_not_found');
    const agent = await findAgent(db, id);
    return c.json({ instructions: renderHandoffInstructions(await listRules(db, id), agent?.handoffEnabled !== false) }, 200);
  });

  const problems = (input: unknown) => {
    const v = validateRule(input);
    // A problem with the whole body (not an object) has an empty path: no ": " before its message.
    if (!v.ok) throw new BatonError('validation_failed', [v.problems[0]!.path, v.problems[0]!.message].filter(Boolean).join(': '), { issues: v.problems });
    return v.rule;
  };
  const json = async (c: { req: { json: () => Promise<unknown> } }) => c.req.json().catch(() => {
    throw new BatonError('invalid_json');
  });

  app.get('/v1/rules', async (c) => c.json({ rules: await listRules(db, c.get('caller').agentId) }));
  app.get('/v1/rules/fields', (c) => {
    const body: z.infer<typeof FieldsResponseSchema> = {
      fields: Object.entries(FIELDS).map(([name, f]) => ({ name, type: f.type, description: f.describe })),
      prefixes: ['customer.', 'metadata.', 'trigger.payload.'],
    };
    return c.json(body);
  });
  app.post('/v1/rules', async (c) => {
    const input = problems(await json(c));
    return c.json({ rule: await db.transaction((tx) => insertRule(tx, c.get('caller').agentId, input)) }, 201);
  });
  app.put('/v1/rules/:ruleId', async (c) => {
    const input = problems(await json(c));
    const rule = await db.transaction((tx) => updateRule(tx, c.get('caller').agentId, c.req.param('ruleId'), input));
    if (!rule) throw new BatonError('not_found', 'No such rule.');
    return c.json({ rule });
  });
  app.delete('/v1/rules/:ruleId', async (c) => {
    if (!(await db.transaction((tx) => deleteRule(tx, c.get('caller').agentId, c.req.param('ruleId'))))) throw new BatonError('not_found', 'No such rule.');
    return c.body(null, 204);
  });
  app.post('/v1/rules/reorder', async (c) => {
    const parsed = ReorderRulesSchema.safeParse(await json(c));
    // Worded like every other validation error (path first, details.issues): "send {ids: [...]}" told a caller who had
    // sent ids with a null or an over-long one nothing about which.
    if (!parsed.success) throw new BatonError('validation_failed', validationMessage(parsed.error), validationDetails(parsed.error));
    return c.json({ rules: await db.transaction((tx) => reorderRules(tx, c.get('caller').agentId, parsed.data.ids)) });
  });
  app.post('/v1/rules/test', async (c) => {
    // The document promises an object; `null`, `[]` or `"x"` must not quietly test the saved rules on an empty turn.
    const envelope = RuleTestEnvelope.safeParse(await json(c));
    if (!envelope.success) throw new BatonError('validation_failed', validationMessage(envelope.error), validationDetails(envelope.error));
    const body = envelope.data;
    const turn = TurnSchema.safeParse(body.turn ?? {});
    if (!turn.success) throw new BatonError('validation_failed', 'turn: not a valid turn', { issues: turn.error.issues });
    const rules: Rule[] = body.rule !== undefined ? [{ ...problems(body.rule), id: 'candidate', position: 1 }] : await listRules(db, c.get('caller').agentId);
    return c.json({ decision: evaluate(rules, turn.data) });
  });
}
