import { normalizeText } from './normalize.js';

/**
 * Does the customer explicitly ask for a human? Pure string logic over normalized text (accents and
 * case removed), in English, German, French, Spanish, Portuguese and Japanese. A request needs a
 * verb of wanting/asking together with a human target; questions about the bot ("are you a human?"),
 * statements ("I am not a human"), negations ("I don't want to talk to a person") and unrelated uses
 * ("human resources") do not count.
 */
const HUMAN = [
  // en
  'human', 'a person', 'real person', 'live person', 'someone real', 'an agent', 'live agent', 'real agent', 'human agent',
  'representative', 'a rep', 'agent', 'agents', 'person', 'people', 'operator', 'somebody', 'someone', 'customer service', 'support team', 'staff', 'a manager', 'supervisor',
  // de
  'mensch', 'menschen', 'mitarbeiter', 'mitarbeiterin', 'echte person', 'echten person', 'einer person', 'berater', 'beraterin', 'kundenservice', 'kundendienst', 'jemandem',
  // fr
  'humain', 'une personne', 'un conseiller', 'une conseillere', 'un agent', 'un operateur', 'quelqu\'un', 'service client', 'un vrai',
  // es
  'humano', 'una persona', 'agente', 'asesor', 'operador', 'alguien', 'persona real', 'representante', 'servicio al cliente',
  // pt
  'atendente', 'uma pessoa', 'pessoa real', 'alguem', 'operador', 'consultor', 'suporte humano',
];

const REQUEST_PATTERNS: RegExp[] = [
  // en: "talk to / speak with / connect me to / transfer me to / get me / let me talk to / I want / I need / can I speak to"
  /\b(talk|speak|chat)\s+(to|with)\b/,
  /\b(connect|transfer|put|pass)\s+me\s+(to|through|with)\b/,
  /\b(get|give|find)\s+(me|a|an)\b/,
  /\btransfer (me )?to\b/,
  /\bcall me\b/,
  /\bi\s*(want|need|would like|'d like|demand|insist on)\b/,
  /\b(can|could|may)\s+i\s+(talk|speak|have|get)\b/,
  /\bescalate\b/,
  // de
  /\b(sprechen|reden|verbinden|weiterleiten)\b/, /\bich (will|mochte|brauche|moechte)\b/,
  // fr
  /\b(parler|discuter)\b/, /\bje (veux|voudrais|souhaite)\b/, /\bpassez[- ]moi\b/, /\bpasser (a|au|un)\b/, /\bmettre en relation\b/,
  // es
  /\b(hablar|comunicarme)\b/, /\b(quiero|necesito|quisiera)\b/, /\b(pasame|paseme|comunicame|transfiereme)\b/,
  // pt
  /\b(falar)\b/, /\b(quero|preciso|gostaria)\b/, /\b(transferir|transfira|chamar)\b/,
];

const NEGATION = [
  /\b(don'?t|do not|no need to|never|not)\b[^.?!]{0,20}\b(want|need|like|connect|transfer|talk|speak|put)\b/,
  /\b(ich will|ich mochte) (nicht|keinen|keine)\b/, /\bkein(en)? mensch/,
  /\bje ne (veux|souhaite) pas\b/, /\bpas (besoin|la peine)\b/,
  /\bno (quiero|necesito)\b/, /\bnao (quero|preciso)\b/,
];

const NEAR_MISS = [
  /\bare you (a |an )?(human|real|person|bot|robot)\b/, /\bi'?m not (a |an )?(human|robot|bot)\b/, /\bi am not (a |an )?(human|robot|bot)\b/,
  /\bhuman resources\b/, /\bhuman error\b/, /\bhuman rights\b/, /\bhumanly\b/, /\bthe person (i|who|that)\b/,
  /\bbist du (ein )?mensch\b/, /\betes-vous (un )?(humain|robot)\b/, /\b(eres|es usted) (un )?(humano|robot)\b/, /\bvoce e (um )?(humano|robo)\b/,
  /\b(talk|speak) to (my|your) (wife|husband|family|friends?)\b/,
];

const JAPANESE = [/人と話(し|した|せ)/, /人間と話/, /オペレーター/, /担当者/, /スタッフ/, /有人/, /人に(代わ|かわ|つな|繋)/, /(つな|繋)いで/];
const JAPANESE_NEGATIVE = [/必要(あり)?ません/, /いりません/, /不要/, /話したくない/, /あなたは人間/];

export function detectHumanRequest(text: string): boolean {
  const raw = text.slice(0, 2_000);
  if (JAPANESE.some((p) => p.test(raw))) return !JAPANESE_NEGATIVE.some((p) => p.test(raw));
  // Sentence by sentence: "This is not working. I need to talk to somebody." asks, whatever came before.
  return normalizeText(raw)
    .split(/[.!?;]+/)
    .some((sentence) => isRequest(sentence.replace(/[,:()"¿¡]+/g, ' ').replace(/\s+/g, ' ').trim()));
}

function isRequest(t: string): boolean {
  if (!t) return false;
  if (NEAR_MISS.some((p) => p.test(t)) && !/\b(agent|representative|operator|supervisor)\b/.test(t)) return false;
  const padded = ` ${t} `;
  const hasTarget = HUMAN.some((h) => padded.includes(` ${h} `) || padded.includes(` ${h}s `));
  // Bare one-word asks: "agent", "human please", "representative!!", "humano", "atendente".
  const bare = /^(an? )?(human|agent|representative|operator|person|humano|agente|atendente|mensch|humain|conseiller)( please| por favor| bitte| s'il vous plait)?$/.test(t);
  if (bare) return true;
  if (!hasTarget || !REQUEST_PATTERNS.some((p) => p.test(t))) return false;
  return !NEGATION.some((p) => p.test(t));
}
