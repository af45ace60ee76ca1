/**
 * What the customer is told while waiting, when the platform and the rule gave no words: one table per
 * UI locale (en, de, fr, es, ja, pt-BR). Times are written in the customer's locale and the
 * schedule's time zone, with the zone named, so "09:00" is never ambiguous.
 */
export const WAITING_LOCALES = ['en', 'de', 'fr', 'es', 'ja', 'pt-BR'] as const;
export type WaitingLocale = (typeof WAITING_LOCALES)[number];

interface Phrases {
  handoff: string;
  estimate: (wait: string) => string;
  offline: (opensAt: string) => string;
  /** Closed with no opening in sight (a schedule with no hours, or holidays beyond the search horizon). */
  offlineNoOpening: string;
  stillWaiting: string;
  minutes: (n: number) => string;
}

const PHRASES: Record<WaitingLocale, Phrases> = {
  en: {
    handoff: "I'm connecting you with a member of our team. They will reply here.",
    estimate: (w) => `The usual wait is about ${w}.`,
    offline: (t) => `Our team is away right now; we open again ${t} and will reply then.`,
    offlineNoOpening: 'Our team is away right now and will reply here as soon as they are back.',
    stillWaiting: 'Thanks for your patience: your request is still in the queue and a team member will reply here as soon as possible.',
    minutes: (n) => (n === 1 ? '1 minute' : `${n} minutes`),
  },
  de: {
    handoff: 'Ich verbinde Sie mit unserem Team. Sie erhalten die Antwort hier.',
    estimate: (w) => `Die übliche Wartezeit beträgt etwa ${w}.`,
    offline: (t) => `Unser Team ist gerade nicht erreichbar; wir sind wieder da am ${t} und antworten dann.`,
    offlineNoOpening: 'Unser Team ist gerade nicht erreichbar und antwortet hier, sobald es wieder da ist.',
    stillWaiting: 'Danke für Ihre Geduld: Ihre Anfrage ist weiterhin in der Warteschlange, und jemand aus dem Team antwortet hier so bald wie möglich.',
    minutes: (n) => (n === 1 ? '1 Minute' : `${n} Minuten`),
  },
  fr: {
    handoff: "Je vous mets en relation avec un membre de notre équipe. La réponse arrivera ici.",
    estimate: (w) => `L'attente habituelle est d'environ ${w}.`,
    offline: (t) => `Notre équipe est absente pour le moment ; nous serons de retour le ${t} et vous répondrons alors.`,
    offlineNoOpening: 'Notre équipe est absente pour le moment et vous répondra ici dès son retour.',
    stillWaiting: "Merci de votre patience : votre demande est toujours en file d'attente et un membre de l'équipe vous répondra ici dès que possible.",
    minutes: (n) => (n === 1 ? '1 minute' : `${n} minutes`),
  },
  es: {
    handoff: 'Te estoy conectando con una persona de nuestro equipo. Te responderá aquí.',
    estimate: (w) => `La espera habitual es de unos ${w}.`,
    offline: (t) => `Nuestro equipo no está disponible ahora; volvemos el ${t} y te responderemos entonces.`,
    offlineNoOpening: 'Nuestro equipo no está disponible ahora; te responderá aquí en cuanto vuelva.',
    stillWaiting: 'Gracias por tu paciencia: tu solicitud sigue en la cola y una persona del equipo te responderá aquí lo antes posible.',
    minutes: (n) => (n === 1 ? '1 minuto' : `${n} minutos`),
  },
  ja: {
    handoff: '担当者におつなぎします。こちらで返信いたします。',
    estimate: (w) => `通常の待ち時間は約${w}です。`,
    offline: (t) => `現在は営業時間外です。${t}に再開し、その後ご返信いたします。`,
    offlineNoOpening: '現在は営業時間外です。再開しだい、こちらでご返信いたします。',
    stillWaiting: 'お待たせして申し訳ありません。お問い合わせは引き続き受け付けており、担当者ができるだけ早くこちらで返信いたします。',
    minutes: (n) => `${n}分`,
  },
  'pt-BR': {
    handoff: 'Estou conectando você com uma pessoa da nossa equipe. A resposta virá por aqui.',
    estimate: (w) => `A espera habitual é de cerca de ${w}.`,
    offline: (t) => `Nossa equipe não está disponível agora; voltamos em ${t} e responderemos então.`,
    offlineNoOpening: 'Nossa equipe não está disponível agora e responderá aqui assim que voltar.',
    stillWaiting: 'Obrigado pela paciência: sua solicitação continua na fila e uma pessoa da equipe responderá aqui assim que possível.',
    minutes: (n) => (n === 1 ? '1 minuto' : `${n} minutos`),
  },
};

/** The closest supported locale: exact, then same language (pt-PT → pt-BR), then English. */
export function waitingLocale(locale: string | null | undefined): WaitingLocale {
  if (!locale) return 'en';
  const exact = WAITING_LOCALES.find((l) => l.toLowerCase() === locale.toLowerCase());
  if (exact) return exact;
  const base = locale.split('-')[0]!.toLowerCase();
  return WAITING_LOCALES.find((l) => l.split('-')[0]!.toLowerCase() === base) ?? 'en';
}

/**
 * "Monday, January 4 at 09:00 CET" in the customer's language, in the schedule's zone. The date is always named:
 * a weekday alone reads as the coming one, which is false when holidays close the team for a week or more.
 */
export function formatOpening(at: Date, locale: WaitingLocale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(at);
}

/** Rounded up to whole minutes, at least one: "about 0 minutes" helps nobody. */
export function formatWait(seconds: number, locale: WaitingLocale): string {
  return PHRASES[locale].minutes(Math.max(1, Math.ceil(seconds / 60)));
}

export interface HandoffMessageContext {
  locale: string | null | undefined;
  withinBusinessHours: boolean | null;
  nextOpenAt: Date | null;
  timeZone: string | null;
  estimatedWaitSeconds: number | null;
}

/** The default handoff message: the greeting, then the next opening (outside hours) or the wait estimate. */
export function defaultHandoffMessage(ctx: HandoffMessageContext): string {
  const l = waitingLocale(ctx.locale);
  const p = PHRASES[l];
  // Closed: when the team is back, never the usual wait of the hours it is open.
  const offline = offlineMessage(ctx);
  if (offline !== null) return `${p.handoff} ${offline}`;
  if (ctx.estimatedWaitSeconds !== null) return `${p.handoff} ${p.estimate(formatWait(ctx.estimatedWaitSeconds, l))}`;
  return p.handoff;
}

/**
 * The offline message alone (handoff.accepted `offlineMessage`), null when open or when no hours apply. Closed with
 * no opening in sight (a schedule without hours), it says the team is away without naming a time.
 */
export function offlineMessage(ctx: Pick<HandoffMessageContext, 'locale' | 'nextOpenAt' | 'timeZone' | 'withinBusinessHours'>): string | null {
  if (ctx.withinBusinessHours !== false) return null;
  const l = waitingLocale(ctx.locale);
  if (!ctx.nextOpenAt || !ctx.timeZone) return PHRASES[l].offlineNoOpening;
  return PHRASES[l].offline(formatOpening(ctx.nextOpenAt, l, ctx.timeZone));
}

/** The no-agent timeout's "keep waiting" words for the customer. */
export function stillWaitingMessage(locale: string | null | undefined): string {
  return PHRASES[waitingLocale(locale)].stillWaiting;
}
