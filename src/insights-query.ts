/** What the admin picked on the insights page; `days` 0 means the custom dates (whole local days, both included). */
export type PeriodChoice = {
  days: number;
  custom: { from: string; to: string };
  agentId: string;
  bucket: 'day' | 'week';
};

const DAY_MS = 86_400_000;

/**
 * The query string of `/app/v1/insights` (and of its CSV twin) and the name of the CSV download. A preset
 * period ends now; the file is named after local days so it matches what the admin sees on screen.
 */
export function insightsQuery(choice: PeriodChoice, now: Date, timeZone: string | undefined): { query: string; fileName: string } {
  const [from, to] = choice.days > 0
    ? [new Date(now.getTime() - choice.days * DAY_MS).toISOString(), now.toISOString()]
    : [choice.custom.from, choice.custom.to];
  const params = new URLSearchParams({ from, to, bucket: choice.bucket });
  if (timeZone) params.set('tz', timeZone);
  if (choice.agentId) params.set('agentId', choice.agentId);
  return { query: params.toString(), fileName: `baton-insights-${localDay(from, timeZone)}-${localDay(to, timeZone)}.csv` };
}

/** YYYY-MM-DD of an ISO datetime in the time zone ('en-CA' formats dates that way); date-only values pass through. */
function localDay(value: string, timeZone: string | undefined): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  try {
    return new Date(value).toLocaleDateString('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  } catch {
    return value.slice(0, 10); // an unknown zone: the UTC day is close enough for a file name
  }
}
