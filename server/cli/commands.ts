import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { CallbackUrlSchema } from '../core/callback-url.js';
import type { Database } from '../db/database.js';
import { MAX_WEBHOOK_SECRET_OVERLAP_HOURS, WEBHOOK_SECRET_OVERLAP_HOURS } from '../core/webhook-secret-overlap.js';
import {
  configureAgent,
  connectZendesk,
  createAgent,
  createApiKey,
  createTenant,
  checkTenantZendesk,
  provisionTenantZendesk,
  rotateAppSecret,
  rotateWebhookSecret,
  storeZendeskWebhookSecret,
  storeZendeskWebhookToken,
} from '../relay/admin.js';
import { listDeliveries, replayDead } from '../store/deliveries.js';
import { listSessions } from '../store/sessions.js';
import { CONNECT_LINK_TTL_MS, connectLinkToken } from '../zendesk/oauth-routes.js';
import { findAgent, findTenant, listAgents, listTenants, revokeApiKey } from '../store/tenants.js';
import { BatonError } from '../core/errors.js';
import { checkZendeskConnection } from '../zendesk/check-connection.js';
import { INSIGHTS_COMMANDS } from './insights-commands.js';
import { RULE_COMMANDS } from './rule-commands.js';
import { TENANT_SETTINGS_COMMANDS } from './tenant-settings-commands.js';
import { WAITING_COMMANDS } from './waiting-commands.js';
import { CommandFailed, define, onOff, str, table, type CliContext, type Command, type Options } from './command-kit.js';
import { SESSION_STATES } from '../core/session-machine.js';
export type { CliContext } from './command-kit.js';

/**
 * A filter naming a tenant or AI agent that does not exist is a typo, not an empty result: the lists used to print
 * "(none)" (and deliveries:replay "Requeued 0") with exit 0, as for a tenant with nothing to show.
 */
async function requireFilters(ctx: CliContext, o: { tenant?: string | undefined; agent?: string | undefined }): Promise<void> {
  if (o.tenant && !(await findTenant(ctx.db, o.tenant))) throw new CommandFailed(`No tenant ${o.tenant} (see tenant:list)`);
  if (o.agent && !(await findAgent(ctx.db, o.agent))) throw new CommandFailed(`No AI agent ${o.agent} (see agent:list)`);
}

