/** Strings of the AI agents page in English: the reference every other locale must match (a test checks). */
const strings = {
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
  rotate: 'Rotate signing secret', rotateConfirm: 'Create a new signing secret? Events are signed with it from now on, and with the previous one too for 24 hours: give the new one to your AI platform within that time.',
  delete: 'Delete AI agent', deleteConfirm: 'Delete {name}? Its API keys stop working at once and nothing more is sent to its callback URL. Open handoffs ({n}) stay on their Zendesk tickets for your agents to finish there. Past handoffs stay in the insights.',
  confirm: 'Yes, continue', cancel: 'Cancel', deleted: '{name} was deleted.',
  editCallback: 'Change', saveCallback: 'Save callback URL', waiting: 'While the customer waits',
};

export type AgentsStrings = typeof strings;
export default strings;
