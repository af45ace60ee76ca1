import type { AdminStrings } from './admin-en.js';

const ptBR: AdminStrings = {
  title: 'Regras de escalação', agent: 'Agente de IA', on: 'ativa', off: 'inativa', add: 'Adicionar regra', name: 'Nome da regra', field: 'Campo', operator: 'Operador', value: 'Valor', reason: 'Motivo', handoff: 'Transferir', suggest: 'Só sugerir',
  tryIt: 'Testar uma mensagem', tryPlaceholder: 'ex. Quero falar com um atendente', tryButton: 'Testar', noMatch: 'Nenhuma regra corresponde: a IA continua a conversa.', matched: 'Corresponde',
  noAgents: 'Nenhum agente de IA conectado a esta conta ainda.', adminRequired: 'Só um administrador do Zendesk pode alterar as regras. Entre com sua conta de administrador do Zendesk para continuar.', ruleGone: 'Esta regra foi alterada ou excluída em outro lugar. A lista agora mostra as regras atuais.', signInAsAdmin: 'Entrar no Zendesk como administrador',
  newRule: 'Nova regra', editRule: 'Editar regra: {name}', edit: 'Editar', delete: 'Excluir', cancel: 'Cancelar', save: 'Salvar regra', active: 'Ativa', moveUp: 'Mover para cima', moveDown: 'Mover para baixo', dragHandle: 'Arraste {name} para reordenar',
  confirmDelete: 'Excluir a regra “{name}”? Não é possível desfazer.', confirmDeleteYes: 'Sim, excluir', saved: 'Regra salva.', deletedOne: 'Regra excluída.', moved: '{name} agora é a regra {n} de {total}.',
  allTitle: 'Atender a TODAS as condições a seguir', anyTitle: 'Atender a QUALQUER UMA das condições a seguir', addCondition: 'Adicionar condição', removeCondition: 'Remover a condição {n}', conditionN: 'Condição {n}',
  attribute: 'Nome do atributo', yes: 'Sim', no: 'Não', actions: 'Ações', actionType: 'O que acontece', group: 'ID do grupo do Zendesk', priority: 'Prioridade', priorityDefault: 'Sem alteração',
  priorities: { urgent: 'Urgente', high: 'Alta', normal: 'Normal', low: 'Baixa' }, tags: 'Tags (separadas por espaços)', messages: 'Mensagem de transferência para o cliente', messageIn: 'Mensagem em {language}', noConditions: 'Sem condições',
  problems: { nameRequired: 'Dê um nome à regra.', needValue: 'Informe um valor.', notNumber: 'Informe um número.', badPattern: 'Este padrão não é válido: {detail}', needCondition: 'Adicione pelo menos uma condição.', badTag: 'Tags só aceitam letras minúsculas, dígitos e _ : -.', badGroup: 'Um ID de grupo é um número inteiro positivo.', operatorMismatch: 'Este operador não serve para este campo.', attributeRequired: 'Informe o nome do atributo.', other: 'Verifique este valor: {detail}' },
  result: { met: 'atendida', notMet: 'não atendida', skipped: 'não verificada (uma condição anterior não foi atendida)', actual: 'a mensagem tem: {actual}', nothing: 'nada', disabled: 'inativa: ignorada', error: 'não pôde ser verificada: {detail}' },
  decisionHandoff: 'Transfere com “{rule}” ({reason}).', decisionSuggest: 'Sugere uma transferência com “{rule}” ({reason}).', handoffOff: 'A transferência está desligada para este agente de IA.',
  fields: {
    text: 'Mensagem do cliente', language: 'Idioma', confidence: 'Confiança da IA (0–1)', sentiment: 'Sentimento do cliente (−1 a 1)', intent: 'Assunto (intenção)', consecutive_fallbacks: 'Falhas seguidas da IA', turn_count: 'Número de turnos', waiting_seconds: 'Tempo de espera (segundos)', business_hours: 'Dentro do horário comercial', trigger: 'Gatilho personalizado',
    'detected.human_request': 'Pede um atendente', 'detected.repeated_fallback': 'A IA falha repetidamente', 'detected.low_confidence': 'Baixa confiança da IA', 'detected.negative_sentiment': 'Cliente irritado',
    'customer.': 'Atributo do cliente', 'metadata.': 'Metadados da conversa', 'trigger.payload.': 'Valor do gatilho',
  },
  operators: { is: 'É', is_not: 'Não é', contains: 'Contém', not_contains: 'Não contém', matches: 'Corresponde ao padrão', less_than: 'Menor que', greater_than: 'Maior que', includes: 'É um de', present: 'Está presente', not_present: 'Não está presente' },
};
export default ptBR;
