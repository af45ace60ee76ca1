/**
 * The strings of a locale from a table keyed by locale: the exact tag, else its language (`de-AT` → `de`),
 * Portuguese as Brazilian Portuguese, else English. One rule for every string table of the app.
 */
export function pickLocale<T>(table: { en: T } & Record<string, T>, locale: string | undefined): T {
  if (!locale) return table.en;
  const exact = table[locale];
  if (exact) return exact;
  const base = locale.split('-')[0]!;
  return table[base] ?? (base === 'pt' ? table['pt-BR'] : undefined) ?? table.en;
}
