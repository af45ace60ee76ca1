/**
 * Labelled customer turns for the explicit-request detector and the default rules. `human` = the
 * customer explicitly asks for a person. Written by hand, in six languages, with near misses.
 */
export interface CorpusTurn {
  text: string;
  lang: 'en' | 'de' | 'fr' | 'es' | 'pt' | 'ja';
  human: boolean;
  note?: string;
}

const yes = (lang: CorpusTurn['lang'], ...texts: string[]): CorpusTurn[] => texts.map((text) => ({ text, lang, human: true }));
const no = (lang: CorpusTurn['lang'], note: string, ...texts: string[]): CorpusTurn[] => texts.map((text) => ({ text, lang, human: false, note }));

export const CORPUS: CorpusTurn[] = [
  ...yes('en',
    'I want to talk to a person', 'Can I speak to a human please?', 'Let me talk to a real person', 'connect me to an agent',
    'Transfer me to a live agent now', 'I need to speak with someone', 'Get me a human', 'HUMAN PLEASE', 'agent', 'representative!!!',
    'I would like to speak to a representative', 'Can I talk to customer service?', 'Please get a human on this chat',
    'Is there a real person I can talk to?', 'Can someone from your team call me?', 'transfer to human agent', 'put me through to an operator', 'I demand to speak to a manager',
    'Could I speak with a supervisor?', 'I need a human, this bot is useless', 'talk to someone real please', 'i wanna talk to a human',
    'Please escalate this to a human agent', "I'd like to chat with a live person", 'can i get a real person on this',
    'This is not working. I need to talk to somebody.', 'Human.', 'speak to agent'),
  ...yes('de',
    'Ich möchte mit einem Menschen sprechen', 'Bitte verbinden Sie mich mit einem Mitarbeiter', 'Kann ich mit einer echten Person reden?',
    'Ich brauche einen Berater', 'Mit dem Kundenservice sprechen bitte', 'Ich will mit jemandem sprechen', 'Mensch bitte',
    'Verbinden Sie mich bitte mit einer Mitarbeiterin', 'Ich möchte einen Menschen sprechen, nicht den Bot'),
  ...yes('fr',
    'Je veux parler à un humain', 'Je voudrais parler à un conseiller', 'Pouvez-vous me passer un agent ?', 'Mettre en relation avec une personne svp',
    'Je souhaite parler à quelqu\'un du service client', 'parler à une personne', 'Je veux un vrai humain', 'Passez-moi un opérateur',
    'Je voudrais discuter avec une conseillère'),
  ...yes('es',
    'Quiero hablar con una persona', 'Necesito hablar con un agente humano', 'Pásame con un asesor por favor', '¿Puedo hablar con alguien?',
    'Quiero un humano', 'Comunícame con un operador', 'Quisiera hablar con un representante', 'hablar con agente', 'humano por favor',
    'Necesito hablar con servicio al cliente'),
  ...yes('pt',
    'Quero falar com um atendente', 'Preciso falar com uma pessoa', 'Gostaria de falar com um humano', 'Me transfira para um atendente',
    'quero falar com alguém', 'Posso falar com uma pessoa real?', 'atendente', 'Quero suporte humano', 'Chamar um atendente por favor'),
  ...yes('ja',
    '人と話したい', 'オペレーターに繋いでください', '担当者と話せますか', '人間と話したいです', 'スタッフにつないでください', '有人対応をお願いします',
    '人に代わってもらえますか', 'オペレーターをお願いします'),

  ...no('en', 'near miss', 'I am not a human', 'Are you a human or a bot?', 'are you a real person?', 'I work in human resources',
    'The person I spoke to yesterday was nice', 'That was a human error on my side', 'I\'m not a robot, I promise',
    'Is this a bot?', 'Human rights are important', 'I talked to my husband about it'),
  ...no('en', 'negation', "I don't want to talk to a person, just tell me", 'No need to connect me to an agent', 'do not transfer me to anyone',
    "I don't need a human, the bot is fine"),
  ...no('en', 'sarcasm/anger without a request', 'Wow, great job, really helpful robot', 'This is the worst service ever',
    'Are you kidding me? My package is three weeks late!!!', 'Useless. Absolutely useless.', 'I am so angry right now',
    'Oh sure, another link to the FAQ, thanks a lot', 'You people never deliver on time'),
  ...no('en', 'ordinary question', 'Where is my order?', 'How do I reset my password?', 'What are your opening hours?', 'Can I change my delivery address?',
    'I want a refund for order 88213', 'I need an invoice for my company', 'Can I speak English here?', 'I would like to cancel my subscription',
    'My name is Agent Smith', 'How many people work at your company?', 'Do you ship to people in Canada?',
    'The agent field on my form is empty', 'What does a support agent earn?', 'I need to reset my router', 'I want to upgrade my plan',
    'Can you talk me through the setup?', 'My son wants to speak French with the app', 'Let me think about it', 'Is someone going to deliver today?', 'Thank you, that solved it',
    'Can I talk about my order?', 'I want to know the price'),
  ...no('en', 'VIP / custom trigger context', 'I am a platinum member and my card was charged twice', 'Refund of 2,500 EUR please',
    'My account manager said I get free shipping'),
  ...no('de', 'near miss/ordinary', 'Bist du ein Mensch?', 'Wo ist meine Bestellung?', 'Ich will nicht mit einem Menschen sprechen', 'Der Mitarbeiter gestern war nett',
    'Wie ändere ich mein Passwort?', 'Das ist der schlechteste Service', 'Ich möchte meine Adresse ändern', 'Kein Mensch antwortet hier, oder?'),
  ...no('fr', 'near miss/ordinary', 'Êtes-vous un humain ?', 'Où est ma commande ?', 'Je ne veux pas parler à un conseiller', 'Pas besoin d\'un agent, merci',
    'Comment changer mon mot de passe ?', 'Service nul !', 'Je voudrais annuler ma commande'),
  ...no('es', 'near miss/ordinary', '¿Eres un humano?', '¿Dónde está mi pedido?', 'No quiero hablar con una persona', 'Quiero cambiar mi dirección',
    'El agente de ayer fue muy amable', 'Necesito una factura', '¡Qué servicio tan malo!'),
  ...no('pt', 'near miss/ordinary', 'Você é humano?', 'Onde está meu pedido?', 'Não quero falar com um atendente', 'Quero mudar meu endereço',
    'Preciso da segunda via do boleto', 'Que atendimento ruim!'),
  ...no('ja', 'near miss/ordinary', 'あなたは人間ですか', '注文はどこですか', 'オペレーターは必要ありません', 'パスワードを変更したい', '配送状況を教えてください'),
];

