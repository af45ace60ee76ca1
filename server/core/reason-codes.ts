/** Why a conversation was handed off: one catalogue for the API, rules, tickets and insights. */
export const REASON_CODES = [
  'customer_request',
  'ai_unable',
  'low_confidence',
  'negative_sentiment',
  'custom_trigger',
  'policy',
  'vip',
  'other',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

export const REASON_DESCRIPTIONS: Record<ReasonCode, string> = {
  customer_request: 'The customer asked for a human.',
  ai_unable: 'The AI could not answer (repeated fallbacks or out of scope).',
  low_confidence: "The AI's confidence was too low to answer.",
  negative_sentiment: 'The customer is upset or angry.',
  custom_trigger: 'A custom trigger of the AI platform fired (e.g. refund over a limit).',
  policy: 'Policy requires a human (approval, legal, security).',
  vip: 'The customer is a VIP.',
  other: 'Another reason, given in the free text.',
};
