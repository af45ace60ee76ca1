import { pickLocale } from './locale.js';

/** Strings of the rules admin page (nav_bar), per locale. */
const A = {
  en: { title: 'Escalation rules', agent: 'AI agent', on: 'on', off: 'off', add: 'Add rule', name: 'Name', field: 'Field', operator: 'Operator', value: 'Value', reason: 'Reason', handoff: 'Hand off', suggest: 'Suggest only', tryIt: 'Try a message', tryPlaceholder: 'e.g. I want to talk to a person', tryButton: 'Try', noMatch: 'No rule matched: the AI keeps the conversation.', matched: 'Matched', noAgents: 'No AI agent is connected to this account yet.' },
  de: { title: 'Eskalationsregeln', agent: 'KI-Agent', on: 'an', off: 'aus', add: 'Regel hinzufügen', name: 'Name', field: 'Feld', operator: 'Operator', value: 'Wert', reason: 'Grund', handoff: 'Übergeben', suggest: 'Nur vorschlagen', tryIt: 'Nachricht testen', tryPlaceholder: 'z. B. Ich möchte mit einem Menschen sprechen', tryButton: 'Testen', noMatch: 'Keine Regel passt: die KI behält das Gespräch.', matched: 'Passt', noAgents: 'Noch kein KI-Agent mit diesem Konto verbunden.' },
  fr: { title: 'Règles d\'escalade', agent: 'Agent IA', on: 'actif', off: 'inactif', add: 'Ajouter une règle', name: 'Nom', field: 'Champ', operator: 'Opérateur', value: 'Valeur', reason: 'Raison', handoff: 'Transférer', suggest: 'Suggérer seulement', tryIt: 'Tester un message', tryPlaceholder: 'ex. Je veux parler à un humain', tryButton: 'Tester', noMatch: 'Aucune règle ne correspond : l\'IA garde la conversation.', matched: 'Correspond', noAgents: 'Aucun agent IA n\'est encore connecté à ce compte.' },
  es: { title: 'Reglas de escalada', agent: 'Agente de IA', on: 'activa', off: 'inactiva', add: 'Añadir regla', name: 'Nombre', field: 'Campo', operator: 'Operador', value: 'Valor', reason: 'Motivo', handoff: 'Traspasar', suggest: 'Solo sugerir', tryIt: 'Probar un mensaje', tryPlaceholder: 'p. ej. Quiero hablar con una persona', tryButton: 'Probar', noMatch: 'Ninguna regla coincide: la IA sigue con la conversación.', matched: 'Coincide', noAgents: 'Aún no hay ningún agente de IA conectado a esta cuenta.' },
  'pt-BR': { title: 'Regras de escalação', agent: 'Agente de IA', on: 'ativa', off: 'inativa', add: 'Adicionar regra', name: 'Nome', field: 'Campo', operator: 'Operador', value: 'Valor', reason: 'Motivo', handoff: 'Transferir', suggest: 'Só sugerir', tryIt: 'Testar uma mensagem', tryPlaceholder: 'ex. Quero falar com um atendente', tryButton: 'Testar', noMatch: 'Nenhuma regra corresponde: a IA continua a conversa.', matched: 'Corresponde', noAgents: 'Nenhum agente de IA conectado a esta conta ainda.' },
  ja: { title: 'エスカレーションルール', agent: 'AI エージェント', on: '有効', off: '無効', add: 'ルールを追加', name: '名前', field: 'フィールド', operator: '演算子', value: '値', reason: '理由', handoff: '引き継ぐ', suggest: '提案のみ', tryIt: 'メッセージで試す', tryPlaceholder: '例: 人と話したい', tryButton: '試す', noMatch: '一致するルールはありません。AI が会話を続けます。', matched: '一致', noAgents: 'このアカウントに接続された AI エージェントはまだありません。' },
};

export type AdminStrings = (typeof A)['en'];

export function adminStringsFor(locale: string | undefined): AdminStrings {
  return pickLocale<AdminStrings>(A, locale);
}