/**
 * Held out for the FIRST detector (its recall there was 0.524). Since 2026-12-01 it is part of the tuning set
 * (`detector/tuning.ts`); the held-out set of the language-aware detector is `detector/held-out.ts`.
 */
export const LEGACY_HELD_OUT: CorpusTurn[] = [
  ...yes('en', 'hello?? is anyone there? i need a real human', 'Put a real person on the line please', 'can i get transferred to support staff',
    'I would prefer speaking with an actual person', 'ok this is going nowhere. human!', 'Speak to someone in billing please'),
  ...yes('de', 'Ich hätte gern einen Menschen am Apparat', 'Bitte an einen Mitarbeiter weiterleiten', 'Gibt es jemanden, mit dem ich sprechen kann?'),
  ...yes('fr', 'Je peux avoir un humain ?', 'Mettez-moi en relation avec un conseiller', 'un conseiller svp'),
  ...yes('es', 'Por favor, quiero hablar con un humano', 'Necesito que me atienda una persona', 'pasame con alguien de soporte'),
  ...yes('pt', 'Tem algum atendente disponível?', 'Pode me passar para um humano?', 'quero falar com uma pessoa de verdade'),
  ...yes('ja', 'スタッフの方と話したいです', '人間に代わってください', 'オペレーターと話せますか'),
  ...no('en', 'near miss', 'Is a human going to read this eventually?', 'My manager wants the invoice', 'Personally I think the app is great',
    'Can a person have two accounts?', 'Which agent handles returns, in your system?', 'I am a real person, why do you ask for a captcha?'),
  ...no('de', 'near miss', 'Sind Sie ein echter Mensch?', 'Meine Mitarbeiter brauchen Zugänge'),
  ...no('fr', 'near miss', "C'est un robot ?", 'Mon conseiller bancaire a appelé'),
  ...no('es', 'near miss', 'Cada persona puede pedir dos', 'Mi agente de seguros dice otra cosa'),
  ...no('pt', 'near miss', 'Cada pessoa pode comprar dois?', 'Meu gerente pediu a nota fiscal'),
  ...no('ja', 'near miss', '一人で使えますか', '人間工学に基づいた椅子はありますか'),
];
