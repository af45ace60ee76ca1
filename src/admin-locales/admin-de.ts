import type { AdminStrings } from './admin-en.js';

const de: AdminStrings = {
  title: 'Eskalationsregeln', agent: 'KI-Agent', on: 'an', off: 'aus', add: 'Regel hinzufügen', name: 'Name der Regel', field: 'Feld', operator: 'Operator', value: 'Wert', reason: 'Grund', handoff: 'Übergeben', suggest: 'Nur vorschlagen',
  tryIt: 'Nachricht testen', tryPlaceholder: 'z. B. Ich möchte mit einem Menschen sprechen', tryButton: 'Testen', noMatch: 'Keine Regel passt: die KI behält das Gespräch.', matched: 'Passt',
  noAgents: 'Noch kein KI-Agent mit diesem Konto verbunden.', adminRequired: 'Nur ein Zendesk-Admin kann die Regeln ändern. Melden Sie sich mit Ihrem Zendesk-Admin-Konto an, um fortzufahren.', ruleGone: 'Diese Regel wurde anderswo geändert oder gelöscht. Die Liste zeigt jetzt die aktuellen Regeln.', signInAsAdmin: 'Mit Zendesk als Admin anmelden',
  newRule: 'Neue Regel', editRule: 'Regel bearbeiten: {name}', edit: 'Bearbeiten', delete: 'Löschen', cancel: 'Abbrechen', save: 'Regel speichern', active: 'Aktiv', moveUp: 'Nach oben', moveDown: 'Nach unten', dragHandle: '{name} zum Umsortieren ziehen',
  confirmDelete: 'Die Regel „{name}“ löschen? Das lässt sich nicht rückgängig machen.', confirmDeleteYes: 'Ja, löschen', saved: 'Regel gespeichert.', deletedOne: 'Regel gelöscht.', moved: '{name} ist jetzt Regel {n} von {total}.',
  allTitle: 'ALLE folgenden Bedingungen erfüllen', anyTitle: 'MINDESTENS EINE der folgenden Bedingungen erfüllen', addCondition: 'Bedingung hinzufügen', removeCondition: 'Bedingung {n} entfernen', conditionN: 'Bedingung {n}',
  attribute: 'Name des Attributs', yes: 'Ja', no: 'Nein', actions: 'Aktionen', actionType: 'Was passiert', group: 'Zendesk-Gruppen-ID', priority: 'Priorität', priorityDefault: 'Unverändert',
  priorities: { urgent: 'Dringend', high: 'Hoch', normal: 'Normal', low: 'Niedrig' }, tags: 'Tags (durch Leerzeichen getrennt)', messages: 'Übergabenachricht an den Kunden', messageIn: 'Nachricht auf {language}', noConditions: 'Keine Bedingungen',
  problems: { nameRequired: 'Geben Sie der Regel einen Namen.', needValue: 'Geben Sie einen Wert ein.', notNumber: 'Geben Sie eine Zahl ein.', badPattern: 'Dieses Muster ist ungültig: {detail}', needCondition: 'Fügen Sie mindestens eine Bedingung hinzu.', badTag: 'Tags dürfen nur Kleinbuchstaben, Ziffern und _ : - enthalten.', badGroup: 'Eine Gruppen-ID ist eine positive ganze Zahl.', operatorMismatch: 'Dieser Operator passt nicht zu diesem Feld.', attributeRequired: 'Geben Sie den Namen des Attributs an.', other: 'Bitte prüfen: {detail}' },
  result: { met: 'erfüllt', notMet: 'nicht erfüllt', skipped: 'nicht geprüft (eine frühere Bedingung war nicht erfüllt)', actual: 'die Nachricht hat: {actual}', nothing: 'nichts', disabled: 'aus: übersprungen', error: 'konnte nicht geprüft werden: {detail}' },
  decisionHandoff: 'Übergibt mit „{rule}“ ({reason}).', decisionSuggest: 'Schlägt eine Übergabe mit „{rule}“ vor ({reason}).', handoffOff: 'Die Übergabe ist für diesen KI-Agenten ausgeschaltet.',
  fields: {
    text: 'Nachricht des Kunden', language: 'Sprache', confidence: 'Sicherheit der KI (0–1)', sentiment: 'Stimmung des Kunden (−1 bis 1)', intent: 'Thema (Intent)', consecutive_fallbacks: 'KI-Fallbacks in Folge', turn_count: 'Anzahl der Runden', waiting_seconds: 'Wartezeit (Sekunden)', business_hours: 'Innerhalb der Geschäftszeiten', trigger: 'Eigener Auslöser',
    'detected.human_request': 'Verlangt einen Menschen', 'detected.repeated_fallback': 'Die KI scheitert wiederholt', 'detected.low_confidence': 'Geringe Sicherheit der KI', 'detected.negative_sentiment': 'Verärgerter Kunde',
    'customer.': 'Kundenattribut', 'metadata.': 'Gesprächsmetadaten', 'trigger.payload.': 'Wert aus dem Auslöser',
  },
  operators: { is: 'Ist', is_not: 'Ist nicht', contains: 'Enthält', not_contains: 'Enthält nicht', matches: 'Passt zum Muster', less_than: 'Kleiner als', greater_than: 'Größer als', includes: 'Ist einer von', present: 'Ist vorhanden', not_present: 'Ist nicht vorhanden' },
};
export default de;
