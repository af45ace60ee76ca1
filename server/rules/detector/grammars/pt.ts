import type { GrammarSpec } from '../grammar.js';

export const pt: GrammarSpec = {
  lang: 'pt',
  stopwords: 'eu o os as um uma com de nao e sou meu minha voce vc que por favor quero preciso falar posso me como onde para pra pfv tem esta do da no na',
  rewrites: {
    vc: 'voce', vcs: 'voces', pfv: 'por favor', pf: 'por favor', pfvr: 'por favor', plmds: 'por favor', pls: 'por favor', please: 'por favor',
    pra: 'para', pro: 'para o', c: 'com', q: 'que', qro: 'quero', qero: 'quero', n: 'nao', naum: 'nao', tb: 'tambem', tbm: 'tambem', p: 'para',
    hj: 'hoje', td: 'tudo', blz: 'beleza', cade: 'onde esta', alguen: 'alguem',
  },
  people: [
    'humano', 'humanos', 'humana', 'ser humano', 'pessoa', 'pessoa real', 'gente de verdade', 'gente real', 'alguem', 'atendente', 'atendentes', 'agente', 'operador', 'operadora', 'consultor',
    'consultora', 'representante', 'suporte humano', 'atendimento humano', 'atendimento pessoal', 'vendedor', 'vendedora', 'especialista', 'funcionario', 'analista', 'tecnico', 'atendente humano', 'alguem de verdade', 'uma pessoa de verdade',
  ],
  seniors: ['gerente', 'supervisor', 'supervisora', 'responsavel', 'chefe', 'coordenador', 'coordenadora', 'superior', 'diretor', 'diretora'],
  notPeople: ['recursos humanos', 'erro humano', 'direitos humanos', 'agencia de viage*', 'agente de viage*', 'corretor*', 'agente de seguros'],
  possessives: 'meu minha meus minhas nosso nossa',
  fillers: 'algum alguma por favor um uma o a agora ja rapido oi ola bom dia real de verdade verdadeiro urgente so ok obrigado obrigada',
  cues: {
    after: [
      'falar com', 'conversar com', 'me passa', 'me passe', 'passar', 'passa', 'me transfere', 'me transfira', 'transferir|1', 'transfira', 'em contato com',
      'contato com', 'quero', 'queria', 'preciso', 'gostaria', 'prefiro', 'preferia', 'chama', 'chamar', 'chame', 'tem como', 'tem', 'existe', 'ter',
      'me da', 'encaminh* para', 'encaminh* pra', 'redirecion* para', 'direcion* para', 'bater papo com', 'me coloca com', 'me coloque com', 'colocar com', 'atendido por', 'atendida por', 'posso ter', 'transfer* para', 'transfir* para', 'pass* para',
      'me arruma', 'arruma', 'me arranja', 'arranja', 'me ve', 'me consegue', 'consegue', 'me bota com', 'bota com', 'bot* com', 'me conecta com', 'conect* com', 'conect* a', 'conect* ao',
      'transfer* ao', 'transfir* ao', 'encaminh* ao', 'pass* ao', 'pass* pro', 'transfer* pro', 'transfir* pro', 'encaminh* pro', 'me passa para', 'ser atendido por', 'ser atendida por',
      'falar diretamente com', 'conversar diretamente com', 'pede para', 'pedir para', 'pedir pra', 'pede pra',
    ],
    near: ['livre?', 'entrar em contato', 'entre em contato', 'disponivel', 'disponiveis', 'atender', 'atenda', 'me atenda', 'ligar', 'me ligar', 'ligue', 'retornar', 'veja', 'olhar', 'analisar', 'assumir', 'liga', 'ligue', 'liguem', 'me liga', 'me ligue', 'me liguem', 'me retorne', 'me contate', 'me contatar', 'contatar', 'me chame', 'me chamar'],
    before: ['me ajudar?', 'me ajude?'],
    alone: ['tem alguem ai', 'alguem ai', 'me transfere', 'me transfira'],
  },
  departments: [
    'suporte', 'suporte tecnico', 'setor', 'setor financeiro', 'setor tecnico', 'financeiro', 'atendimento', 'sac', 'central', 'central de atendimento', 'departamento',
    'equipe', 'comercial', 'cobranca', 'ouvidoria', 'time de suporte', 'area tecnica',
  ],
  routing: 'fal* convers* pass* transfer* transfir* encaminh* redirecion* direcion* coloc* conect* lig* cham* bot* contat* atend* retorn*',
  declines: ['disse que', 'me disse que', 'diz que', 'falou que', 'prometeu que', 'nao precisa', 'nao e necessario', 'nao ha necessidade', 'desnecessario', 'sem necessidade', 'deixa pra la', 'deixa para la', 'nao precisa mais', 'ja resolvi', 'ja resolveu', 'nao carece'],
  barePrepositions: 'com para',
  qualifiers: 'do da de dos das no na',
  polite: 'poderia poderiam gostaria seria possivel pode podia queria',
  negators: 'nao nunca sem ninguem nenhum nenhuma nem',
  bots: ['robo', 'robos', 'bot', 'bots', 'maquina', 'ia', 'chatbot', 'nao voce'],
  why: ['por que', 'porque', 'pq'],
  barriers: 'se quando porque',
  topics: ['nome', 'numero', 'email', 'e mail', 'endereco', 'contato de', 'dados', 'falar de', 'falar do', 'falar da', 'falar dos', 'falar das', 'sobre', 'a respeito', 'acerca', 'reclamar', 'reclamacao'],
  infoQuestions: ['quando', 'que horas', 'ate que horas', 'a que horas'],
  questionOpeners: 'pode podem poderia consegue',
  courtesy: 'por favor agora ja',
};