/** Operator commands: `npm run baton -- <command> [--option value]`. */
export const COMMANDS: Record<string, Command> = {
  'tenant:create': define({
    summary: 'Create a tenant (one Zendesk account)',
    usage: '--name "Acme" [--zendesk-subdomain acme]',
    options: z.object({ name: str, 'zendesk-subdomain': str.optional() }),
    async run(ctx, o) {
      const t = await createTenant(ctx.db, { name: o.name, ...(o['zendesk-subdomain'] ? { zendeskSubdomain: o['zendesk-subdomain'] } : {}) });
      ctx.print(`Created tenant ${t.id} (${t.name})`);
      ctx.print(`Next: npm run baton -- agent:create --tenant ${t.id} --name "Support bot" --callback-url https://…`);
    },
  }),
  'tenant:list': define({
    summary: 'List tenants',
    usage: '',
    options: z.object({}),
    async run(ctx) {
      const rows = await listTenants(ctx.db);
      ctx.print(table(rows.map((t) => ({ id: t.id, name: t.name, zendesk: t.zendeskBaseUrl ?? t.zendeskSubdomain ?? '-', connected: Boolean(t.zendeskCredentialsEnc) }))));
    },
  }),
  'tenant:connect-zendesk': define({
    summary: 'Store Zendesk credentials for a tenant (API token = development only; retired by Zendesk on 2027-04-30)',
    usage: '--tenant <id> (--subdomain acme | --base-url http://127.0.0.1:4580) (--email a@b.c --api-token T | --access-token T)',
    options: z
      .object({ tenant: str, subdomain: str.optional(), 'base-url': z.url().optional(), email: z.email().optional(), 'api-token': str.optional(), 'access-token': str.optional() })
      .refine((o) => o.subdomain || o['base-url'], 'give --subdomain or --base-url')
      .refine((o) => (o.email && o['api-token']) || o['access-token'], 'give --email with --api-token, or --access-token'),
    async run(ctx, o) {
      const credentials = o['access-token']
        ? ({ type: 'oauth', accessToken: o['access-token'] } as const)
        : ({ type: 'api_token', email: o.email!, token: o['api-token']! } as const);
      if (!(await findTenant(ctx.db, o.tenant))) throw new BatonError('tenant_not_found');
      // The same proof as tenant:check-zendesk, before anything is stored: a token Zendesk refuses would otherwise
      // sit there while every delivery fails with nothing telling the admin why.
      const baseUrl = (o['base-url'] ?? `https://${o.subdomain}.zendesk.com`).replace(/\/$/, '');
      const report = await checkZendeskConnection(baseUrl, credentials);
      if (!report.ok) throw new BatonError('validation_failed', `Nothing was stored: ${report.message}`);
      await connectZendesk(ctx.db, ctx.masterKey, o.tenant, { subdomain: o.subdomain ?? null, baseUrl: o['base-url'] ?? null, credentials });
      ctx.print(`Zendesk connection stored for ${o.tenant} (${credentials.type === 'api_token' ? 'API token: development only' : 'OAuth token'}): ${report.message}`);
    },
  }),
  'tenant:connect-link': define({
    summary: 'Print a link (valid 30 min) that connects the tenant to Zendesk with OAuth (needs ZENDESK_CLIENT_ID/SECRET)',
    usage: '--tenant <id> --zendesk <subdomain or base URL>',
    options: z.object({ tenant: str, zendesk: str }),
    async run(ctx, o) {
      // The link would otherwise be handed to a Zendesk admin and fail only after they signed in.
      if (!(await findTenant(ctx.db, o.tenant))) throw new BatonError('tenant_not_found');
      // Without an OAuth client the relay answers the link with a bare 409 JSON: the Zendesk admin, not the operator,
      // found out, after the link had been sent.
      if (ctx.zendeskOAuth === false) {
        throw new CommandFailed('No link printed: this relay has no Zendesk OAuth client. Set ZENDESK_CLIENT_ID and ZENDESK_CLIENT_SECRET (see "Zendesk" in README) and restart it.');
      }
      const token = connectLinkToken(ctx.masterKey, o.tenant, o.zendesk, Date.now() + CONNECT_LINK_TTL_MS);
      ctx.print(`Open as a Zendesk admin: ${ctx.publicBaseUrl}/zendesk/oauth/start?link=${token}`);
    },
  }),
  'tenant:app-secret': define({
    summary: "Generate the shared secret to paste into the Zendesk app's settings (signs its requests)",
    usage: '--tenant <id>',
    options: z.object({ tenant: str }),
    async run(ctx, o) {
      ctx.print(`App shared secret (paste into the app's "Shared secret" setting; shown once): ${await rotateAppSecret(ctx.db, ctx.masterKey, o.tenant)}`);
      ctx.print(`Relay URL setting: ${ctx.publicBaseUrl}   Tenant setting: ${o.tenant}`);
    },
  }),
  'tenant:check-zendesk': define({
    summary: "Prove the tenant's Zendesk credentials work (and say what is missing)",
    usage: '--tenant <id>',
    options: z.object({ tenant: str }),
    async run(ctx, o) {
      const report = await checkTenantZendesk(ctx.db, ctx.masterKey, o.tenant);
      if (!report.ok) throw new CommandFailed(`PROBLEM: ${report.message}`);
      ctx.print(`OK: ${report.message}`);
    },
  }),
  'tenant:provision-zendesk': define({
    summary: "Create or repair the relay's webhook and triggers in the tenant's Zendesk (idempotent)",
    usage: '--tenant <id>   (uses PUBLIC_BASE_URL for the webhook endpoint)',
    options: z.object({ tenant: str }),
    async run(ctx, o) {
      const r = await provisionTenantZendesk(ctx.db, ctx.masterKey, o.tenant, ctx.publicBaseUrl);
      ctx.print(`Webhook ${r.webhookId} → ${ctx.publicBaseUrl}/zendesk/webhooks/${o.tenant}`);
      ctx.print(r.created.length + r.updated.length === 0 ? 'Everything was already in place.' : [...r.created.map((c) => `created ${c}`), ...r.updated.map((u) => `repaired ${u}`)].join('\n'));
    },
  }),
  'tenant:zendesk-webhook-secret': define({
    summary: "Store the signing secret of a hand-made Zendesk webhook (GET /api/v2/webhooks/{id}/signing_secret) and its bearer token",
    usage: '--tenant <id> --secret <signing secret> [--bearer-token <token>]   (without one, a token is generated and printed)',
    options: z.object({ tenant: str, secret: str, 'bearer-token': z.string().min(16).max(200).optional() }),
    async run(ctx, o) {
      const token = o['bearer-token'] ?? randomBytes(24).toString('base64url');
      await storeZendeskWebhookSecret(ctx.db, ctx.masterKey, o.tenant, o.secret);
      await storeZendeskWebhookToken(ctx.db, o.tenant, token);
      ctx.print(`Zendesk webhook signing secret stored for ${o.tenant}; point the webhook at /zendesk/webhooks/${o.tenant}`);
      if (!o['bearer-token']) ctx.print(`Set the webhook's authentication to "Bearer token" with this token (shown once): ${token}`);
    },
  }),
  'agent:create': define({
    summary: 'Create an AI agent (one AI platform connection) and print its webhook signing secret',
    usage: '--tenant <id> --name "Support bot" [--callback-url https://…]',
    options: z.object({ tenant: str, name: str, 'callback-url': CallbackUrlSchema.optional() }),
    async run(ctx, o) {
      const a = await createAgent(ctx.db, ctx.masterKey, { tenantId: o.tenant, name: o.name, callbackUrl: o['callback-url'] ?? null });
      ctx.print(`Created AI agent ${a.agentId}`);
      ctx.print(`Webhook signing secret (verify webhook-signature with it): ${a.webhookSecret}`);
      ctx.print(`Next: npm run baton -- key:create --agent ${a.agentId}`);
    },
  }),
  'agent:update': define({
    summary: 'Change callback URL, name or the handoff toggle of an AI agent',
    usage: '--agent <id> [--callback-url https://…] [--handoff on|off] [--name …]',
    options: z.object({ agent: str, 'callback-url': CallbackUrlSchema.optional(), handoff: onOff.optional(), name: str.optional() }),
    async run(ctx, o) {
      const a = await configureAgent(ctx.db, o.agent, {
        ...(o['callback-url'] ? { callbackUrl: o['callback-url'] } : {}),
        ...(o.handoff !== undefined ? { handoffEnabled: o.handoff } : {}),
        ...(o.name ? { name: o.name } : {}),
      });
      ctx.print(table([{ id: a.id, name: a.name, callbackUrl: a.callbackUrl ?? '-', handoff: a.handoffEnabled ? 'on' : 'off' }]));
    },
  }),
  'agent:list': define({
    summary: 'List AI agents',
    usage: '[--tenant <id>]',
    options: z.object({ tenant: str.optional() }),
    async run(ctx, o) {
      await requireFilters(ctx, o);
      const rows = await listAgents(ctx.db, o.tenant);
      ctx.print(table(rows.map((a) => ({ id: a.id, tenant: a.tenantId, name: a.name, callbackUrl: a.callbackUrl ?? '-', handoff: a.handoffEnabled ? 'on' : 'off' }))));
    },
  }),
  ...RULE_COMMANDS,
  ...TENANT_SETTINGS_COMMANDS,
  ...WAITING_COMMANDS,
  ...INSIGHTS_COMMANDS,
  'key:create': define({
    summary: 'Issue an API key for an AI agent (shown once; stored hashed)',
    usage: '--agent <id> [--label "prod"]',
    options: z.object({ agent: str, label: str.optional() }),
    async run(ctx, o) {
      const k = await createApiKey(ctx.db, { agentId: o.agent, ...(o.label ? { label: o.label } : {}) });
      ctx.print(`API key (shown once, store it now): ${k.apiKey}`);
      ctx.print(`Key id: ${k.keyId}   Use: Authorization: Bearer ${k.apiKey.slice(0, 22)}…`);
    },
  }),
  'key:revoke': define({
    summary: 'Revoke an API key by its id',
    usage: '--key <key id>',
    options: z.object({ key: str }),
    async run(ctx, o) {
      // A typo must not pass for a revocation: scripts rotating a leaked key check the exit code.
      if (!(await revokeApiKey(ctx.db, o.key))) throw new CommandFailed(`No active key ${o.key} (already revoked, or not a key id: key:create printed it as "Key id")`);
      ctx.print(`Revoked ${o.key}`);
    },
  }),
  'secret:rotate': define({
    summary: "Rotate an AI agent's webhook signing secret (the previous one is still signed with for 24 h by default)",
    usage: `--agent <id> [--overlap-hours 0..${MAX_WEBHOOK_SECRET_OVERLAP_HOURS} (default ${WEBHOOK_SECRET_OVERLAP_HOURS}; 0 after a leak)]`,
    options: z.object({ agent: str, 'overlap-hours': z.coerce.number().int().min(0).max(MAX_WEBHOOK_SECRET_OVERLAP_HOURS).optional() }),
    async run(ctx, o) {
      const rotated = await rotateWebhookSecret(ctx.db, ctx.masterKey, o.agent, { overlapHours: o['overlap-hours'] });
      ctx.print(`New webhook signing secret: ${rotated.webhookSecret}`);
      ctx.print(
        rotated.previousUntil
          ? `Deliveries are signed with the previous secret too until ${rotated.previousUntil.toISOString()}: give the platform the new one before then.`
          : 'The previous secret is no longer signed with: deliveries verify with the new one only.',
      );
    },
  }),
  'sessions:list': define({
    summary: 'List sessions, newest first',
    usage: '[--tenant <id>] [--agent <id>] [--conversation <id>] [--state human] [--limit 50]',
    options: z.object({ tenant: str.optional(), agent: str.optional(), conversation: str.optional(), state: z.enum(SESSION_STATES).optional(), limit: z.coerce.number().int().min(1).max(1000).default(50) }),
    async run(ctx, o) {
      await requireFilters(ctx, o);
      const rows = await listSessions(ctx.db, {
        limit: o.limit,
        ...(o.tenant ? { tenantId: o.tenant } : {}),
        ...(o.agent ? { agentId: o.agent } : {}),
        ...(o.conversation ? { conversationId: o.conversation } : {}),
        ...(o.state ? { state: o.state } : {}),
      });
      ctx.print(table(rows.map((s) => ({ id: s.id, conversation: s.conversationId, state: s.state, v: s.version, ticket: s.ticketId ?? '-', reason: s.reasonCode, created: s.createdAt }))));
    },
  }),
  'deliveries:dead': define({
    summary: 'List dead-lettered deliveries',
    usage: '[--tenant <id>] [--limit 100]',
    options: z.object({ tenant: str.optional(), limit: z.coerce.number().int().min(1).max(10_000).default(100) }),
    async run(ctx, o) {
      await requireFilters(ctx, o);
      const rows = await listDeliveries(ctx.db, { status: 'dead', limit: o.limit, ...(o.tenant ? { tenantId: o.tenant } : {}) });
      ctx.print(table(rows.map((d) => ({ id: d.id, session: d.sessionId, kind: d.kind, attempts: d.attempts, status: d.lastStatus ?? '-', error: d.lastError ?? '-' }))));
    },
  }),
  'deliveries:replay': define({
    summary: 'Put dead deliveries back in the queue (one by id, a tenant, or all)',
    usage: '(--id <msg_…> | --tenant <id> | --all)',
    options: z.object({ id: str.optional(), tenant: str.optional(), all: z.boolean().optional() }).refine((o) => o.id || o.tenant || o.all, 'give --id, --tenant or --all'),
    async run(ctx, o) {
      await requireFilters(ctx, o);
      const n = await replayDead(ctx.db, { ...(o.id ? { id: o.id } : {}), ...(o.tenant ? { tenantId: o.tenant } : {}) });
      if (o.id && n === 0) throw new CommandFailed(`No dead delivery ${o.id} (see deliveries:dead)`);
      ctx.print(`Requeued ${n} deliver${n === 1 ? 'y' : 'ies'}`);
    },
  }),
};

