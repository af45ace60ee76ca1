import type { GrammarSpec } from '../grammar.js';

export const nl: GrammarSpec = {
  lang: 'nl',
  stopwords: 'ik je jij u het de een niet met van mijn uw wil kan mag graag wat waar hoe er dat die ben heb geen aub even ff naar voor is zijn',
  rewrites: {
    ff: 'even', effe: 'even', ajb: 'aub', pls: 'aub', plz: 'aub', please: 'aub', mn: 'mijn', k: 'ik', n: 'een', "'n": 'een', "'t": 'het', kben: 'ik ben',
    kwil: 'ik wil', iemant: 'iemand', ieman: 'iemand', wil: 'wil', mw: 'medewerker', mdw: 'medewerker',
  },
  people: [
    'mens', 'mensen', 'persoon', 'echt persoon', 'iemand', 'medewerker', 'medewerkers', 'medewerkster', 'klantenservice', 'helpdesk', 'servicedesk',
    'klantendienst', 'adviseur', 'agent', 'operator', 'collega', 'vlees en bloed', 'echt mens', 'specialist', 'deskundige', 'monteur', 'technicus',
  ],
  pronouns: 'hem',
  seniors: ['leidinggevende', 'manager', 'chef', 'supervisor', 'teamleider', 'baas', 'verantwoordelijke', 'directeur'],
  notPeople: ['menselijke fout', 'reisbureau', 'reisagent', 'makelaar', 'personeelsafdeling', 'user agent', 'mensenrechten', 'verzekeringsagent'],
  possessives: 'mijn onze ons zijn haar',
  copulas: { before: 'ben word', after: 'worden zijn' },
  fillers: 'aub graag alstublieft alsjeblieft een de het nu even snel hallo hoi hey echt echte ok dank bedankt gewoon alleen',
  cues: {
    after: [
      'ik wil', 'wil ik', 'is hier', 'is daar', 'ik zou graag', 'ik heb liever', 'liever', 'graag', 'mag ik', 'kan ik', 'is er', 'zijn er', 'geef me', 'geef mij',
      'verbind me door met', 'verbind mij door met', 'doorverbinden met', 'in contact met', 'brengen met', 'doorsturen naar', 'stuur me door naar', 'stuur mij door naar', 'door naar', 'overzetten naar', 'chatten met', 'wil', 'doorverbind*', 'verbind* door',
      'zet me door naar', 'zet mij door naar', 'zet me door', 'zet mij door', 'verbind me met', 'verbind mij met', 'verbinden met', 'doorschakelen naar', 'koppelen aan', 'koppel me aan',
      'in gesprek met', 'overdragen aan', 'aan de lijn', 'aan de telefoon', 'geef me maar', 'geef mij maar', 'liefst',
    ],
    near: ['online?', 'antwoorden?', 'te woord staan', 'vrij?', 'terug te bellen', 'terug bellen', 'spreken', 'praten', 'chatten', 'doorverbinden', 'verbinden', 'nodig', 'beschikbaar', 'terugbellen', 'bellen', 'kijken', 'overnemen', 'erbij halen', 'erbij roepen', 'opnemen', 'contact opnemen',],
    before: ['mij helpen?', 'me helpen?'],
    alone: ['is er iemand', 'iemand daar', 'doorverbinden'],
  },
  departments: [
    'financiele afdeling', 'afdeling', 'boekhouding', 'administratie', 'technische dienst', 'technische ondersteuning', 'ondersteuning', 'support', 'verkoopafdeling', 'verkoop',
    'klachtenafdeling', 'servicedienst', 'team', 'supportteam', 'technische afdeling',
  ],
  routing: 'spre* prat* chat* verbind* doorverbind* verbinden door* zet stuur* bel* terugbel* contact* breng* koppel* overzet* overdrag* lijn telefoon doorschakel* gesprek',
  declines: ['zei dat', 'zegt dat', 'beloofde dat', 'niet nodig', 'hoeft niet', 'hoef niet', 'hoeven niet', 'geen behoefte', 'niet meer nodig', 'laat maar', 'onnodig', 'al opgelost', 'is opgelost'],
  barePrepositions: 'met',
  qualifiers: 'van bij uit',
  polite: 'zou zouden kunt graag alstublieft mogelijk willen',
  negators: 'niet geen nooit zonder niemand hoef hoeft',
  bots: ['bot', 'robot', 'chatbot', 'computer', 'machine', 'ai', 'niet jij', 'niet u'],
  why: ['waarom'],
  alternatives: ['in plaats van', 'liever dan'],
  barriers: 'of als wanneer omdat',
  topics: ['account', 'licentie', 'toegang', 'naam', 'nummer', 'telefoonnummer', 'email', 'mail', 'adres', 'gegevens', 'over', 'klagen', 'klacht'],
  infoQuestions: ['wanneer', 'hoe laat', 'tot hoe laat'],
  questionOpeners: 'kan kunt kunnen zou',
  courtesy: 'aub graag alstublieft alsjeblieft nu',
};
