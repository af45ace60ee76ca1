import { z } from 'zod';

/**
 * What the relay does while a customer waits, per AI agent (`ai_agents.waiting_settings`). A session
 * copies the policy when its ticket is created, so a change applies to sessions created after it —
 * never to a timer already running.
 *
 * Defaults and why:
 * - both timers OFF (`minutes: null`) until an admin sets them: the right N is the team's own response
 *   target, which Baton cannot guess, and an upgrade must not start tagging, re-prioritising or
 *   returning tickets by itself. What is on by default costs nothing to anyone: the handoff message
 *   with business hours and the wait estimate.
 * - when switched on, the no-agent timeout counts business hours (`businessHours: true`): a Friday-evening
 *   handoff should not "time out" over a weekend when nobody could answer anyway. Suggested: 30 minutes.
 * - action `keep_waiting`: the only action that changes nothing in Zendesk; `raise_priority` and
 *   `return_to_ai` are deliberate choices.
 * - agent-silent nudge: tag `baton_agent_silent` (a view can collect them) and a private note.
 *   Suggested: 15 minutes of wall time (the agent owns the conversation already); a team that leaves chats
 *   open overnight can count business minutes instead (`agentSilent.businessHours`, off by default).
 * - wait estimate from at least 5 first replies: a median of fewer is mostly noise.
 */
export const NO_AGENT_ACTIONS = ['keep_waiting', 'raise_priority', 'return_to_ai'] as const;
export type NoAgentAction = (typeof NO_AGENT_ACTIONS)[number];

const Tag = z.string().regex(/^[a-z0-9_\-:]{1,80}$/, 'a Zendesk tag: lower case letters, digits, _ - :');

export const NoAgentTimeoutSchema = z.object({
  /** null switches the timeout off. */
  minutes: z.number().int().min(1).max(10_080).nullable(),
  businessHours: z.boolean(),
  action: z.enum(NO_AGENT_ACTIONS),
  /** raise_priority: the priority the ticket gets. */
  priority: z.enum(['high', 'urgent']),
  /** raise_priority / return_to_ai: tag added to the ticket. */
  tag: Tag,
});

export const WaitingSettingsSchema = z.object({
  /** Use the Zendesk account's business hours (schedules and holidays). Off: always open. */
  useBusinessHours: z.boolean(),
  noAgentTimeout: NoAgentTimeoutSchema,
  /** Per rule id: a different no-agent timeout when that rule started the handoff. */
  ruleOverrides: z.record(z.string().max(100), NoAgentTimeoutSchema.partial()).refine((r) => Object.keys(r).length <= 200, 'at most 200 rule overrides'),
  agentSilent: z.object({
    minutes: z.number().int().min(1).max(10_080).nullable(),
    /** Count the minutes in business hours (needs a schedule): a line written at closing time waits for the morning. */
    businessHours: z.boolean(),
    tag: Tag.nullable(),
    note: z.boolean(),
  }),
  /**
   * Zendesk group id → schedule id. Zendesk's API does not say which schedule a group works to (schedules
   * reach tickets through triggers), so an account with several schedules maps its groups here; a group
   * not listed (or no group) uses the default schedule, the first Zendesk lists.
   */
  scheduleByGroup: z.record(z.string().regex(/^\d{1,20}$/), z.string().regex(/^\d{1,20}$/)).refine((r) => Object.keys(r).length <= 500, 'at most 500 groups'),
  /** Fewest first replies behind a wait estimate; fewer → `estimatedWaitSeconds: null`. */
  estimateMinSamples: z.number().int().min(1).max(1_000),
});
export type WaitingSettings = z.infer<typeof WaitingSettingsSchema>;
export type NoAgentTimeout = z.infer<typeof NoAgentTimeoutSchema>;

export const DEFAULT_WAITING_SETTINGS: WaitingSettings = Object.freeze({
  useBusinessHours: true,
  noAgentTimeout: { minutes: null, businessHours: true, action: 'keep_waiting', priority: 'high', tag: 'baton_no_agent' },
  ruleOverrides: {},
  agentSilent: { minutes: null, businessHours: false, tag: 'baton_agent_silent', note: true },
  scheduleByGroup: {},
  estimateMinSamples: 5,
}) as WaitingSettings;

