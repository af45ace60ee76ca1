import type { DetectorTurn, Lang } from './turn.js';

/**
 * INDEPENDENT PROBE — 128 turns written on 2026-12-01 by a different author (the lead) than the held-out, tuning
 * and probe sets, without reading the grammars, after the detector was merged (commit faed204). Four sentences that turned out to be in the tuning set were
 * replaced by new ones before their first reading. Measured once;
 * that first reading is the figure README reports as the detector's generalization. Never tune on it, never edit
 * it, never copy its sentences into the tuning set.
 */
const yes = (lang: Lang, ...texts: string[]): DetectorTurn[] => texts.map((text) => ({ text, lang, human: true, family: 'independent' }));
const no = (lang: Lang, ...texts: string[]): DetectorTurn[] => texts.map((text) => ({ text, lang, human: false, family: 'independent' }));

export const INDEPENDENT_PROBE: DetectorTurn[] = [
  ...yes('en', 'operator', 'can u connect me to someone from billing', 'I would rather deal with an actual person about this refund', 'get me your supervisor',
    'is there a human I can chat with instead?', 'enough with the bot. person please', 'could somebody from your team look at my case personally', 'Put me through to customer service'),
  ...no('en', 'My account manager left the company, who handles my invoices now?', 'The chat widget says "agent offline" on my website, how do I fix it?', 'I am a real person, why does the captcha keep failing',
    'no need to escalate, that answered it', 'Can my assistant log in with her own account?', 'How many humans work at your company?', 'I spoke to someone last week and they fixed it, thanks',
    'does the premium plan include phone support?'),
  ...yes('de', 'Mitarbeiter bitte', 'Kann ich mit jemandem aus der Buchhaltung sprechen?', 'Ich hätte gern einen echten Menschen am Telefon', 'Verbinden Sie mich bitte mit Ihrem Vorgesetzten',
    'gibt es jemanden, der mir persönlich helfen kann?', 'lass mich mit nem menschen reden', 'Bitte rufen Sie mich zurück, ich will das mit einer Person klären', 'Ich möchte mich beschweren, bitte einen Verantwortlichen'),
  ...no('de', 'Mein Ansprechpartner ist im Urlaub, wer vertritt ihn?', 'Die Personalabteilung braucht eine Rechnung', 'Ich bin kein Roboter, warum wird mein Login blockiert?', 'Hat ein Mensch diese Antwort geschrieben?',
    'Danke, ich brauche niemanden mehr', 'Können Mitarbeiter mehrere Konten haben?', 'Der Techniker kommt morgen um zehn', 'Wie lange dauert die Lieferung nach Österreich?'),
  ...yes('fr', 'un humain', 'Est-ce que je pourrais parler à quelqu\'un de votre service client ?', 'Je voudrais être rappelé par un conseiller', 'passez moi un superviseur',
    'y a-t-il une vraie personne derrière ce chat ? je veux lui parler', 'jveux parler a qqn de réel', 'Merci de transmettre mon dossier à un agent', 'Pourriez-vous me mettre en relation avec le service technique ?'),
  ...no('fr', 'Mon conseiller bancaire doit recevoir la facture', 'Le service des ressources humaines demande un justificatif', 'Je ne suis pas un robot, pourquoi ce captcha ?', 'Inutile de me passer quelqu\'un, c\'est réglé',
    'Combien de personnes peuvent utiliser le compte ?', 'Le livreur a laissé le colis chez le voisin', 'Est-ce que vous êtes ouverts le dimanche ?', 'Un technicien est déjà venu hier'),
  ...yes('es', 'con un humano', 'Quiero hablar con una persona de verdad', '¿Me podría atender un agente?', 'pásame con tu supervisor',
    'necesito q alguien me llame xfa', '¿Hay alguien de soporte que me pueda ayudar personalmente?', 'Me gustaría hablar con alguien del departamento de facturación', 'ya basta del bot, quiero un asesor'),
  ...no('es', 'Mi gerente necesita una copia de la factura', 'No soy un robot, ¿por qué me bloquean?', 'El agente de viajes reservó mal las fechas', 'Ya no necesito hablar con nadie, gracias',
    '¿Cuántos usuarios incluye el plan?', 'Recursos humanos me pidió un certificado', 'El repartidor no tocó el timbre', '¿Un humano revisa estas conversaciones?'),
  ...yes('pt', 'me vê um atendente aí', 'Quero falar com uma pessoa, por favor', 'Tem como me passar para um atendente humano?', 'Gostaria de falar com o supervisor',
    'preciso q alguem me ligue urgente', 'Pode transferir para o suporte técnico?', 'chega de robô, quero gente de verdade', 'Alguém da equipe pode analisar meu caso?'),
  ...no('pt', 'O meu chefe precisa da nota fiscal', 'Não sou um robô, por que o site me bloqueia?', 'O entregador deixou na portaria', 'Não precisa me transferir, já resolvi',
    'Quantas pessoas podem usar a mesma conta?', 'O RH precisa do comprovante', 'Vocês atendem aos sábados?', 'Um técnico já veio aqui ontem'),
  ...yes('it', 'operatore per favore', 'Mi piacerebbe sentire una persona vera', 'Mi passi un operatore umano?', 'Posso parlare con il responsabile?',
    'mi serve qualcuno che mi chiami', 'C\'è qualcuno del supporto che può aiutarmi?', 'basta bot, voglio un essere umano', 'Potrebbe mettermi in contatto con un consulente?'),
  ...no('it', 'Il mio responsabile vuole la fattura', 'Non sono un robot, perché il sito mi blocca?', 'Il corriere ha lasciato il pacco al vicino', 'Non serve che mi chiamate, ho risolto',
    'Quanti utenti posso aggiungere?', 'L\'ufficio del personale chiede un documento', 'Siete aperti la domenica?', 'Un tecnico è già passato ieri'),
  ...yes('nl', 'medewerker aub', 'Ik wil graag een mens spreken', 'Kan ik met iemand van de klantenservice praten?', 'Mag ik uw teamleider spreken?',
    'kan iemand me bellen pls', 'Is er een echte persoon die me kan helpen?', 'genoeg met die bot, ik wil een medewerker', 'Zou ik iemand van de technische dienst kunnen spreken?'),
  ...no('nl', 'Mijn manager wil een kopie van de factuur', 'Ik ben geen robot, waarom word ik geblokkeerd?', 'De bezorger heeft het pakket bij de buren gelaten', 'Ik hoef niemand meer te spreken, het is opgelost',
    'Hoeveel gebruikers kan ik toevoegen?', 'Personeelszaken vraagt om een bewijs', 'Zijn jullie op zondag open?', 'Er is gisteren al een monteur geweest'),
  ...yes('ja', 'オペレーター', '人と話したいです', '担当者に代わってもらえますか', '上の人を出してください',
    'だれか電話してくれませんか', 'ボットじゃなくて人間と話させて', 'サポートの方に直接相談できますか', 'オペレーターにつないでください'),
  ...no('ja', '上司が請求書を必要としています', 'ロボットではありません、なぜブロックされるのですか', '配達員が荷物を隣に置いていきました', 'もう解決したので電話は不要です',
    '何人まで利用できますか', '人事部から証明書を求められました', '日曜日は営業していますか', '昨日技術者が来ました'),
];
