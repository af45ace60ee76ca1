import { fill, type AdminStrings } from '../../admin-i18n.js';
import { PREFIXES, type Condition, type Problem } from './rule-form.js';

/** A field in the admin's words: `customer.tier` reads "Customer attribute: tier". */
export function fieldLabel(t: AdminStrings, field: string): string {
  const known = (t.fields as Record<string, string>)[field];
  if (known) return known;
  const prefix = PREFIXES.find((p) => field.startsWith(p));
  return prefix ? `${t.fields[prefix]}: ${field.slice(prefix.length)}` : field;
}

export const operatorLabel = (t: AdminStrings, operator: string) => (t.operators as Record<string, string>)[operator] ?? operator;

/** Language names in the admin's language (falls back to the code where the browser has no name). */
export function languageNamer(locale: string | undefined): (code: string) => string {
  try {
    const names = new Intl.DisplayNames([locale ?? 'en'], { type: 'language' });
    return (code) => names.of(code) ?? code;
  } catch {
    return (code) => code;
  }
}

function valueWords(t: AdminStrings, c: Condition, language: (code: string) => string): string {
  const one = (v: string | number | boolean) => (typeof v === 'boolean' ? (v ? t.yes : t.no) : c.field === 'language' ? language(String(v)) : typeof v === 'number' ? String(v) : `“${v}”`);
  if (c.value === undefined) return '';
  return Array.isArray(c.value) ? c.value.map(one).join(', ') : one(c.value);
}

/** "Customer message contains “lawyer”". */
export function conditionWords(t: AdminStrings, c: Condition, language: (code: string) => string): string {
  return [fieldLabel(t, c.field), operatorLabel(t, c.operator).toLocaleLowerCase(), valueWords(t, c, language)].filter(Boolean).join(' ');
}

export const problemWords = (t: AdminStrings, p: Problem) => fill(t.problems[p.kind], { detail: p.detail ?? '' });