/** Stored settings as a partial: unknown keys (a newer version's, read after a rollback) are dropped, at every depth. */
const StoredWaitingSettingsSchema = z
  .object({
    useBusinessHours: z.boolean(),
    noAgentTimeout: NoAgentTimeoutSchema.partial(),
    ruleOverrides: WaitingSettingsSchema.shape.ruleOverrides,
    agentSilent: WaitingSettingsSchema.shape.agentSilent.partial(),
    scheduleByGroup: WaitingSettingsSchema.shape.scheduleByGroup,
    estimateMinSamples: WaitingSettingsSchema.shape.estimateMinSamples,
  })
  .partial();

const NoAgentTimeoutPatchSchema = NoAgentTimeoutSchema.partial().strict();

/**
 * A partial update (API/CLI/app): objects merge one level deep, so `{agentSilent: {minutes: 5}}` keeps the tag.
 * Strict at every depth: a misspelt setting (`noAgentTimeout.minuts`) is refused by name, never saved as "no change".
 */
export const WaitingSettingsPatchSchema = z
  .strictObject({
    useBusinessHours: z.boolean(),
    noAgentTimeout: NoAgentTimeoutPatchSchema,
    ruleOverrides: z.record(z.string().max(100), NoAgentTimeoutPatchSchema).refine((r) => Object.keys(r).length <= 200, 'at most 200 rule overrides'),
    agentSilent: WaitingSettingsSchema.shape.agentSilent.partial().strict(),
    scheduleByGroup: WaitingSettingsSchema.shape.scheduleByGroup,
    estimateMinSamples: WaitingSettingsSchema.shape.estimateMinSamples,
  })
  .partial();
export type WaitingSettingsPatch = z.infer<typeof WaitingSettingsPatchSchema>;

/** Stored JSON (maybe from an older or newer version, maybe partial) → full settings; unknown or bad parts fall back to defaults. */
export function readWaitingSettings(stored: unknown): WaitingSettings {
  const patch = StoredWaitingSettingsSchema.safeParse(stored ?? {});
  // Part by part, not all or nothing: a key a newer version wrote (read after a rollback) or one value an older version
  // allowed must not reset the rest, which would switch an agent's timers off without a word.
  return applyWaitingPatch(DEFAULT_WAITING_SETTINGS, patch.success ? patch.data : salvage(StoredWaitingSettingsSchema, stored));
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields of `value` the object schema accepts one by one; an object field that fails whole is salvaged the same way. */
function salvage(schema: z.ZodObject, value: unknown): Record<string, unknown> {
  if (!isRecord(value)) return {};
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape) as Array<[string, z.ZodType]>) {
    if (value[key] === undefined) continue;
    const parsed = field.safeParse(value[key]);
    if (parsed.success) out[key] = parsed.data;
    else if (key === 'noAgentTimeout') out[key] = salvage(NoAgentTimeoutSchema, value[key]);
    else if (key === 'agentSilent') out[key] = salvage(WaitingSettingsSchema.shape.agentSilent, value[key]);
  }
  return out;
}

export function applyWaitingPatch(current: WaitingSettings, patch: WaitingSettingsPatch): WaitingSettings {
  return WaitingSettingsSchema.parse({
    ...current,
    ...patch,
    noAgentTimeout: { ...current.noAgentTimeout, ...patch.noAgentTimeout },
    agentSilent: { ...current.agentSilent, ...patch.agentSilent },
  });
}

/** The no-agent timeout for a session: the agent's, overridden by the rule that started the handoff. */
export function noAgentTimeoutFor(settings: WaitingSettings, ruleId: string | null): NoAgentTimeout {
  const override = ruleId ? settings.ruleOverrides[ruleId] : undefined;
  return { ...settings.noAgentTimeout, ...override };
}
