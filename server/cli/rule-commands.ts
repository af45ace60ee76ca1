import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { evaluate } from '../rules/evaluate.js';
import { TurnSchema } from '../rules/schema.js';
import { validateRule } from '../rules/validate.js';
import { insertRule, listRules, reorderRules, updateRule } from '../store/rules.js';
import { findAgent } from '../store/tenants.js';
import { CommandFailed, define, str, table, type CliContext, type Command } from './command-kit.js';

/**
 * A mistyped agent id is not an agent with the default rules: listRules answers the defaults for any id, so rules:list,
 * rules:test, rules:reorder and rules:enable used to print them (or "disabled") and exit 0 with nothing stored.
 */
async function requireAgent(ctx: CliContext, agentId: string): Promise<void> {
  if (!(await findAgent(ctx.db, agentId))) throw new CommandFailed(`No AI agent ${agentId} (see agent:list)`);
}

/** `npm run baton -- rules:*`: an AI agent's escalation rules. */
export const RULE_COMMANDS: Record<string, Command> = {
  'rules:list': define({
    summary: "List an AI agent's escalation rules in order",
    usage: '--agent <id>',
    options: z.object({ agent: str }),
    async run(ctx, o) {
      await requireAgent(ctx, o.agent);
      const rules = await listRules(ctx.db, o.agent);
      ctx.print(table(rules.map((r) => ({ pos: r.position, id: r.id, name: r.name, enabled: r.enabled, action: `${r.action.type}:${r.action.reasonCode}` }))));
    },
  }),
  'rules:add': define({
    summary: 'Add a rule from a JSON file ({"name","conditions":{"all","any"},"action"}); errors point at the condition',
    usage: '--agent <id> --file rule.json',
    options: z.object({ agent: str, file: str }),
    async run(ctx, o) {
      await requireAgent(ctx, o.agent);
      const v = validateRule(JSON.parse(readFileSync(o.file, 'utf8')));
      if (!v.ok) throw new CommandFailed(v.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
      const rule = await ctx.db.transaction((tx) => insertRule(tx, o.agent, v.rule));
      ctx.print(`Added rule ${rule.id} at position ${rule.position}`);
    },
  }),
  'rules:enable': define({
    summary: 'Enable or disable a rule',
    usage: '--agent <id> --rule <id> --on|--off',
    options: z.object({ agent: str, rule: str, on: z.boolean().optional(), off: z.boolean().optional() }).refine((o) => o.on !== o.off, 'give --on or --off'),
    async run(ctx, o) {
      await requireAgent(ctx, o.agent);
      const current = (await listRules(ctx.db, o.agent)).find((r) => r.id === o.rule);
      if (!current) throw new Error(`no rule ${o.rule} (defaults get ids once an admin changes the rules: run rules:list)`);
      await ctx.db.transaction((tx) => updateRule(tx, o.agent, o.rule, { ...current, enabled: Boolean(o.on) }));
      ctx.print(`${current.name}: ${o.on ? 'enabled' : 'disabled'}`);
    },
  }),
  'rules:reorder': define({
    summary: 'Move rules to the top, in the given order',
    usage: '--agent <id> --ids rul_a,rul_b',
    options: z.object({ agent: str, ids: str }),
    async run(ctx, o) {
      await requireAgent(ctx, o.agent);
      const rules = await ctx.db.transaction((tx) => reorderRules(tx, o.agent, o.ids.split(',')));
      ctx.print(rules.map((r) => `${r.position}. ${r.name}`).join('\n'));
    },
  }),
  'rules:test': define({
    summary: 'Evaluate the rules against a sample message and show which condition matched',
    usage: '--agent <id> --text "I want a human" [--confidence 0.3] [--language de]',
    options: z.object({ agent: str, text: str, confidence: z.coerce.number().min(0).max(1).optional(), language: str.optional() }),
    async run(ctx, o) {
      await requireAgent(ctx, o.agent);
      const turn = TurnSchema.parse({ text: o.text, language: o.language, signals: o.confidence === undefined ? {} : { confidence: o.confidence } });
      const d = evaluate(await listRules(ctx.db, o.agent), turn);
      ctx.print(d.rule ? `${d.handoff ? 'HAND OFF' : 'SUGGEST'} by "${d.rule.name}" (reason ${d.reasonCode})${d.message ? `: ${d.message}` : ''}` : 'No rule matched: the AI keeps the conversation.');
      for (const r of d.trace) ctx.print(`  ${r.matched ? '✔' : '·'} ${r.name}${r.skipped ? ' (disabled)' : ''}: ${r.conditions.map((c) => `${c.field} ${c.operator}${c.expected === undefined ? '' : ` ${JSON.stringify(c.expected)}`} → ${c.skipped ? 'skipped' : c.matched}`).join(', ')}`);
    },
  }),
};
