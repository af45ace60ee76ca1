import type { AgentsStrings } from './agents-en.js';

const strings: AgentsStrings = {
  tab: 'Agents IA', title: 'Agents IA',
  intro: 'Chaque agent IA est une connexion à votre plateforme IA : la plateforme appelle Baton avec la clé API de l\'agent, et Baton envoie des événements à son URL de rappel, signés avec son secret de signature.',
  none: 'Aucun agent IA pour l\'instant. Créez-en un pour connecter votre plateforme IA.',
  adminRequired: 'Seul un administrateur Zendesk peut gérer les agents IA. Connectez-vous avec votre compte administrateur Zendesk pour continuer.', signIn: 'Se connecter à Zendesk en tant qu\'administrateur',
  create: 'Nouvel agent IA', name: 'Nom', callbackUrl: 'URL de rappel', callbackHint: 'Baton envoie ici des événements signés (réponses, changements d\'état). https:// en production.', createButton: 'Créer l\'agent IA',
  nameRequired: 'Donnez un nom à l\'agent IA.', urlInvalid: 'Saisissez une adresse http:// ou https://.',
  onceTitle: 'Copiez-les maintenant : ils ne sont affichés qu\'une fois', onceHint: 'Baton ne garde qu\'une empreinte de la clé et une copie chiffrée du secret ; personne ne peut les afficher à nouveau.', apiKey: 'Clé API', signingSecret: 'Secret de signature des webhooks', copy: 'Copier', copied: 'Copié', done: 'Je les ai enregistrés',
  handoff: 'Transférer les conversations à des personnes', openSessions: 'Transferts ouverts : {n}', created: 'Créé le {date}',
  sendTest: 'Envoyer un événement de test', testOk: 'Livré : le destinataire a répondu {status}.', testRefused: 'Le destinataire a répondu {status} : les vrais événements seraient renvoyés.', testNoAnswer: 'Aucune réponse de l\'URL de rappel : {error}', bodyExcerpt: 'Début de la réponse', noCallback: 'Cet agent IA n\'a pas d\'URL de rappel.',
  keys: 'Clés API', keyLine: 'créée le {date}', keyRevoked: 'révoquée le {date}', newKey: 'Nouvelle clé API', revoke: 'Révoquer', revokeConfirm: 'Révoquer {prefix}… ? La plateforme IA ne pourra plus l\'utiliser (sous 10 secondes).',
  rotate: 'Renouveler le secret de signature', rotateConfirm: 'Créer un nouveau secret de signature ? Les événements sont signés avec lui dès maintenant, et aussi avec l\'ancien pendant 24 heures : transmettez le nouveau à votre plateforme IA dans ce délai.',
  delete: 'Supprimer l\'agent IA', deleteConfirm: 'Supprimer {name} ? Ses clés API cessent de fonctionner immédiatement et plus rien n\'est envoyé à son URL de rappel. Les transferts ouverts ({n}) restent sur leurs tickets Zendesk pour que vos agents les terminent. Les transferts passés restent dans les analyses.',
  confirm: 'Oui, continuer', cancel: 'Annuler', deleted: '{name} a été supprimé.',
  editCallback: 'Modifier', saveCallback: "Enregistrer l'URL de rappel", waiting: 'Pendant que le client attend',
};

export default strings;
