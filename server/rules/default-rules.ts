import type { Rule } from './schema.js';

const msg = (en: string, de: string, fr: string, es: string, pt: string, ja: string) => ({ en, de, fr, es, 'pt-BR': pt, ja });
const connecting = msg(
  'I am connecting you with a member of our team. They will reply here shortly.',
  'Ich verbinde Sie mit einem Mitarbeiter unseres Teams. Er antwortet Ihnen gleich hier.',
  'Je vous mets en relation avec un membre de notre équipe. Il vous répondra ici sous peu.',
  'Te estoy conectando con una persona de nuestro equipo. Te responderá aquí en breve.',
  'Estou transferindo você para alguém da nossa equipe. Você receberá a resposta aqui em breve.',
  '担当者におつなぎします。まもなくこちらで返信いたします。',
);

/** The rule set a new AI agent starts with; admins edit, reorder or disable them. */
export function defaultRules(): Rule[] {
  const rules: Array<Omit<Rule, 'position'>> = [
    {
      id: 'default-custom-trigger',
      name: 'Custom trigger fired by the platform',
      enabled: true,
      conditions: { all: [{ field: 'trigger', operator: 'present' }], any: [] },
      action: { type: 'handoff', reasonCode: 'custom_trigger', routing: { priority: 'high' }, messages: connecting },
    },
    {
      id: 'default-human-request',
      name: 'Customer asks for a human',
      enabled: true,
      conditions: { all: [{ field: 'detected.human_request', operator: 'is', value: true }], any: [] },
      action: { type: 'handoff', reasonCode: 'customer_request', routing: {}, messages: connecting },
    },
    {
      id: 'default-vip',
      name: 'VIP customer with a low-confidence answer',
      enabled: true,
      conditions: { all: [{ field: 'customer.tier', operator: 'includes', value: ['vip', 'platinum'] }, { field: 'confidence', operator: 'less_than', value: 0.7 }], any: [] },
      action: { type: 'handoff', reasonCode: 'vip', routing: { priority: 'high', tags: ['vip'] }, messages: connecting },
    },
    {
      id: 'default-repeated-fallback',
      name: 'The AI keeps failing',
      enabled: true,
      conditions: { all: [{ field: 'detected.repeated_fallback', operator: 'is', value: true }], any: [] },
      action: { type: 'handoff', reasonCode: 'ai_unable', routing: {}, messages: connecting },
    },
    {
      id: 'default-negative-sentiment',
      name: 'Upset customer',
      enabled: true,
      conditions: { all: [{ field: 'detected.negative_sentiment', operator: 'is', value: true }], any: [] },
      action: { type: 'handoff', reasonCode: 'negative_sentiment', routing: { priority: 'high' }, messages: connecting },
    },
    {
      id: 'default-low-confidence',
      name: 'Low confidence: suggest a handoff',
      enabled: true,
      conditions: { all: [{ field: 'detected.low_confidence', operator: 'is', value: true }], any: [] },
      action: { type: 'suggest', reasonCode: 'low_confidence', routing: {}, messages: connecting },
    },
  ];
  return rules.map((r, i) => ({ ...r, position: i + 1 }));
}
