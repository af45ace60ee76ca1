import type { WaitingStrings } from './waiting-en.js';

/** "While the customer waits" in German. */
const strings: WaitingStrings = {
  title: "Während der Kunde wartet",
  appliesLater: "Änderungen gelten für Übergaben, die nach dem Speichern entstehen. Bereits wartende Übergaben behalten ihre Einstellungen.",
  useHours: "Geschäftszeiten des Zendesk-Kontos verwenden (Zeitpläne und Feiertage)",
  noAgent: "Kein Agent hat geantwortet",
  minutes: "Minuten (leer: aus)",
  minutesInvalid: "Geben Sie eine ganze Zahl von 1 bis 10080 Minuten ein oder lassen Sie das Feld leer, um auszuschalten.",
  businessMinutes: "Nur Minuten innerhalb der Geschäftszeiten zählen",
  action: "Dann",
  keepWaiting: "Weiter warten und den Kunden informieren",
  raisePriority: "Ticketpriorität erhöhen und ein Tag hinzufügen",
  returnToAi: "Das Gespräch an die KI zurückgeben",
  priority: "Priorität",
  high: "Hoch",
  urgent: "Dringend",
  tag: "Tag",
  tagInvalid: "Ein Zendesk-Tag: Kleinbuchstaben, Ziffern, _ - : (höchstens 80).",
  agentSilent: "Der Kunde hat geschrieben und kein Agent hat geantwortet",
  silentTag: "Tag (leer: keines)",
  note: "Eine interne Notiz zum Ticket hinzufügen",
  groups: "Zeitplan pro Gruppe",
  groupsHint: "Ein Ticket einer hier aufgeführten Gruppe zählt Geschäftszeiten nach deren Zeitplan; jedes andere Ticket nach dem ersten Zeitplan ({name}).",
  noSchedules: "Kein Zendesk-Zeitplan gefunden: Verbinden Sie Zendesk oder legen Sie im Admin Center einen Zeitplan an.",
  groupId: "Gruppen-ID",
  groupInvalid: "Eine Zendesk-Gruppen-ID ist eine Zahl.",
  groupDuplicate: "Diese Gruppe steht bereits weiter oben.",
  schedule: "Zeitplan",
  addGroup: "Gruppe hinzufügen",
  remove: "Entfernen",
  samples: "Mindestanzahl erster Antworten für eine Wartezeitschätzung",
  samplesInvalid: "Geben Sie eine ganze Zahl von 1 bis 1000 ein.",
  save: "Warteeinstellungen speichern",
  saved: "Gespeichert. Ab jetzt erstellte Übergaben verwenden diese Einstellungen.",
};

export default strings;
