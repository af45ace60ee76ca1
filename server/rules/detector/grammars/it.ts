import type { GrammarSpec } from '../grammar.js';

export const it: GrammarSpec = {
  lang: 'it',
  stopwords: 'io il lo gli le un una uno con di non sono mio mia che per favore voglio vorrei posso mi come dove del della ho ce e',
  rewrites: {
    x: 'per', cn: 'con', nn: 'non', xke: 'perche', xche: 'perche', perke: 'perche', qlcn: 'qualcuno', qlc: 'qualcuno', qualcun: 'qualcuno',
    "c'e": 'ce', "c'era": 'cera', '1': 'un', pls: 'per favore', please: 'per favore', perfavore: 'per favore', grz: 'grazie', cmq: 'comunque',
    "dov'e": 'dove e', "com'e": 'come e',
  },
  people: [
    'umano', 'umani', 'umana', 'essere umano', 'persona', 'persona vera', 'persona reale', 'qualcuno', 'operatore', 'operatori', 'operatrice', 'consulente',
    'agente', 'assistente', 'assistenza umana', 'servizio clienti', 'carne e ossa', 'addetto', 'addetta', 'tecnico', 'impiegato', 'impiegata', 'collega', 'specialista', 'esperto', 'essere umano', 'operatore umano',
  ],
  seniors: ['responsabile', 'supervisore', 'capo', 'manager', 'direttore', 'direttrice', 'superiore', 'dirigente'],
  notPeople: ['risorse umane', 'errore umano', 'diritti umani', 'agente immobiliare', 'agente di viaggi*', 'agenzia di viaggi*', 'agente assicurativo', 'agente di commercio', 'assistente virtuale'],
  possessives: 'mio mia miei mie nostro nostra',
  fillers: 'suo sua per favore un uno una il lo la l ora subito adesso ciao salve buongiorno vero vera reale urgente solo ok grazie',
  cues: {
    after: [
      'parlare con', 'parlare a', 'parlarmi', 'passami', 'mi passi', 'mi passa', 'passarmi', 'mi passate', 'trasferire|1', 'trasferirmi', 'trasferitemi',
      'trasferito a', 'trasferita a', 'mettere in contatto', 'mettermi in contatto', 'in contatto con', 'voglio', 'vorrei', 'mi serve', 'ho bisogno di', 'ho bisogno che', 'inoltr*|3', 'indirizz* a', 'reindirizz* a', 'chattare con', 'conversare con',
      'preferisco', 'preferirei', 'ce', 'posso avere', 'datemi', 'mi dia', 'esiste', 'trasfer* a', 'trasfer* con', 'passa* a', 'passa* con',
      'colleg* con', 'colleg* a', 'colleg* al', 'colleg* all', 'colleg* alla', 'in linea con', 'mettere in linea', 'trasfer* al', 'trasfer* all', 'trasfer* alla', 'passa* al', 'passa* all', 'passa* alla',
      'sentire|2', 'parlare direttamente con', 'mettermi in contatto', 'mi metta in contatto', 'mettetemi in contatto', 'mi mette in contatto', 'essere messo in contatto', 'essere messa in contatto',
      'inoltr* al', 'inoltr* all', 'inoltr* alla', 'mi puo passare', 'mi potete passare', 'mi puoi passare', 'gir* a', 'gir* al', 'gir* all', 'gir* alla', 'fatemi parlare', 'fammi parlare', 'mi faccia parlare',
    ],
    near: ['libero?', 'libera?', 'disponibile', 'disponibili', 'chiami', 'mi chiami', 'chiamasse', 'chiamare', 'rispondermi', 'richiamare', 'richiamarmi', 'chiamarmi', 'contattare', 'contattarmi', 'guardare', 'occuparsi', 'prendere in carico', 'mi contatti', 'mi richiami', 'mi chiamasse', 'mi telefoni', 'telefonarmi', 'mi ricontatti', 'ricontattarmi'],
    before: ['aiutarmi?', 'mi aiuti?'],
    alone: ['ce qualcuno', 'qualcuno li', 'trasferitemi'],
  },
  departments: [
    'ufficio tecnico', 'ufficio', 'amministrazione', 'assistenza', 'assistenza tecnica', 'supporto', 'supporto tecnico', 'reparto', 'contabilita', 'ufficio commerciale',
    'commerciale', 'centralino', 'servizio tecnico', 'ufficio reclami', 'help desk', 'helpdesk', 'team', 'squadra',
  ],
  routing: 'parl* sent* pass* trasfer* mett* contatt* inoltr* indirizz* reindirizz* colleg* chiam* richiam* chatt* convers* linea gir* telefon*',
  declines: ['ha detto che', 'mi ha detto che', 'dice che', 'ha promesso che', 'non serve', 'non ce bisogno', 'non occorre', 'non e necessario', 'non ho piu bisogno', 'piu bisogno', 'inutile', 'lascia stare', 'lasci stare', 'non importa', 'ho risolto', 'non e il caso'],
  barePrepositions: 'con a',
  qualifiers: 'di del della dell dello dal dalla',
  polite: 'potrei potrebbe potreste vorrei sarebbe possibile piacerebbe gentilmente cortesemente',
  negators: 'non mai senza nessuno nessun nessuna',
  bots: ['bot', 'robot', 'macchina', 'ia', 'chatbot', 'assistente virtuale', 'non tu', 'non lei'],
  why: ['perche'],
  barriers: 'se quando perche',
  topics: ['nome', 'numero', 'email', 'mail', 'indirizzo', 'recapito', 'parlare di', 'parlare del', 'parlare della', 'parlare dello', 'parlare dell', 'parlare dei', 'riguardo', 'a proposito', 'lamentarmi', 'lamentare', 'reclamo'],
  infoQuestions: ['quando', 'a che ora', 'fino a che ora'],
  questionOpeners: 'puo potrebbe potete puoi',
  courtesy: 'per favore subito ora adesso grazie',
};
