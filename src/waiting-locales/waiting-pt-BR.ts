import type { WaitingStrings } from './waiting-en.js';

/** "While the customer waits" in Brazilian Portuguese. */
const strings: WaitingStrings = {
  title: "Enquanto o cliente espera",
  appliesLater: "As alterações valem para transferências criadas depois de salvar. As que já estão esperando mantêm as configurações com que começaram.",
  useHours: "Usar o horário comercial da conta Zendesk (agendas e feriados)",
  noAgent: "Nenhum agente respondeu",
  minutes: "Minutos (vazio: desligado)",
  minutesInvalid: "Digite um número inteiro de minutos de 1 a 10080, ou deixe vazio para desligar.",
  businessMinutes: "Contar apenas minutos dentro do horário comercial",
  action: "Então",
  keepWaiting: "Continuar esperando e avisar o cliente",
  raisePriority: "Aumentar a prioridade do ticket e adicionar uma tag",
  returnToAi: "Devolver a conversa para a IA",
  priority: "Prioridade",
  high: "Alta",
  urgent: "Urgente",
  tag: "Tag",
  tagInvalid: "Uma tag do Zendesk: letras minúsculas, dígitos, _ - : (no máximo 80).",
  agentSilent: "O cliente escreveu e nenhum agente respondeu",
  silentTag: "Tag (vazio: nenhuma)",
  note: "Adicionar uma nota interna ao ticket",
  groups: "Agenda por grupo",
  groupsHint: "Um ticket de um grupo listado aqui conta o horário pela agenda dele; qualquer outro ticket usa a primeira agenda ({name}).",
  noSchedules: "Nenhuma agenda do Zendesk encontrada: conecte o Zendesk ou crie uma agenda na Central de administração.",
  groupId: "ID do grupo",
  groupInvalid: "Um ID de grupo do Zendesk é um número.",
  groupDuplicate: "Este grupo já está listado acima.",
  schedule: "Agenda",
  addGroup: "Adicionar um grupo",
  remove: "Remover",
  samples: "Mínimo de primeiras respostas para estimar a espera",
  samplesInvalid: "Digite um número inteiro de 1 a 1000.",
  save: "Salvar configurações de espera",
  saved: "Salvo. As transferências criadas a partir de agora usam estas configurações.",
};

export default strings;
