import type { AgentsStrings } from './agents-en.js';

const strings: AgentsStrings = {
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
  rotate: 'Renovar o segredo de assinatura', rotateConfirm: 'Criar um novo segredo de assinatura? Os eventos passam a ser assinados com ele agora e, por 24 horas, também com o anterior: passe o novo para sua plataforma de IA nesse prazo.',
  delete: 'Excluir agente de IA', deleteConfirm: 'Excluir {name}? As chaves de API dele param de funcionar na hora e nada mais é enviado para a URL de retorno. As transferências abertas ({n}) continuam nos tickets do Zendesk para seus agentes concluírem lá. As transferências passadas continuam nas análises.',
  confirm: 'Sim, continuar', cancel: 'Cancelar', deleted: '{name} foi excluído.',
  editCallback: 'Alterar', saveCallback: 'Salvar URL de callback', waiting: 'Enquanto o cliente espera',
};

export default strings;
