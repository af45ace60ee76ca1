/** Words and times for the sidebar, in the UI's locale through Intl (no strings of our own to translate). */

const DAY_MS = 86_400_000;

/**
 * Intl formatters, made once per locale and options: making one costs about a millisecond (ICU data), using one a few
 * microseconds, and a transcript formats two dates per message.
 */
const formatters = new Map<string, Intl.DateTimeFormat & Intl.RelativeTimeFormat>();
function formatter<T>(make: new (locale: string, options: object) => T, locale: string, options: object): T {
  const key = `${make.name}|${locale}|${JSON.stringify(options)}`;
  let made = formatters.get(key) as T | undefined;
  if (!made) formatters.set(key, (made = new make(locale, options)) as never);
  return made;
}
const dates = (locale: string, options: Intl.DateTimeFormatOptions) => formatter(Intl.DateTimeFormat, locale, options);
const relative = (locale: string) => formatter(Intl.RelativeTimeFormat, locale, { numeric: 'auto' });
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [['second', 60], ['minute', 60], ['hour', 24], ['day', 7], ['week', 1e9]];

/** "5 minutes ago", "yesterday": how long ago, in the largest unit that fits. */
export function relativeTime(iso: string, now: number, locale: string): string {
  let value = (Date.parse(iso) - now) / 1000;
  const format = relative(locale);
  for (const [unit, size] of UNITS) {
    if (Math.abs(value) < size || unit === 'week') return format.format(Math.abs(value) < 45 && unit === 'second' ? 0 : Math.round(value), unit);
    value /= size;
  }
  return '';
}

/** A message's time: how long ago today ("5 minutes ago"), the time of day before (its day separator names the day). */
export const messageTime = (iso: string, now: number, locale: string) =>
  startOfDay(Date.parse(iso)) === startOfDay(now) ? relativeTime(iso, now, locale) : dates(locale, { timeStyle: 'short' }).format(Date.parse(iso));

/** The full date and time, for a tooltip. */
export const fullDate = (iso: string, locale: string) => dates(locale, { dateStyle: 'full', timeStyle: 'short' }).format(Date.parse(iso));

/** A day separator's label: "Today", "Yesterday", else the date. */
export function dayLabel(iso: string, now: number, locale: string): string {
  const days = Math.round((startOfDay(Date.parse(iso)) - startOfDay(now)) / DAY_MS);
  const label = days >= -1 && days <= 0 ? relative(locale).format(days, 'day') : dates(locale, { dateStyle: 'medium' }).format(Date.parse(iso));
  return label.charAt(0).toLocaleUpperCase(locale) + label.slice(1);
}
export const startOfDay = (ms: number) => new Date(ms).setHours(0, 0, 0, 0);

/** "31 %" the locale's way. */
export const percent = (x: number, locale: string) => new Intl.NumberFormat(locale, { style: 'percent' }).format(x);

const SIZE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
/** A file's size the locale's way ("48.2 kB"), in the largest unit under 1,024 of it. */
export function fileSize(bytes: number, locale: string): string {
  let unit = 0;
  while (bytes >= 1024 && unit < SIZE_UNITS.length - 1) {
    bytes /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: SIZE_UNITS[unit], maximumFractionDigits: unit ? 1 : 0 }).format(bytes);
}

/** A language tag by name ("de" → "German" in an English UI); the tag itself when the browser does not know it. */
export function languageName(tag: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** Only http(s) links are clickable: a `javascript:` URL from a transcript stays inert text. */
export const safeHref = (url: string) => (/^https?:\/\/[^\s]/i.test(url) ? url : undefined);

/** Text split into plain parts and http(s) URLs (trailing punctuation stays text: "see https://x.test/a." ). */
export function linkParts(text: string): Array<string | { href: string }> {
  const parts: Array<string | { href: string }> = [];
  let last = 0;
  for (const match of text.matchAll(/\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'}]/gi)) {
    parts.push(text.slice(last, match.index), { href: match[0] });
    last = match.index! + match[0].length;
  }
  parts.push(text.slice(last));
  return parts.filter((p) => p !== '');
}

/**
 * Makes the formatters a transcript needs while the session is still on its way: the first use of each costs tens
 * of milliseconds (ICU data), which would otherwise come between the data's arrival and the conversation on screen.
 */
export function warmFormatters(locale: string) {
  const now = Date.now();
  const iso = new Date(now - DAY_MS).toISOString();
  fullDate(iso, locale);
  messageTime(iso, now, locale);
  relativeTime(iso, now, locale);
  dayLabel(iso, now - 3 * DAY_MS, locale);
}
