/** Number, percent and duration formats of the insights page, in the agent's locale. */
export function formatters(locale: string | undefined) {
  const tag = locale || 'en';
  const number = new Intl.NumberFormat(tag);
  const pct = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 });
  // A change always shows its sign: "+150%" rising, "−20%" falling, never "+-20%".
  const change = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  const one = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  // Bucket starts are calendar dates (YYYY-MM-DD): formatted as such, in UTC, so no zone shifts them a day.
  const shortDate = new Intl.DateTimeFormat(tag, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  let languages: Intl.DisplayNames | undefined;
  try {
    languages = new Intl.DisplayNames([tag], { type: 'language' });
  } catch {
    languages = undefined;
  }
  return {
    number: (n: number) => number.format(n),
    percent: (share: number | null) => (share === null ? '—' : pct.format(share)),
    change: (ratio: number) => change.format(ratio),
    /** 42 s, 7 min, 3.2 h, 2.1 d: the unit a person would say. */
    duration: (seconds: number | null) => {
      if (seconds === null) return '—';
      if (seconds < 90) return `${Math.round(seconds)} s`;
      if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
      if (seconds < 36 * 3600) return `${one.format(seconds / 3600)} h`;
      return `${one.format(seconds / 86_400)} d`;
    },
    /** "Nov 3" for the bucket starting 2026-11-03. */
    date: (isoDay: string) => shortDate.format(new Date(`${isoDay}T00:00:00Z`)),
    language: (code: string) => {
      try {
        return languages?.of(code) ?? code;
      } catch {
        return code;
      }
    },
  };
}
