/**
 * The rules editor's model, free of UI: a rule as the relay stores it ⇄ the form's draft (every value a string, as
 * inputs hold them), the operators each kind of field offers, and the checks that can be made before sending.
 */
export type Operator = 'is' | 'is_not' | 'contains' | 'not_contains' | 'matches' | 'less_than' | 'greater_than' | 'includes' | 'present' | 'not_present';
export type Condition = { field: string; operator: Operator; value?: string | number | boolean | Array<string | number> };
export type Rule = {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  conditions: { all: Condition[]; any: Condition[] };
  action: { type: 'handoff' | 'suggest'; reasonCode: string; routing?: { groupId?: number; priority?: Priority; tags?: string[] }; messages?: Record<string, string> };
};
export type RuleInput = Omit<Rule, 'id' | 'position'>;
export type Priority = 'urgent' | 'high' | 'normal' | 'low';
export type FieldInfo = { name: string; type: string };
export type Section = 'all' | 'any';

export type ConditionDraft = { key: number; field: string; attribute: string; operator: Operator; value: string };
export type RuleDraft = {
  name: string;
  enabled: boolean;
  all: ConditionDraft[];
  any: ConditionDraft[];
  type: 'handoff' | 'suggest';
  reasonCode: string;
  groupId: string;
  priority: Priority | '';
  tags: string;
  messages: Record<string, string>;
};
/** Which problem, in the words of admin-locales' `problems`, and any detail from the relay. */
export type Problem = { kind: ProblemKind; detail?: string };
export type ProblemKind = 'nameRequired' | 'needValue' | 'notNumber' | 'badPattern' | 'needCondition' | 'badTag' | 'badGroup' | 'operatorMismatch' | 'attributeRequired' | 'other';
/** Problems by the path the relay uses: `name`, `conditions.all[2].value`, `action.routing.tags`, … */
export type Problems = Record<string, Problem>;

export const REASON_CODES = ['customer_request', 'ai_unable', 'low_confidence', 'negative_sentiment', 'custom_trigger', 'policy', 'vip', 'other'] as const;
export const PRIORITIES: Priority[] = ['urgent', 'high', 'normal', 'low'];
/** The languages the app speaks: the handoff message can be written in each. */
export const MESSAGE_LOCALES = ['en', 'de', 'fr', 'es', 'pt-BR', 'ja'] as const;
/** What the language picker offers (customers write in more languages than the app's UI has). */
export const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt', 'pt-BR', 'it', 'nl', 'ja', 'zh', 'ko', 'sv', 'da', 'nb', 'fi', 'pl', 'cs', 'tr', 'ru', 'ar', 'he', 'hi'];
/** Fields that reach into the turn's objects: the admin names the attribute after the prefix. */
export const PREFIXES = ['customer.', 'metadata.', 'trigger.payload.'] as const;

export type FieldKind = 'text' | 'number' | 'boolean' | 'language' | 'any';
const OPERATORS_BY_KIND: Record<FieldKind, Operator[]> = {
  text: ['contains', 'not_contains', 'is', 'is_not', 'matches', 'present', 'not_present'],
  language: ['is', 'is_not', 'includes', 'present', 'not_present'],
  number: ['less_than', 'greater_than', 'is', 'is_not', 'present', 'not_present'],
  boolean: ['is', 'is_not'],
  any: ['is', 'is_not', 'includes', 'contains', 'not_contains', 'matches', 'less_than', 'greater_than', 'present', 'not_present'],
};

export function fieldKind(field: string, fields: FieldInfo[]): FieldKind {
  if (field === 'language') return 'language';
  const type = fields.find((f) => f.name === field)?.type;
  return type === 'number' || type === 'boolean' || type === 'text' ? type : 'any';
}

/** The operators a field offers; a rule written through the API may use another, which stays selectable. */
export function operatorsFor(kind: FieldKind, current?: Operator): Operator[] {
  const list = OPERATORS_BY_KIND[kind];
  return current && !list.includes(current) ? [...list, current] : list;
}

export const needsValue = (op: Operator) => op !== 'present' && op !== 'not_present';

let nextKey = 1;
export function newCondition(field = 'text', fields: FieldInfo[] = []): ConditionDraft {
  const kind = fieldKind(field, fields);
  return { key: nextKey++, field, attribute: '', operator: operatorsFor(kind)[0]!, value: kind === 'boolean' ? 'true' : '' };
}

export function emptyDraft(fields: FieldInfo[]): RuleDraft {
  return { name: '', enabled: true, all: [newCondition('text', fields)], any: [], type: 'handoff', reasonCode: 'other', groupId: '', priority: '', tags: '', messages: {} };
}

function conditionDraft(c: Condition): ConditionDraft {
  const prefix = PREFIXES.find((p) => c.field.startsWith(p));
  const value = c.value === undefined ? '' : Array.isArray(c.value) ? c.value.join(', ') : String(c.value);
  return { key: nextKey++, field: prefix ?? c.field, attribute: prefix ? c.field.slice(prefix.length) : '', operator: c.operator, value };
}

