import { pickLocale } from './locale.js';

/** Strings of the AI agents page (nav_bar), per locale. `{x}` placeholders are filled by the page. */
const G = {
  en: {
    tab: 'AI agents', title: 'AI agents',
    intro: 'Each AI agent is one connection to your AI platform: the platform calls Baton with the agent\'s API key, and Baton sends events to its callback URL, signed with its signing secret.',
    none: 'No AI agent yet. Create one to connect your AI platform.',
    adminRequired: 'Only a Zendesk admin can manage AI agents. Sign in with your Zendesk admin account to continue.', signIn: 'Sign in with Zendesk as an admin',
    create: 'New AI agent', name: 'Name', callbackUrl: 'Callback URL', callbackHint: 'Baton posts signed events here (agent replies, state changes). https:// in production.', createButton: 'Create AI agent',
    nameRequired: 'Give the AI agent a name.', urlInvalid: 'Enter an http:// or https:// address.',
    onceTitle: 'Copy these now: they are shown only once', onceHint: 'Baton keeps only a hash of the key and an encrypted copy of the secret; nobody can show them again.', apiKey: 'API key', signingSecret: 'Webhook signing secret', copy: 'Copy', copied: 'Copied', done: 'I have stored them',
    handoff: 'Hand conversations to people', openSessions: 'Open handoffs: {n}', created: 'Created {date}',
    sendTest: 'Send test event', testOk: 'Delivered: the receiver answered {status}.', testRefused: 'The receiver answered {status}: real events would be retried.', testNoAnswer: 'No answer from the callback URL: {error}', bodyExcerpt: 'Start of the answer', noCallback: 'This AI agent has no callback URL.',
    keys: 'API keys', keyLine: 'created {date}', keyRevoked: 'revoked {date}', newKey: 'New API key', revoke: 'Revoke', revokeConfirm: 'Revoke {prefix}…? The AI platform can no longer use it (within 10 seconds).',
    rotate: 'Rotate signing secret', rotateConfirm: 'Create a new signing secret? Events are signed with it from now on: give it to your AI platform right away.',
    delete: 'Delete AI agent', deleteConfirm: 'Delete {name}? Its API keys stop working at once and nothing more is sent to its callback URL. Open handoffs ({n}) stay on their Zendesk tickets for your agents to finish there. Past handoffs stay in the insights.',
    confirm: 'Yes, continue', cancel: 'Cancel', deleted: '{name} was deleted.',
  },
  de: {
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
    rotate: 'Signaturgeheimnis erneuern', rotateConfirm: 'Neues Signaturgeheimnis erzeugen? Ereignisse werden ab sofort damit signiert: Geben Sie es gleich Ihrer KI-Plattform.',
    delete: 'KI-Agent löschen', deleteConfirm: '{name} löschen? Seine API-Schlüssel funktionieren sofort nicht mehr, und an seine Callback-URL wird nichts mehr gesendet. Offene Übergaben ({n}) bleiben auf ihren Zendesk-Tickets, damit Ihre Agenten sie dort abschließen. Frühere Übergaben bleiben in der Auswertung.',
    confirm: 'Ja, fortfahren', cancel: 'Abbrechen', deleted: '{name} wurde gelöscht.',
  },
  fr: {
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
    rotate: 'Renouveler le secret de signature', rotateConfirm: 'Créer un nouveau secret de signature ? Les événements sont signés avec lui dès maintenant : transmettez-le tout de suite à votre plateforme IA.',
    delete: 'Supprimer l\'agent IA', deleteConfirm: 'Supprimer {name} ? Ses clés API cessent de fonctionner immédiatement et plus rien n\'est envoyé à son URL de rappel. Les transferts ouverts ({n}) restent sur leurs tickets Zendesk pour que vos agents les terminent. Les transferts passés restent dans les analyses.',
    confirm: 'Oui, continuer', cancel: 'Annuler', deleted: '{name} a été supprimé.',
  },
  es: {
    tab: 'Agentes de IA', title: 'Agentes de IA',
    intro: 'Cada agente de IA es una conexión con su plataforma de IA: la plataforma llama a Baton con la clave de API del agente, y Baton envía eventos a su URL de retorno, firmados con su secreto de firma.',
    none: 'Aún no hay ningún agente de IA. Cree uno para conectar su plataforma de IA.',
    adminRequired: 'Solo un administrador de Zendesk puede gestionar los agentes de IA. Inicia sesión con tu cuenta de administrador de Zendesk para continuar.', signIn: 'Iniciar sesión en Zendesk como administrador',
    create: 'Nuevo agente de IA', name: 'Nombre', callbackUrl: 'URL de retorno', callbackHint: 'Baton envía aquí eventos firmados (respuestas, cambios de estado). https:// en producción.', createButton: 'Crear agente de IA',
    nameRequired: 'Dé un nombre al agente de IA.', urlInvalid: 'Introduzca una dirección http:// o https://.',
    onceTitle: 'Cópielos ahora: solo se muestran una vez', onceHint: 'Baton guarda solo un hash de la clave y una copia cifrada del secreto; nadie puede volver a mostrarlos.', apiKey: 'Clave de API', signingSecret: 'Secreto de firma de webhooks', copy: 'Copiar', copied: 'Copiado', done: 'Ya los he guardado',
    handoff: 'Traspasar conversaciones a personas', openSessions: 'Traspasos abiertos: {n}', created: 'Creado el {date}',
    sendTest: 'Enviar evento de prueba', testOk: 'Entregado: el receptor respondió {status}.', testRefused: 'El receptor respondió {status}: los eventos reales se reintentarían.', testNoAnswer: 'Sin respuesta de la URL de retorno: {error}', bodyExcerpt: 'Inicio de la respuesta', noCallback: 'Este agente de IA no tiene URL de retorno.',
    keys: 'Claves de API', keyLine: 'creada el {date}', keyRevoked: 'revocada el {date}', newKey: 'Nueva clave de API', revoke: 'Revocar', revokeConfirm: '¿Revocar {prefix}…? La plataforma de IA ya no podrá usarla (en 10 segundos).',
    rotate: 'Renovar el secreto de firma', rotateConfirm: '¿Crear un nuevo secreto de firma? Los eventos se firman con él desde ahora: páselo enseguida a su plataforma de IA.',
    delete: 'Eliminar agente de IA', deleteConfirm: '¿Eliminar {name}? Sus claves de API dejan de funcionar al instante y no se envía nada más a su URL de retorno. Los traspasos abiertos ({n}) siguen en sus tickets de Zendesk para que sus agentes los terminen allí. Los traspasos pasados siguen en los análisis.',
    confirm: 'Sí, continuar', cancel: 'Cancelar', deleted: '{name} se ha eliminado.',
  },
  'pt-BR': {
    tab: 'Agentes de IA', title: 'Agentes de IA',
    intro: 'Cada agente de IA é uma conexão com sua plataforma de IA: a plataforma chama o Baton com a chave de API do agente, e o Baton envia eventos para a URL de retorno dele, assinados com o segredo de assinatura.',
    none: 'Nenhum agente de IA ainda. Crie um para conectar sua plataforma de IA.',
    adminRequired: 'Só um administrador do Zendesk pode gerenciar agentes de IA. Entre com sua conta de administrador do Zendesk para continuar.', signIn: 'Entrar no Zendesk como administrador',
    create: 'Novo agente de IA', name: 'Nome', callbackUrl: 'URL de retorno', callbackHint: 'O Baton envia eventos assinados para cá (respostas, mudanças de estado). https:// em produção.', createButton: 'Criar agente de IA',
    nameRequired: 'Dê um nome ao agente de IA.', urlInvalid: 'Digite um endereço http:// ou https://.',
    onceTitle: 'Copie agora: eles são mostrados só uma vez', onceHint: 'O Baton guarda só um hash da chave e uma cópia criptografada do segredo; ninguém pode mostrá-los de novo.', apiKey: 'Chave de API', signingSecret: 'Segredo de assinatura dos webhooks', copy: 'Copiar', copied: 'Copiado', done: 'Já guardei',
    handoff: 'Transferir conversas para pessoas', openSessions: 'Transferências abertas: {n}', created: 'Criado em {date}',
    sendTest: 'Enviar evento de teste', testOk: 'Entregue: o receptor respondeu {status}.', testRefused: 'O receptor respondeu {status}: eventos reais seriam reenviados.', testNoAnswer: 'Sem resposta da URL de retorno: {error}', bodyExcerpt: 'Início da resposta', noCallback: 'Este agente de IA não tem URL de retorno.',
    keys: 'Chaves de API', keyLine: 'criada em {date}', keyRevoked: 'revogada em {date}', newKey: 'Nova chave de API', revoke: 'Revogar', revokeConfirm: 'Revogar {prefix}…? A plataforma de IA não poderá mais usá-la (em até 10 segundos).',
    rotate: 'Renovar o segredo de assinatura', rotateConfirm: 'Criar um novo segredo de assinatura? Os eventos passam a ser assinados com ele agora: passe-o logo para sua plataforma de IA.',
    delete: 'Excluir agente de IA', deleteConfirm: 'Excluir {name}? As chaves de API dele param de funcionar na hora e nada mais é enviado para a URL de retorno. As transferências abertas ({n}) continuam nos tickets do Zendesk para seus agentes concluírem lá. As transferências passadas continuam nas análises.',
    confirm: 'Sim, continuar', cancel: 'Cancelar', deleted: '{name} foi excluído.',
  },
  ja: {
    tab: 'AI エージェント', title: 'AI エージェント',
    intro: 'AI エージェントは AI プラットフォームとの接続 1 つです。プラットフォームはエージェントの API キーで Baton を呼び出し、Baton は署名シークレットで署名したイベントをコールバック URL に送ります。',
    none: 'AI エージェントはまだありません。作成して AI プラットフォームを接続してください。',
    adminRequired: 'AI エージェントを管理できるのは Zendesk 管理者だけです。続けるには Zendesk の管理者アカウントでサインインしてください。', signIn: 'Zendesk に管理者としてサインイン',
    create: '新しい AI エージェント', name: '名前', callbackUrl: 'コールバック URL', callbackHint: 'Baton は署名付きイベント (返信、状態の変化) をここに送ります。本番では https://。', createButton: 'AI エージェントを作成',
    nameRequired: 'AI エージェントに名前を付けてください。', urlInvalid: 'http:// または https:// のアドレスを入力してください。',
    onceTitle: '今すぐコピーしてください。表示されるのは一度だけです', onceHint: 'Baton が保存するのはキーのハッシュとシークレットの暗号化コピーだけで、誰も再表示できません。', apiKey: 'API キー', signingSecret: 'Webhook 署名シークレット', copy: 'コピー', copied: 'コピーしました', done: '保存しました',
    handoff: '会話を人に引き継ぐ', openSessions: '未完了の引き継ぎ: {n}', created: '作成日 {date}',
    sendTest: 'テストイベントを送信', testOk: '配信済み: 受信側の応答は {status} でした。', testRefused: '受信側の応答は {status} でした。実際のイベントは再送されます。', testNoAnswer: 'コールバック URL から応答がありません: {error}', bodyExcerpt: '応答の冒頭', noCallback: 'この AI エージェントにはコールバック URL がありません。',
    keys: 'API キー', keyLine: '作成日 {date}', keyRevoked: '無効化 {date}', newKey: '新しい API キー', revoke: '無効にする', revokeConfirm: '{prefix}… を無効にしますか? AI プラットフォームは (10 秒以内に) 使えなくなります。',
    rotate: '署名シークレットを更新', rotateConfirm: '新しい署名シークレットを作成しますか? 今後のイベントはこれで署名されます。すぐに AI プラットフォームに設定してください。',
    delete: 'AI エージェントを削除', deleteConfirm: '{name} を削除しますか? API キーはすぐに使えなくなり、コールバック URL には何も送られなくなります。未完了の引き継ぎ ({n} 件) は Zendesk のチケットに残り、エージェントがそこで対応を終えられます。過去の引き継ぎはインサイトに残ります。',
    confirm: 'はい、続けます', cancel: 'キャンセル', deleted: '{name} を削除しました。',
  },
};

export type AgentsStrings = (typeof G)['en'];
export const AGENTS_STRINGS: Record<keyof typeof G, AgentsStrings> = G;

export function agentsStringsFor(locale: string | undefined): AgentsStrings {
  return pickLocale<AgentsStrings>(G, locale);
}

/** Fills `{name}`-style placeholders. */
export const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