export function helpText(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(24)} ${c.summary}\n  ${''.padEnd(24)} ${c.usage}`);
  return `Usage: npm run baton -- <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nThe CLI uses the same environment as the relay (DATA_DIR, DATABASE_URL, MASTER_KEY). While a relay holds the\nembedded database, commands run inside it through DATA_DIR/run/admin.sock.`;
}

/** Parses `--key value` / `--flag` pairs, validates them against the command's schema and runs it. */
export async function runCommand(ctx: CliContext, argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help' || name === '-h') {
    ctx.print(helpText());
    return name ? 0 : 64;
  }
  const command = COMMANDS[name];
  if (!command) {
    ctx.print(`Unknown command "${name}".\n\n${helpText()}`);
    return 64;
  }
  const options: Options = {};
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i]!;
    if (token === '--help' || token === '-h') {
      ctx.print(`${name}: ${command.summary}\nUsage: npm run baton -- ${name} ${command.usage}`);
      return 0;
    }
    if (!token.startsWith('--')) {
      ctx.print(`Unexpected argument "${token}". Usage: npm run baton -- ${name} ${command.usage}`);
      return 64;
    }
    const next = rest[i + 1];
    if (next === undefined || next.startsWith('--')) options[token.slice(2)] = true;
    else options[token.slice(2)] = rest[++i];
  }
  // zod drops keys it does not know, so a mistyped option (`--handof off`) ran the command without it and exited 0.
  const unknown = Object.keys(options).filter((key) => !Object.hasOwn(command.options.shape, key));
  if (unknown.length > 0) {
    ctx.print(`${name}: unknown option ${unknown.map((key) => `--${key}`).join(', ')}\nUsage: npm run baton -- ${name} ${command.usage}`);
    return 64;
  }
  const parsed = command.options.safeParse(options);
  if (!parsed.success) {
    ctx.print(`${name}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; ')}\nUsage: npm run baton -- ${name} ${command.usage}`);
    return 64;
  }
  try {
    await command.run(ctx, parsed.data as never);
  } catch (error) {
    if (!(error instanceof CommandFailed)) throw error;
    ctx.print(error.message);
    return 1;
  }
  return 0;
}
