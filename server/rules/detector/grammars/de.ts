import type { GrammarSpec } from '../grammar.js';

export const de: GrammarSpec = {
  lang: 'de',
  stopwords: 'ich du sie der die das ein eine einen einem mit nicht ist bin bitte mein meine kann will mochte wie wo was und mich mir kein es auf fur zu ihr ihren',
  rewrites: {
    nen: 'einen', ner: 'einer', nem: 'einem', ne: 'eine', n: 'ein', mocht: 'mochte', moechte: 'mochte', moecht: 'mochte', wuerde: 'wurde', haette: 'hatte',
    hatt: 'hatte', pls: 'bitte', plz: 'bitte', please: 'bitte', bidde: 'bitte', bite: 'bitte', red: 'rede', ma: 'mal', grad: 'gerade', mitarb: 'mitarbeiter',
    "gibt's": 'gibt es', gibts: 'gibt es', "geht's": 'geht es', wat: 'was', nich: 'nicht', nix: 'nichts', koennte: 'konnte', koennten: 'konnten',
  },
  people: [
    'mensch*', 'person', 'echte person', 'mitarbeiter*', 'berater*', 'ansprechpartner*', 'jemand*', 'irgendwer', 'irgendjemand*',
    'kundenservice', 'kundendienst', 'kundenbetreuer*', 'support team', 'supportteam', 'service team', 'servicemitarbeiter*', 'agent', 'operator',
    'fleisch und blut', 'sachbearbeiter*', 'kollege*', 'kollegin*', 'leute', 'techniker*', 'fachmann', 'fachleute', 'experte*', 'expertin*', 'spezialist*', 'menschliche* ansprechpartner*',
  ],
  seniors: ['zustandige*', 'vorgesetzte*', 'chef', 'chefin', 'teamleit*', 'leitung', 'manager*', 'verantwortliche*', 'supervisor', 'abteilungsleiter*', 'filialleiter*', 'geschaftsfuhr*'],
  notPeople: ['user agent', 'reiseburo', 'personalabteilung', 'human resources', 'agent login', 'menschliche* fehler', 'menschliches versagen', 'menschenrecht*'],
  possessives: 'mein meine meinen meinem meiner meines unser unsere unseren unserem unserer sein seine seinem seinen',
  fillers: 'ihren ihre ihrem ihr euren eure eurem bitte einen eine einem einer ein den dem die der echt echte echten echter echtes richtige* lebendige* menschlich* jetzt sofort mal hallo hi hey ok okay danke schnell endlich doch nur gern gerne hier',
  cues: {
    after: [
      'ich will', 'ich mochte', 'ich brauche', 'ich hatte gern*', 'ich hatte lieber', 'ich wurde gern*', 'lieber', 'ich verlange', 'ich bestehe auf',
      'geben sie mir', 'gib mir', 'holen sie', 'hol mir', 'holt mir', 'kann ich|2', 'konnte ich|2', 'darf ich|2', 'gibt es', 'ist da', 'ist hier', 'sind da',
      'verbinden sie mich mit', 'verbinde mich mit', 'weiterleiten an', 'will', 'stellen sie mich', 'stell mich', 'leiten sie mich', 'leite mich', 'leitet mich', 'vermitteln sie mich', 'vermittle mich', 'geht das auch mit', 'geht es auch mit',
      'verbinden sie mich zu', 'verbinde mich zu', 'geben sie mich', 'gib mich', 'reichen sie mich', 'schalten sie', 'schalte', 'schaltet', 'zuschalten', 'hinzuziehen',
      'geht auch?', 'ginge auch?', 'weitergeben an', 'ubergeben sie an', 'ubergeben an', 'ubergib an', 'ich hatte gern*', 'holen sie mir',
    ],
    near: ['frei?', 'sprechen', 'reden', 'chatten', 'verbinden', 'verbinde', 'weiterleiten', 'weiterverbinden', 'durchstellen', 'verfugbar', 'erreichbar', 'ruckruf', 'zuruckrufen', 'anrufen', 'anschauen', 'ansehen', 'ubernehmen', 'ubergeben', 'telefonieren', 'umleiten', 'vermitteln', 'anruf*', 'zuruckruf*', 'kontaktieren', 'dazuholen', 'dazuschalten', 'weitergeben', 'ans telefon', 'an den apparat', 'an die strippe'],
    before: ['kummern', 'melden', 'mir helfen?'],
    alone: ['jemand da', 'ist da wer', 'ist da jemand', 'weiterleiten', 'durchstellen'],
  },
  departments: [
    'buchhaltung', 'abrechnung', 'technik', 'technischen support', 'technischer support', 'technische support', 'support', 'vertrieb', 'verkauf', 'rechnungsabteilung',
    'fachabteilung', 'abteilung', 'reklamationsabteilung', 'technische abteilung', 'technischen abteilung', 'zentrale', 'hotline', 'servicehotline', 'team', 'ihrem team', 'ihr team', 'kundenbetreuung', 'technischen dienst', 'technischer dienst',
  ],
  routing: 'sprech* red* verbind* weiterleit* leit* durchstell* stell* vermittel* vermittl* ubergeb* ubergib gib geben weiter* anruf* zuruckruf* telefonier* schalt* zuschalt* dazu* chatt* kontaktier* hol* reich*',
  declines: ['sagt dass', 'sagte dass', 'meinte dass', 'gesagt dass', 'versprochen dass', 'nicht notig', 'nicht notwendig', 'nicht erforderlich', 'unnotig', 'kein bedarf', 'nicht mehr notig', 'hat sich erledigt', 'brauchen nicht', 'brauchen sie nicht', 'mussen nicht', 'mussen sie nicht', 'schon erledigt'],
  barePrepositions: 'mit zu zum zur an',
  qualifiers: 'von vom aus der im bei',
  polite: 'konnten konnte wurden wurde hatte ware moglich gern gerne freundlicherweise',
  negators: 'nicht kein keine keinen keinem keiner nie niemals niemand niemanden ohne',
  bots: ['bot', 'bots', 'chatbot', 'roboter', 'maschine', 'ki', 'computer', 'automat', 'nicht du', 'nicht sie'],
  why: ['warum', 'wieso', 'weshalb'],
  barriers: 'ob wenn wann weil dass',
  topics: ['namen', 'name', 'nummer', 'telefonnummer', 'durchwahl', 'email', 'adresse', 'uber', 'wegen', 'bezuglich', 'betreffend', 'beschweren', 'beschwerde'],
  infoQuestions: ['wann', 'ab wann', 'bis wann', 'um wie viel uhr'],
  questionOpeners: 'kann konnte kannst konnen konnten',
  courtesy: 'bitte jetzt sofort',
};
