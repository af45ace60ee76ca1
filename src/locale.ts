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

type Chunk<T> = () => Promise<{ default: T }>;

/** A string table split into one chunk per locale: only the chunk `pickLocale` chooses is fetched. */
export async function loadLocaleChunk<T>(loaders: { en: Chunk<T> } & Record<string, Chunk<T>>, locale: string | undefined): Promise<T> {
  return (await pickLocale(loaders, locale)()).default;
}

/** Fills `{name}`-style placeholders; an unknown name stays as written. */
export const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (hole, key: string) => (key in values ? String(values[key]) : hole));
