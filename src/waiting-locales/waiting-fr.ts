import type { WaitingStrings } from './waiting-en.js';

/** "While the customer waits" in French. */
const strings: WaitingStrings = {
  title: "Pendant que le client attend",
  appliesLater: "Les changements s'appliquent aux transferts créés après l'enregistrement. Les transferts déjà en attente gardent les réglages de leur début.",
  useHours: "Utiliser les horaires d'ouverture du compte Zendesk (plannings et jours fériés)",
  noAgent: "Aucun agent n'a répondu",
  minutes: "Minutes (vide : désactivé)",
  minutesInvalid: "Saisissez un nombre entier de minutes de 1 à 10080, ou laissez vide pour désactiver.",
  businessMinutes: "Compter uniquement les minutes pendant les horaires d'ouverture",
  action: "Ensuite",
  keepWaiting: "Continuer à attendre et prévenir le client",
  raisePriority: "Augmenter la priorité du ticket et ajouter un tag",
  returnToAi: "Rendre la conversation à l'IA",
  priority: "Priorité",
  high: "Élevée",
  urgent: "Urgente",
  tag: "Tag",
  tagInvalid: "Un tag Zendesk : minuscules, chiffres, _ - : (80 au plus).",
  agentSilent: "Le client a écrit et aucun agent n'a répondu",
  silentTag: "Tag (vide : aucun)",
  note: "Ajouter une note interne au ticket",
  groups: "Planning par groupe",
  groupsHint: "Un ticket d'un groupe listé ici compte les horaires selon son planning ; tout autre ticket utilise le premier planning ({name}).",
  noSchedules: "Aucun planning Zendesk trouvé : connectez Zendesk ou créez un planning dans l'Admin Center.",
  groupId: "ID du groupe",
  groupInvalid: "Un ID de groupe Zendesk est un nombre.",
  groupDuplicate: "Ce groupe figure déjà plus haut.",
  schedule: "Planning",
  addGroup: "Ajouter un groupe",
  remove: "Retirer",
  samples: "Nombre minimal de premières réponses pour estimer l'attente",
  samplesInvalid: "Saisissez un nombre entier de 1 à 1000.",
  save: "Enregistrer les réglages d'attente",
  saved: "Enregistré. Les transferts créés désormais utilisent ces réglages.",
};

export default strings;
