import type { AdminStrings } from './admin-en.js';

const fr: AdminStrings = {
  title: 'Règles d\'escalade', agent: 'Agent IA', on: 'actif', off: 'inactif', add: 'Ajouter une règle', name: 'Nom de la règle', field: 'Champ', operator: 'Opérateur', value: 'Valeur', reason: 'Raison', handoff: 'Transférer', suggest: 'Suggérer seulement',
  tryIt: 'Tester un message', tryPlaceholder: 'ex. Je veux parler à un humain', tryButton: 'Tester', noMatch: 'Aucune règle ne correspond : l\'IA garde la conversation.', matched: 'Correspond',
  noAgents: 'Aucun agent IA n\'est encore connecté à ce compte.', adminRequired: 'Seul un administrateur Zendesk peut modifier les règles. Connectez-vous avec votre compte administrateur Zendesk pour continuer.', ruleGone: 'Cette règle a été modifiée ou supprimée ailleurs. La liste affiche maintenant les règles actuelles.', signInAsAdmin: 'Se connecter à Zendesk en tant qu\'administrateur',
  newRule: 'Nouvelle règle', editRule: 'Modifier la règle : {name}', edit: 'Modifier', delete: 'Supprimer', cancel: 'Annuler', save: 'Enregistrer la règle', active: 'Active', moveUp: 'Monter', moveDown: 'Descendre', dragHandle: 'Faire glisser {name} pour réordonner',
  confirmDelete: 'Supprimer la règle « {name} » ? Cette action est définitive.', confirmDeleteYes: 'Oui, supprimer', saved: 'Règle enregistrée.', deletedOne: 'Règle supprimée.', moved: '{name} est maintenant la règle {n} sur {total}.',
  allTitle: 'Remplir TOUTES les conditions suivantes', anyTitle: 'Remplir AU MOINS UNE des conditions suivantes', addCondition: 'Ajouter une condition', removeCondition: 'Retirer la condition {n}', conditionN: 'Condition {n}',
  attribute: 'Nom de l\'attribut', yes: 'Oui', no: 'Non', actions: 'Actions', actionType: 'Ce qui se passe', group: 'ID du groupe Zendesk', priority: 'Priorité', priorityDefault: 'Inchangée',
  priorities: { urgent: 'Urgente', high: 'Élevée', normal: 'Normale', low: 'Faible' }, tags: 'Balises (séparées par des espaces)', messages: 'Message de transfert pour le client', messageIn: 'Message en {language}', noConditions: 'Aucune condition',
  problems: { nameRequired: 'Donnez un nom à la règle.', needValue: 'Saisissez une valeur.', notNumber: 'Saisissez un nombre.', badPattern: 'Ce motif n\'est pas valide : {detail}', needCondition: 'Ajoutez au moins une condition.', badTag: 'Les balises n\'acceptent que minuscules, chiffres et _ : -.', badGroup: 'Un ID de groupe est un nombre entier positif.', operatorMismatch: 'Cet opérateur ne convient pas à ce champ.', attributeRequired: 'Indiquez le nom de l\'attribut.', other: 'Vérifiez cette valeur : {detail}' },
  result: { met: 'remplie', notMet: 'non remplie', skipped: 'non vérifiée (une condition précédente n\'était pas remplie)', actual: 'le message contient : {actual}', nothing: 'rien', disabled: 'inactive : ignorée', error: 'n\'a pas pu être vérifiée : {detail}' },
  decisionHandoff: 'Transfère avec « {rule} » ({reason}).', decisionSuggest: 'Suggère un transfert avec « {rule} » ({reason}).', handoffOff: 'Le transfert est désactivé pour cet agent IA.',
  fields: {
    text: 'Message du client', language: 'Langue', confidence: 'Confiance de l\'IA (0–1)', sentiment: 'Humeur du client (−1 à 1)', intent: 'Sujet (intention)', consecutive_fallbacks: 'Échecs de l\'IA d\'affilée', turn_count: 'Nombre d\'échanges', waiting_seconds: 'Temps d\'attente (secondes)', business_hours: 'Pendant les heures d\'ouverture', trigger: 'Déclencheur personnalisé',
    'detected.human_request': 'Demande un humain', 'detected.repeated_fallback': 'L\'IA échoue à répétition', 'detected.low_confidence': 'Faible confiance de l\'IA', 'detected.negative_sentiment': 'Client mécontent',
    'customer.': 'Attribut du client', 'metadata.': 'Métadonnées de la conversation', 'trigger.payload.': 'Valeur du déclencheur',
  },
  operators: { is: 'Est', is_not: 'N\'est pas', contains: 'Contient', not_contains: 'Ne contient pas', matches: 'Correspond au motif', less_than: 'Inférieur à', greater_than: 'Supérieur à', includes: 'Fait partie de', present: 'Est présent', not_present: 'N\'est pas présent' },
};
export default fr;
