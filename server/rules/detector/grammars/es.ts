import type { GrammarSpec } from '../grammar.js';

export const es: GrammarSpec = {
  lang: 'es',
  stopwords: 'yo el los las una con de es soy mi su que por favor quiero necesito hablar puedo me como donde usted y del al esta hay porfa xfa',
  rewrites: {
    xfa: 'por favor', porfa: 'por favor', porfis: 'por favor', porfavor: 'por favor', plis: 'por favor', pls: 'por favor', please: 'por favor',
    q: 'que', k: 'que', ke: 'que', xq: 'porque', pq: 'porque', kiero: 'quiero', qiero: 'quiero', nesecito: 'necesito', nececito: 'necesito', necesto: 'necesito',
    aki: 'aqui', d: 'de', pa: 'para', x: 'por', tb: 'tambien', ud: 'usted', uds: 'ustedes', weon: '', wey: '', alguein: 'alguien', algien: 'alguien',
  },
  people: [
    'humano', 'humanos', 'humana', 'ser humano', 'persona', 'alguien', 'agente', 'agentes', 'asesor', 'asesora', 'asesores', 'operador', 'operadora',
    'representante', 'ejecutivo', 'ejecutiva', 'atencion al cliente', 'servicio al cliente', 'servicio tecnico', 'especialista', 'empleado', 'empleada', 'tecnico', 'tecnica', 'ejecutivo humano', 'alguien real',
  ],
  seniors: ['encargado', 'encargada', 'supervisor', 'supervisora', 'jefe', 'jefa', 'gerente', 'responsable', 'superior', 'manager', 'director', 'directora'],
  notPeople: ['recursos humanos', 'error humano', 'derechos humanos', 'agente de aduana*', 'agente de viaje*', 'agencia de viaje*', 'agente de seguros', 'agente inmobiliario'],
  possessives: 'mi mis nuestro nuestra nuestros nuestras',
  fillers: 'algun alguna por favor un una el la ya ahora rapido hola buenas real de verdad verdadero verdadera urgente solo ok gracias',
  cues: {
    after: [
      'hablar con', 'hablar a', 'conversar con', 'comunicarme con', 'comunicame con', 'comuniqueme con', 'comunicar con', 'contactar con', 'pasame con',
      'paseme con', 'pasenme con', 'pasar con', 'pasarme con', 'me pasen con', 'me pasas con', 'me pase con', 'pasame a', 'transferir|1', 'transferirme',
      'transfiereme', 'transfierame', 'me transfieres', 'me transfiera', 'quiero', 'necesito', 'quisiera', 'me gustaria', 'prefiero', 'preferiria',
      'exijo', 'hace falta', 'chatear con', 'platicar con', 'redirig* a', 'redirig* con', 'deriv* a', 'deriv* con', 'escalar a', 'ponme con', 'pongame con', 'me pones con', 'me pone con', 'hay', 'habra', 'dame', 'deme', 'puedo tener', 'comunic* con', 'transfer* a', 'transfer* con', 'transfier* a', 'transfier* con',
      'conectame con', 'conecteme con', 'conect* con', 'conect* a', 'en contacto con', 'ponerme con', 'poner* con', 'ponganme con', 'pasame a', 'paseme a', 'pasenme a', 'pasar a',
      'pasarme a', 'me pasas a', 'me pase a', 'me pasa con', 'me pasa a', 'me pasan con', 'me pasan a', 'me pasaria con', 'me pueden pasar con', 'comuniq* con', 'comunica* con', 'hablar directamente con', 'hablar personalmente con', 'que me atienda', 'ser atendido por', 'ser atendida por',
    ],
    near: ['libre?', 'disponible', 'disponibles', 'atenderme', 'atiendame', 'atienda', 'atender', 'atendiera', 'atiendan', 'llame', 'llamen', 'llamara', 'llamar', 'revise', 'revisar', 'encargue', 'ocupe', 'me llame', 'me llamen', 'me contacte', 'me contacten', 'contacte', 'contacten', 'contactarme', 'llamarme'],
    before: ['con quien hablar', 'ayudarme?', 'me ayude?'],
    alone: ['hay alguien', 'alguien ahi', 'transfiereme'],
  },
  departments: [
    'soporte', 'soporte tecnico', 'area', 'area de facturacion', 'facturacion', 'ventas', 'departamento', 'departamento tecnico', 'cobranza', 'contabilidad', 'mesa de ayuda',
    'reclamos', 'call center', 'equipo', 'equipo de soporte', 'sucursal',
  ],
  routing: 'habl* convers* comunic* contact* pas* transfer* transfier* redirig* deriv* escal* pon* pong* conect* llam* chate* platic* atend* comuniq*',
  declines: ['dijo que', 'me dijo que', 'dice que', 'prometio que', 'no hace falta', 'no es necesario', 'no hay necesidad', 'innecesario', 'no se moleste', 'no te molestes', 'no hay que', 'ya esta resuelto', 'ya lo resolvi'],
  barePrepositions: 'con a',
  qualifiers: 'de del en',
  polite: 'podria podrias quisiera gustaria seria posible puede amable',
  negators: 'no nunca sin nadie ningun ninguna tampoco ni',
  bots: ['bot', 'bots', 'robot', 'robots', 'maquina', 'ia', 'chatbot', 'computadora', 'contestadora', 'no tu', 'no usted'],
  why: ['por que', 'porque'],
  barriers: 'si cuando porque',
  topics: ['nombre', 'numero', 'correo', 'email', 'direccion', 'datos', 'hablar de', 'hablar del', 'sobre', 'acerca', 'respecto', 'quejarme', 'queja', 'reclamar'],
  infoQuestions: ['cuando', 'a que hora', 'hasta que hora'],
  questionOpeners: 'puede puedes podria podrias',
  courtesy: 'por favor ya ahora',
};
