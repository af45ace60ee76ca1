import type { GrammarSpec } from '../grammar.js';

export const fr: GrammarSpec = {
  lang: 'fr',
  stopwords: 'je tu vous le la les un une des de du avec pas est suis mon ma mes votre pour que qui svp stp moi me ce et au il elle on ne',
  rewrites: {
    j: 'je', jveux: 'je veux', jvoudrais: 'je voudrais', jpeux: 'je peux', chuis: 'je suis', qu: 'que', n: 'ne', m: 'me', t: 'te', l: 'le', d: 'de', c: 'ce', s: 'se',
    "quelqu'un": 'quelquun', qqn: 'quelquun', qqun: 'quelquun', qq1: 'quelquun', kelkun: 'quelquun', "s'il": 'sil', pls: 'svp', plz: 'svp', please: 'svp',
    pk: 'pourquoi', pq: 'pourquoi', vx: 'veux', ve: 'veux', bjr: 'bonjour', slt: 'salut', tjrs: 'toujours', dispo: 'disponible', dispos: 'disponible',
    "y'a": 'il y a', ya: 'il y a', "aujourd'hui": 'aujourdhui', pr: 'pour', ds: 'dans', cb: 'combien',
  },
  people: [
    'humain', 'humains', 'humaine', 'etre humain', 'personne', 'vraie personne', 'quelquun', 'conseiller', 'conseillers', 'conseillere', 'conseilleres',
    'agent', 'agents', 'operateur', 'operatrice', 'operateurs', 'service client', 'service clientele', 'service apres vente', 'sav', 'collegue',
    'interlocuteur', 'interlocutrice', 'technicien', 'technicienne', 'vendeur', 'vendeuse', 'un vrai', 'employe', 'chair et en os',
  ],
  seniors: ['responsable', 'responsables', 'superieur', 'superieure', 'chef', 'manager', 'directeur', 'directrice', 'superviseur', 'superviseuse'],
  notPeople: ['ressources humaines', 'erreur humaine', 'agent immobilier', 'agent de voyage*', 'agent d assurance*', 'agent de assurance*', 'service rh', 'personne ne', 'personne me'],
  possessives: 'mon ma mes notre nos son sa ses leur leurs',
  fillers: 'svp stp sil vous plait te un une le la des vrai vraie vrais reel reelle maintenant vite rapidement bonjour salut merci urgent juste',
  cues: {
    after: [
      'parler a', 'parler au', 'parler aux', 'parler avec', 'discuter avec', 'echanger avec', 'passez moi', 'passe moi', 'passer', 'me passer', 'transferez moi',
      'transfere moi', 'transferer', 'me transferer', 'rediriger', 'redirigez moi', 'mettre en relation', 'mettez moi en relation', 'mis en relation',
      'mise en relation', 'en relation avec', 'en contact avec', 'je veux', 'je voudrais', 'je souhaite', 'je souhaiterais', 'je aimerais', 'je prefere',
      'je prefererais', 'je demande', 'mettez moi avec', 'mets moi avec', 'besoin de', 'en ligne avec', 'orienter vers', 'orientez moi vers', 'chatter avec', 'converser avec',
      'communiquer avec', 'renvoyer vers', 'renvoyez moi vers', 'transferez|3', 'transferer|3', 'transfere|3', 'transfer* a', 'transfer* vers', 'redirig* vers', 'redirig* a', 'je peux avoir', 'puis je avoir', 'avoir', 'donnez moi', 'il y a', 'y a t il', 'auriez vous', 'avez vous',
    ],
    near: ['disponible', 'rappeler', 'me rappeler', 'rappelez moi', 'contacter', 'joindre', 'occupe', 'occuper', 'regarde', 'regarder', 'reprendre', 'prendre le relais'],
    before: ['me aider?'],
    alone: ['transferez moi', 'il y a quelquun', 'quelquun la', 'y a quelquun'],
  },
  polite: 'pourriez pourrais pourrait voudrais aimerais souhaiterais serait possible auriez prefererais',
  negators: 'ne pas jamais sans aucun aucune',
  bots: ['robot', 'robots', 'bot', 'bots', 'chatbot', 'machine', 'ia', 'ordinateur', 'automate', 'pas vous', 'pas toi'],
  why: ['pourquoi'],
  barriers: 'si quand parce',
  infoQuestions: ['quand', 'a quelle heure', 'jusqu a quelle heure', 'jusque a quelle heure'],
  questionOpeners: 'peut pouvez pourriez pourrait est',
  courtesy: 'svp sil plait maintenant vite',
};
