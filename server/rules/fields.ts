import { detectHumanRequest, explainHumanRequest } from './detect-human-request.js';
import type { Turn } from './schema.js';

/** What a field reads from a turn; `undefined` = not present. */
export type FieldType = 'text' | 'number' | 'boolean' | 'list' | 'any';

export interface EvaluationContext {
  /** The AI agent's handoff toggle: off switches every rule off. */
  handoffEnabled?: boolean;
  /** Business hours: weekday (0 = Sunday) → [openMinute, closeMinute) in `timeZone`. */
  businessHours?: { timeZone: string; days: Partial<Record<number, [number, number]>> };
  /** Business hours from the account's Zendesk schedule (holidays, DST): used when `businessHours` is not given. */
  isOpenAt?: (at: Date) => boolean;
  now?: Date;
}

const LOW_CONFIDENCE = 0.4;
const NEGATIVE_SENTIMENT = -0.5;
const REPEATED_FALLBACKS = 2;

function path(obj: unknown, keys: string[]): unknown {
  let cur = obj;
  for (const k of keys) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

function inBusinessHours(turn: Turn, ctx: EvaluationContext): boolean | undefined {
  // The platform may override; otherwise the relay's own schedule decides.
  if (turn.businessHours !== undefined) return turn.businessHours;
  const at = turn.at ? new Date(turn.at) : (ctx.now ?? new Date());
  if (!ctx.businessHours) return ctx.isOpenAt ? ctx.isOpenAt(at) : undefined;
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: ctx.businessHours.timeZone, weekday: 'short', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  const minute = Number(get('hour')) * 60 + Number(get('minute'));
  const hours = ctx.businessHours.days[day];
  return hours ? minute >= hours[0] && minute < hours[1] : false;
}

/** The turn's language, else the customer's locale: a hint for the language-aware detector. */
function localeOf(t: Turn): string | undefined {
  return t.language ?? (typeof t.customer.locale === 'string' ? t.customer.locale : undefined);
}

/** The field catalogue; `customer.*`, `metadata.*` and `trigger.payload.*` reach into the turn's objects. */
/** `explain`, where present, adds the reasons behind a detector's value to the condition's trace (`detail`). */
export const FIELDS: Record<string, { type: FieldType; describe: string; read: (t: Turn, c: EvaluationContext) => unknown; explain?: (t: Turn) => unknown }> = {
  text: { type: 'text', describe: "the customer's message", read: (t) => t.text },
  language: { type: 'text', describe: 'the detected language', read: (t) => t.language },
  confidence: { type: 'number', describe: "the AI's confidence (0-1)", read: (t) => t.signals.confidence },
  sentiment: { type: 'number', describe: "the customer's sentiment (-1 to 1)", read: (t) => t.signals.sentiment },
  intent: { type: 'text', describe: 'the intent or topic', read: (t) => t.signals.intent },
  consecutive_fallbacks: { type: 'number', describe: 'consecutive AI fallbacks', read: (t) => t.consecutiveFallbacks },
  turn_count: { type: 'number', describe: 'the number of turns', read: (t) => t.turnCount },
  waiting_seconds: { type: 'number', describe: 'how long the customer has waited (s)', read: (t) => t.waitingSeconds },
  business_hours: { type: 'boolean', describe: 'within business hours', read: (t, c) => inBusinessHours(t, c) },
  trigger: { type: 'text', describe: 'the custom trigger the platform fired', read: (t) => t.trigger?.name },
  'detected.human_request': {
    type: 'boolean',
    describe: 'the customer explicitly asks for a human',
    read: (t) => detectHumanRequest(t.text, localeOf(t)),
    explain: (t) => explainHumanRequest(t.text, localeOf(t)),
  },
  'detected.repeated_fallback': { type: 'boolean', describe: `the AI fell back ${REPEATED_FALLBACKS}+ times in a row`, read: (t) => (t.consecutiveFallbacks ?? 0) >= REPEATED_FALLBACKS },
  'detected.low_confidence': { type: 'boolean', describe: `the AI's confidence is below ${LOW_CONFIDENCE}`, read: (t) => t.signals.confidence !== undefined && t.signals.confidence < LOW_CONFIDENCE },
  'detected.negative_sentiment': { type: 'boolean', describe: 'the customer is upset', read: (t) => t.signals.sentiment !== undefined && t.signals.sentiment <= NEGATIVE_SENTIMENT },
};

const PREFIXES: Array<[string, (t: Turn) => unknown]> = [
  ['customer.', (t) => t.customer],
  ['metadata.', (t) => t.metadata],
  ['trigger.payload.', (t) => t.trigger?.payload],
];

export function fieldType(field: string): FieldType | undefined {
  if (FIELDS[field]) return FIELDS[field]!.type;
  return PREFIXES.some(([p]) => field.startsWith(p) && field.length > p.length) ? 'any' : undefined;
}

/** Why a detector field has its value (language, phrase family), or undefined for plain fields. */
export function explainField(field: string, turn: Turn): unknown {
  return FIELDS[field]?.explain?.(turn);
}

export function readField(field: string, turn: Turn, ctx: EvaluationContext): unknown {
  const known = FIELDS[field];
  if (known) return known.read(turn, ctx);
  for (const [prefix, root] of PREFIXES) {
    if (field.startsWith(prefix)) return path(root(turn), field.slice(prefix.length).split('.'));
  }
  return undefined;
}
