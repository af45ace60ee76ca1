import type { DetectorTurn, Lang } from './turn.js';

/**
 * SECOND INDEPENDENT PROBE — 128 turns written on 2026-12-01 by the lead (not the grammars' author), without reading
 * the grammars or the tuning set, after the detector's second round of tuning was merged (commit 62eb9bb). Measured
 * once; that first reading is in README. Never tune on it, never edit it, never copy its sentences into the tuning set.
 */
const yes = (lang: Lang, ...texts: string[]): DetectorTurn[] => texts.map((text) => ({ text, lang, human: true, family: 'independent-2' }));
const no = (lang: Lang, ...texts: string[]): DetectorTurn[] => texts.map((text) => ({ text, lang, human: false, family: 'independent-2' }));

export const INDEPENDENT_PROBE_2: DetectorTurn[] = [
  ...yes('en', 'real person pls', 'Can you get a human to look at this?', 'I need to speak with whoever is in charge of refunds', 'escalate this to a person',
    'Is anybody from your support team available right now?', 'This chatbot is useless, let me talk to staff', 'could I have a quick word with a team lead', 'pls connect me w an actual agent'),
  ...no('en', 'The delivery person left it at the wrong door', 'How do I add another agent seat to my plan?', 'My manager approved the purchase already', 'No, I do not want to be transferred, just answer here',
    'Does a human read these chats later?', 'Please tell the person who packed my order thanks', 'I talked to someone on the phone and it is sorted', 'What does "live agent" mean in your pricing page?'),
  ...yes('de', 'nen Menschen, bitte!', 'Kann sich bitte ein Mitarbeiter bei mir melden?', 'Ich will mit jemandem vom Kundendienst reden', 'Gib mir bitte einen echten Ansprechpartner',
    'Könnte ich kurz mit einem Kollegen aus der Technik sprechen?', 'Das hier bringt nichts, ich möchte eine Person', 'bitte an einen menschen weitergeben', 'Ist gerade jemand vom Support erreichbar?'),
  ...no('de', 'Der Paketbote hat geklingelt, aber niemand war da', 'Wie viele Agenten-Lizenzen brauche ich?', 'Mein Chef hat die Bestellung schon freigegeben', 'Ich will nicht weitergeleitet werden, antworte einfach hier',
    'Liest ein Mensch diese Chats später?', 'Die Mitarbeiterin im Laden war sehr nett', 'Ich habe gestern mit jemandem telefoniert, alles erledigt', 'Was heißt "Live-Agent" in eurer Preisliste?'),
  ...yes('fr', 'une personne svp', 'Un conseiller peut-il me rappeler ?', "J'aimerais parler à quelqu'un du service après-vente", "Je veux qu'un humain s'occupe de mon dossier",
    "Est-ce que quelqu'un de l'équipe support est disponible ?", 'Ce robot ne sert à rien, je veux un vrai conseiller', 'pouvez-vous me transférer à un responsable', 'Passez-moi un technicien s’il vous plaît'),
  ...no('fr', "Le livreur n'a pas sonné", "Combien coûte une licence d'agent supplémentaire ?", 'Mon responsable a déjà validé la commande', 'Je ne veux pas être transféré, répondez-moi ici',
    'Est-ce un humain qui lit ces messages ?', 'La vendeuse du magasin était très aimable', "J'ai eu quelqu'un au téléphone hier, c'est réglé", 'Que veut dire "agent en direct" sur votre page de tarifs ?'),
  ...yes('es', 'una persona porfa', '¿Puede llamarme alguien de atención al cliente?', 'Quiero hablar con quien lleve los reembolsos', 'Necesito que un humano revise esto',
    '¿Hay algún agente disponible ahora?', 'Este bot no sirve, quiero hablar con alguien del equipo', 'pásame con un encargado por favor', '¿Me puedes poner con soporte técnico?'),
  ...no('es', 'El repartidor dejó el paquete en otra puerta', '¿Cuánto cuesta una licencia de agente más?', 'Mi jefe ya aprobó la compra', 'No quiero que me transfieran, respóndeme aquí',
    '¿Un humano lee estos chats después?', 'La chica de la tienda fue muy amable', 'Ayer hablé con alguien por teléfono y ya está resuelto', '¿Qué significa "agente en vivo" en su página de precios?'),
  ...yes('pt', 'uma pessoa de verdade, pfv', 'Alguém do atendimento pode me ligar?', 'Quero falar com quem cuida dos reembolsos', 'Preciso que um humano veja isso',
    'Tem algum atendente disponível agora?', 'Esse robô não ajuda, quero falar com alguém da equipe', 'me passa pro supervisor por favor', 'Pode me colocar com o suporte técnico?'),
  ...no('pt', 'O entregador deixou o pacote na porta errada', 'Quanto custa uma licença de agente a mais?', 'Meu chefe já aprovou a compra', 'Não quero ser transferido, responde aqui mesmo',
    'Um humano lê essas conversas depois?', 'A moça da loja foi muito simpática', 'Ontem falei com alguém por telefone e já resolveu', 'O que significa "agente ao vivo" na página de preços?'),
  ...yes('it', 'una persona per favore', 'Qualcuno del servizio clienti può richiamarmi?', 'Voglio parlare con chi si occupa dei rimborsi', 'Ho bisogno che un umano controlli questa cosa',
    "C'è un operatore disponibile adesso?", 'Questo bot non serve a niente, voglio parlare con qualcuno del team', 'mi passi un responsabile per favore', "Mi può mettere in contatto con l'assistenza tecnica?"),
  ...no('it', 'Il corriere ha lasciato il pacco alla porta sbagliata', 'Quanto costa una licenza operatore in più?', 'Il mio capo ha già approvato l’acquisto', 'Non voglio essere trasferito, rispondimi qui',
    'Un umano legge queste chat dopo?', 'La commessa del negozio è stata gentilissima', 'Ieri ho parlato con qualcuno al telefono ed è tutto risolto', 'Cosa significa "operatore dal vivo" nella pagina dei prezzi?'),
  ...yes('nl', 'een mens graag', 'Kan iemand van de klantenservice me terugbellen?', 'Ik wil praten met degene die over terugbetalingen gaat', 'Ik wil dat een mens hiernaar kijkt',
    'Is er nu een medewerker beschikbaar?', 'Deze bot helpt niet, ik wil iemand van het team spreken', 'verbind me door met een leidinggevende aub', 'Kunt u me doorverbinden met de technische ondersteuning?'),
  ...no('nl', 'De bezorger heeft het pakket bij de verkeerde deur gezet', 'Wat kost een extra agentlicentie?', 'Mijn baas heeft de aankoop al goedgekeurd', 'Ik wil niet doorverbonden worden, antwoord gewoon hier',
    'Leest een mens deze chats later?', 'De verkoopster in de winkel was heel vriendelijk', 'Ik heb gisteren iemand aan de telefoon gehad, het is opgelost', 'Wat betekent "live agent" op jullie prijspagina?'),
  ...yes('ja', '人間の方お願いします', 'カスタマーサポートの方から折り返し電話をもらえますか', '返金の担当の方と話したいです', 'これは人に確認してほしいです',
    '今お話しできるスタッフの方はいますか', 'このボットでは解決しないので、担当者と話させてください', '責任者に代わってもらえますか', '技術サポートにつないでもらえますか'),
  ...no('ja', '配達の人が違うドアに置いていきました', 'エージェントのライセンスを一つ追加するといくらですか', '上司はもう購入を承認しました', '転送はしないでください、ここで答えてください',
    'このチャットは後で人が読みますか', 'お店の店員さんはとても親切でした', '昨日電話で話して、もう解決しました', '料金ページの「ライブエージェント」とは何ですか'),
];
