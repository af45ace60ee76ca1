import type { AgentsStrings } from './agents-en.js';

const strings: AgentsStrings = {
  tab: 'KI-Agenten', title: 'KI-Agenten',
  intro: 'Jeder KI-Agent ist eine Verbindung zu Ihrer KI-Plattform: Die Plattform ruft Baton mit dem API-Schlüssel des Agenten auf, und Baton sendet Ereignisse an seine Callback-URL, signiert mit seinem Signaturgeheimnis.',
  none: 'Noch kein KI-Agent. Legen Sie einen an, um Ihre KI-Plattform zu verbinden.',
  adminRequired: 'Nur ein Zendesk-Admin kann KI-Agenten verwalten. Melden Sie sich mit Ihrem Zendesk-Admin-Konto an, um fortzufahren.', signIn: 'Mit Zendesk als Admin anmelden',
  create: 'Neuer KI-Agent', name: 'Name', callbackUrl: 'Callback-URL', callbackHint: 'Baton sendet signierte Ereignisse hierher (Antworten, Statuswechsel). Im Betrieb https://.', createButton: 'KI-Agent anlegen',
  nameRequired: 'Geben Sie dem KI-Agenten einen Namen.', urlInvalid: 'Geben Sie eine http://- oder https://-Adresse ein.',
  onceTitle: 'Jetzt kopieren: Diese Werte werden nur einmal angezeigt', onceHint: 'Baton speichert nur einen Hash des Schlüssels und eine verschlüsselte Kopie des Geheimnisses; niemand kann sie erneut anzeigen.', apiKey: 'API-Schlüssel', signingSecret: 'Webhook-Signaturgeheimnis', copy: 'Kopieren', copied: 'Kopiert', done: 'Ich habe sie gespeichert',
  handoff: 'Gespräche an Menschen übergeben', openSessions: 'Offene Übergaben: {n}', created: 'Angelegt {date}',
  sendTest: 'Testereignis senden', testOk: 'Zugestellt: Der Empfänger antwortete {status}.', testRefused: 'Der Empfänger antwortete {status}: Echte Ereignisse würden erneut versucht.', testNoAnswer: 'Keine Antwort von der Callback-URL: {error}', bodyExcerpt: 'Anfang der Antwort', noCallback: 'Dieser KI-Agent hat keine Callback-URL.',
  keys: 'API-Schlüssel', keyLine: 'angelegt {date}', keyRevoked: 'widerrufen {date}', newKey: 'Neuer API-Schlüssel', revoke: 'Widerrufen', revokeConfirm: '{prefix}… widerrufen? Die KI-Plattform kann ihn dann nicht mehr verwenden (innerhalb von 10 Sekunden).',
  rotate: 'Signaturgeheimnis erneuern', rotateConfirm: 'Neues Signaturgeheimnis erzeugen? Ereignisse werden ab sofort damit signiert und 24 Stunden lang zusätzlich mit dem bisherigen: Geben Sie das neue in dieser Zeit Ihrer KI-Plattform.',
  delete: 'KI-Agent löschen', deleteConfirm: '{name} löschen? Seine API-Schlüssel funktionieren sofort nicht mehr, und an seine Callback-URL wird nichts mehr gesendet. Offene Übergaben ({n}) bleiben auf ihren Zendesk-Tickets, damit Ihre Agenten sie dort abschließen. Frühere Übergaben bleiben in der Auswertung.',
  confirm: 'Ja, fortfahren', cancel: 'Abbrechen', deleted: '{name} wurde gelöscht.',
  editCallback: 'Ändern', saveCallback: 'Callback-URL speichern', waiting: 'Während der Kunde wartet',
};

export default strings;