export function draftOf(rule: Rule): RuleDraft {
  const routing = rule.action.routing ?? {};
  return {
    name: rule.name,
    enabled: rule.enabled,
    all: rule.conditions.all.map(conditionDraft),
    any: rule.conditions.any.map(conditionDraft),
    type: rule.action.type,
    reasonCode: rule.action.reasonCode,
    groupId: routing.groupId === undefined ? '' : String(routing.groupId),
    priority: routing.priority ?? '',
    tags: (routing.tags ?? []).join(' '),
    messages: { ...rule.action.messages },
  };
}

/** A value as the relay compares it: numbers for numeric fields, booleans for yes/no, a list for "is one of". */
function valueOf(c: ConditionDraft, kind: FieldKind): Condition['value'] {
  const raw = c.value.trim();
  if (c.operator === 'includes') return raw.split(',').map((v) => v.trim()).filter(Boolean).map((v) => (kind === 'number' && v !== '' && !Number.isNaN(Number(v)) ? Number(v) : v));
  if (kind === 'number' || c.operator === 'less_than' || c.operator === 'greater_than') return raw === '' ? undefined : Number(raw);
  if (kind === 'boolean') return raw === 'true';
  return c.operator === 'matches' ? c.value : raw;
}

function checkCondition(c: ConditionDraft, kind: FieldKind, path: string, problems: Problems) {
  if (PREFIXES.includes(c.field as never) && !/^[\w.-]+$/.test(c.attribute.trim())) problems[`${path}.field`] = { kind: 'attributeRequired' };
  if (!needsValue(c.operator)) return;
  const raw = c.value.trim();
  if (raw === '') problems[`${path}.value`] = { kind: 'needValue' };
  else if ((kind === 'number' || c.operator === 'less_than' || c.operator === 'greater_than') && c.operator !== 'includes' && Number.isNaN(Number(raw))) problems[`${path}.value`] = { kind: 'notNumber' };
  else if (c.operator === 'matches') {
    // The browser's RegExp is close to RE2 for what admins write; the relay's RE2 has the last word (its answer lands here too).
    try {
      new RegExp(c.value);
    } catch (error) {
      problems[`${path}.value`] = { kind: 'badPattern', detail: (error as Error).message.replace(/^Invalid regular expression: /, '') };
    }
  }
}

/** The draft as the relay's rule input, and what is wrong with it before it is sent (empty = send it). */
export function toInput(draft: RuleDraft, fields: FieldInfo[]): { input: RuleInput; problems: Problems } {
  const problems: Problems = {};
  if (!draft.name.trim()) problems.name = { kind: 'nameRequired' };
  const conditions = { all: [] as Condition[], any: [] as Condition[] };
  for (const section of ['all', 'any'] as const) {
    draft[section].forEach((c, i) => {
      const field = PREFIXES.includes(c.field as never) ? `${c.field}${c.attribute.trim()}` : c.field;
      const kind = fieldKind(field, fields);
      checkCondition(c, kind, `conditions.${section}[${i}]`, problems);
      conditions[section].push({ field, operator: c.operator, ...(needsValue(c.operator) ? { value: valueOf(c, kind) } : {}) });
    });
  }
  if (conditions.all.length + conditions.any.length === 0) problems.conditions = { kind: 'needCondition' };
  const tags = draft.tags.split(/[\s,]+/).filter(Boolean);
  if (tags.some((t) => !/^[a-z0-9_:-]{1,80}$/.test(t))) problems['action.routing.tags'] = { kind: 'badTag' };
  const groupId = draft.groupId.trim();
  if (groupId && !/^[1-9]\d{0,15}$/.test(groupId)) problems['action.routing.groupId'] = { kind: 'badGroup' };
  const messages = Object.fromEntries(Object.entries(draft.messages).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v));
  const routing = { ...(groupId ? { groupId: Number(groupId) } : {}), ...(draft.priority ? { priority: draft.priority } : {}), ...(tags.length ? { tags } : {}) };
  return { input: { name: draft.name.trim(), enabled: draft.enabled, conditions, action: { type: draft.type, reasonCode: draft.reasonCode, routing, messages } }, problems };
}

/** The relay's validation issues (`details.issues`), each in words and at the control it concerns. */
export function problemsFromRelay(issues: Array<{ path: string; message: string }>): Problems {
  const problems: Problems = {};
  for (const { path, message } of issues) {
    const at = path.replace(/^conditions\.(all|any)\.(\d+)/, 'conditions.$1[$2]').replace(/\.messages\..*$/, '.messages');
    const kind: ProblemKind = at === 'name' ? 'nameRequired'
      : at === 'conditions' ? 'needCondition'
      : /not a valid pattern/.test(message) ? 'badPattern'
      : /needs a value/.test(message) ? 'needValue'
      : at.endsWith('.operator') ? 'operatorMismatch'
      : at.startsWith('action.routing.tags') ? 'badTag'
      : at === 'action.routing.groupId' ? 'badGroup'
      : 'other';
    const key = at.startsWith('action.routing.tags') ? 'action.routing.tags' : at;
    problems[key] ??= { kind, ...(kind === 'badPattern' ? { detail: message.replace(/^not a valid pattern: /, '') } : kind === 'other' ? { detail: message } : {}) };
  }
  return problems;
}
