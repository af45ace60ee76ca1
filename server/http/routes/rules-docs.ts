import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { RuleInputSchema, TurnSchema } from '../../rules/schema.js';
import type { AuthEnv } from '../auth.js';
import { DecisionSchema } from '../decision-schema.js';
import { commonErrors, errorResponse, security } from './common.js';

/** `POST /v1/rules/reorder`: the handler parses with this very schema. */
export const ReorderRulesSchema = z.strictObject({ ids: z.array(z.string().max(100)).max(500) }).openapi('ReorderRules');
/** `POST /v1/rules/test`: a candidate rule (or, without one, the saved rules) against a sample turn. */
export const RuleTestRequestSchema = z.strictObject({ rule: RuleInputSchema.optional(), turn: TurnSchema.optional() }).openapi('RuleTestRequest');
export const FieldsResponseSchema = z
  .object({
    fields: z.array(z.object({ name: z.string(), type: z.enum(['text', 'number', 'boolean', 'list', 'any']), description: z.string() })),
    /** Open-ended fields: anything under these prefixes reads the turn's own data. */
    prefixes: z.array(z.string()),
  })
  .openapi('RuleFields');

// Built from RuleInputSchema's own shape: rules/schema.ts uses plain zod, whose schemas lack `.openapi()` when loaded
// before @hono/zod-openapi (as in tests that import the rules first), so the named wrappers are made here.
const RuleInputDoc = z.strictObject(RuleInputSchema.shape).openapi('RuleInput');
const RuleSchema = z.object({ ...RuleInputSchema.shape, id: z.string(), position: z.number().int() }).openapi('Rule');
const RuleIdParam = z.object({ ruleId: z.string().min(1).max(100).openapi({ param: { name: 'ruleId', in: 'path' }, example: 'rul_0m3k2x9a1f…' }) });
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const ruleBody = { required: true, ...json(RuleInputDoc) };
const notFound = errorResponse('No such rule (`not_found`)');
const decision = z.object({ decision: DecisionSchema });

const RULE_ROUTES = [
  createRoute({
    method: 'get', path: '/v1/rules', tags: ['Rules'], security,
    summary: "This AI agent's escalation rules, in the order they are tried",
    description: 'An agent that never had rules gets the default set the first time its rules are read or evaluated.',
    responses: { 200: { description: 'The rules', ...json(z.object({ rules: z.array(RuleSchema) })) }, ...commonErrors },
  }),
  createRoute({
    method: 'post', path: '/v1/rules', tags: ['Rules'], security,
    summary: 'Add a rule (tried after the existing ones)',
    request: { body: ruleBody },
    responses: { 201: { description: 'The new rule', ...json(z.object({ rule: RuleSchema })) }, ...commonErrors },
  }),
  createRoute({
    method: 'put', path: '/v1/rules/{ruleId}', tags: ['Rules'], security,
    summary: 'Replace a rule (name, enabled, conditions, action); its position stays',
    request: { params: RuleIdParam, body: ruleBody },
    responses: { 200: { description: 'The rule as saved', ...json(z.object({ rule: RuleSchema })) }, ...commonErrors, 404: notFound },
  }),
  createRoute({
    method: 'delete', path: '/v1/rules/{ruleId}', tags: ['Rules'], security,
    summary: 'Delete a rule',
    request: { params: RuleIdParam },
    responses: { 204: { description: 'Deleted' }, ...commonErrors, 404: notFound },
  }),
  createRoute({
    method: 'post', path: '/v1/rules/reorder', tags: ['Rules'], security,
    summary: 'Put rules in a new order: the ids given come first, in that order; the others follow in their old order',
    description:
      'Every id must be one of this AI agent\'s rules, given once. While the agent still has the unsaved default set, GET /v1/rules ' +
      'lists their `default-*` ids and those are accepted; once the defaults were copied in (first change), a `default-*` id ' +
      'still names its copy, so a page loaded before the copy keeps working (naming the same rule by both ids is a repeat).',
    request: { body: { required: true, ...json(ReorderRulesSchema) } },
    responses: {
      200: { description: 'The rules in their new order', ...json(z.object({ rules: z.array(RuleSchema) })) },
      ...commonErrors,
      422: errorResponse(
        `${commonErrors[422].description}. Also an id that is none of this agent's rules (a typo, another agent's rule, a deleted one) or an id given twice: \`validation_failed\`, ` +
          `nothing is reordered; \`details.unknownIds\` and \`details.duplicateIds\` list them as sent, \`details.issues\` has each with its path (\`ids.2\`)`,
      ),
    },
  }),
  createRoute({
    method: 'post', path: '/v1/rules/test', tags: ['Rules'], security,
    summary: 'Try a candidate rule, or the saved rules, on a sample turn without saving or starting anything',
    request: { body: { required: true, ...json(RuleTestRequestSchema) } },
    responses: { 200: { description: 'The decision with every condition\'s result', ...json(decision) }, ...commonErrors },
  }),
  createRoute({
    method: 'get', path: '/v1/rules/fields', tags: ['Rules'], security,
    summary: 'The fields a condition may test, with their types',
    responses: { 200: { description: 'Fields and open-ended prefixes', ...json(FieldsResponseSchema) }, ...commonErrors },
  }),
];

/**
 * The rule administration routes parse their bodies themselves (validateRule names the offending condition
 * in words), so they are documented here with the same schemas rather than validated by the OpenAPI layer.
 */
export function documentRuleRoutes(app: OpenAPIHono<AuthEnv>): void {
  for (const route of RULE_ROUTES) app.openAPIRegistry.registerPath(route);
}
