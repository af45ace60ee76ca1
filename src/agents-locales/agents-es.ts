import type { AgentsStrings } from './agents-en.js';

const strings: AgentsStrings = {
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
  rotate: 'Renovar el secreto de firma', rotateConfirm: '¿Crear un nuevo secreto de firma? Los eventos se firman con él desde ahora y, durante 24 horas, también con el anterior: pase el nuevo a su plataforma de IA dentro de ese plazo.',
  delete: 'Eliminar agente de IA', deleteConfirm: '¿Eliminar {name}? Sus claves de API dejan de funcionar al instante y no se envía nada más a su URL de retorno. Los traspasos abiertos ({n}) siguen en sus tickets de Zendesk para que sus agentes los terminen allí. Los traspasos pasados siguen en los análisis.',
  confirm: 'Sí, continuar', cancel: 'Cancelar', deleted: '{name} se ha eliminado.',
  editCallback: 'Cambiar', saveCallback: 'Guardar URL de callback', waiting: 'Mientras el cliente espera',
};

export default strings;
