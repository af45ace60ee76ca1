/**
 * A realistic stretch of handoffs for insights tests, planned up front from a seeded PRNG: several AI
 * agents, reasons, rules and triggers, intents, languages, returning customers and every outcome.
 * The tests drive each plan entry through the real API and the Zendesk emulator, then compute the
 * expected figures from the plan alone (insights-expected.ts).
 */
export type Outcome = 'solved' | 'replied' | 'waiting' | 'returned' | 'failed';
export type Path = 'direct' | 'human' | 'trigger';

export interface PlannedHandoff {
  agent: number;
  conversationId: string;
  customerId: string;
  at: Date;
  path: Path;
  reason: string;
  intent: string | null;
  locale: string | null;
  outcome: Outcome;
  replyAfterS: number | null;
  solveAfterS: number | null;
  /** Filled in by the driver. */
  sessionId?: string;
  ticketId?: string;
}

export interface PlannedConversation {
  agent: number;
  conversationId: string;
  at: Date;
  /** How many turns the AI platform evaluates (a conversation counts once however often it is evaluated). */
  evaluations: number;
}

export interface Plan {
  handoffs: PlannedHandoff[];
  conversations: PlannedConversation[];
}

/** mulberry32: a tiny deterministic PRNG, so a failing run can be replayed exactly. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)), pick: <T,>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

const DIRECT_REASONS = ['ai_unable', 'ai_unable', 'low_confidence', 'negative_sentiment', 'policy', 'other'] as const;
const INTENTS = ['refund', 'refund', 'refund', 'order_status', 'order_status', 'billing', 'account_access', 'shipping_damage', null] as const;
const LOCALES = ['en', 'en', 'en', 'de', 'fr', 'pt-BR', 'es', null] as const;
const OUTCOMES: readonly Outcome[] = ['solved', 'solved', 'solved', 'replied', 'waiting', 'returned'];

/**
 * `perDay` handoffs on average per AI agent between `start` and `end` (UTC days), `failed` failed
 * handoffs spread over the stretch, and about twice as many conversations that never needed a human.
 */
export function planHandoffs(opts: { seed: number; agents: number; start: string; end: string; perDay: number; failed: number; customersPerAgent: number }): Plan {
  const r = prng(opts.seed);
  const startMs = Date.parse(`${opts.start}T00:00:00Z`);
  const days = Math.round((Date.parse(`${opts.end}T00:00:00Z`) - startMs) / 86_400_000);
  const handoffs: PlannedHandoff[] = [];
  const conversations: PlannedConversation[] = [];
  let n = 0;
  const at = (day: number) => new Date(startMs + day * 86_400_000 + r.int(6 * 3600, 22 * 3600) * 1000 + r.int(0, 999));
  for (let day = 0; day < days; day++) {
    for (let agent = 0; agent < opts.agents; agent++) {
      // Busier on weekdays, and a reason that grows over time: refunds after a price change.
      const count = r.int(0, Math.round(opts.perDay * 2));
      for (let i = 0; i < count; i++) {
        const path: Path = r.pick(['direct', 'direct', 'human', 'human', 'trigger'] as const);
        const outcome = r.pick(OUTCOMES);
        const replyAfterS = outcome === 'solved' || outcome === 'replied' ? r.int(30, 4 * 3600) : null;
        const solveAfterS = outcome === 'solved' ? (replyAfterS ?? 0) + r.int(60, 3 * 86_400) : outcome === 'returned' ? r.int(60, 7200) : null;
        handoffs.push({
          agent,
          conversationId: `conv-${opts.seed}-${++n}`,
          customerId: `cust-${agent}-${r.int(1, opts.customersPerAgent)}`,
          at: at(day),
          path,
          reason: path === 'human' ? 'customer_request' : path === 'trigger' ? 'custom_trigger' : r.pick(DIRECT_REASONS),
          intent: day > days / 2 && r.next() < 0.3 ? 'refund' : r.pick(INTENTS),
          locale: r.pick(LOCALES),
          outcome,
          replyAfterS,
          solveAfterS,
        });
      }
      for (let i = r.int(0, Math.round(opts.perDay * 4)); i > 0; i--) {
        conversations.push({ agent, conversationId: `conv-${opts.seed}-${++n}`, at: at(day), evaluations: r.int(1, 3) });
      }
    }
  }
  for (let i = 0; i < opts.failed; i++) {
    const h = handoffs[Math.floor((i + 0.5) * (handoffs.length / opts.failed))]!;
    Object.assign(h, { outcome: 'failed', replyAfterS: null, solveAfterS: null });
  }
  return { handoffs, conversations };
}
