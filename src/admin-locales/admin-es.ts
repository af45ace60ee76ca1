import type { AdminStrings } from './admin-en.js';

const es: AdminStrings = {
  title: 'Reglas de escalada', agent: 'Agente de IA', on: 'activa', off: 'inactiva', add: 'Añadir regla', name: 'Nombre de la regla', field: 'Campo', operator: 'Operador', value: 'Valor', reason: 'Motivo', handoff: 'Traspasar', suggest: 'Solo sugerir',
  tryIt: 'Probar un mensaje', tryPlaceholder: 'p. ej. Quiero hablar con una persona', tryButton: 'Probar', noMatch: 'Ninguna regla coincide: la IA sigue con la conversación.', matched: 'Coincide',
  noAgents: 'Aún no hay ningún agente de IA conectado a esta cuenta.', adminRequired: 'Solo un administrador de Zendesk puede cambiar las reglas. Inicia sesión con tu cuenta de administrador de Zendesk para continuar.', ruleGone: 'Esta regla se cambió o eliminó en otro lugar. La lista ya muestra las reglas actuales.', signInAsAdmin: 'Iniciar sesión en Zendesk como administrador',
  newRule: 'Nueva regla', editRule: 'Editar la regla: {name}', edit: 'Editar', delete: 'Eliminar', cancel: 'Cancelar', save: 'Guardar regla', active: 'Activa', moveUp: 'Subir', moveDown: 'Bajar', dragHandle: 'Arrastra {name} para reordenar',
  confirmDelete: '¿Eliminar la regla «{name}»? No se puede deshacer.', confirmDeleteYes: 'Sí, eliminar', saved: 'Regla guardada.', deletedOne: 'Regla eliminada.', moved: '{name} es ahora la regla {n} de {total}.',
  allTitle: 'Cumplir TODAS las condiciones siguientes', anyTitle: 'Cumplir ALGUNA de las condiciones siguientes', addCondition: 'Añadir condición', removeCondition: 'Quitar la condición {n}', conditionN: 'Condición {n}',
  attribute: 'Nombre del atributo', yes: 'Sí', no: 'No', actions: 'Acciones', actionType: 'Qué ocurre', group: 'ID del grupo de Zendesk', priority: 'Prioridad', priorityDefault: 'Sin cambios',
  priorities: { urgent: 'Urgente', high: 'Alta', normal: 'Normal', low: 'Baja' }, tags: 'Etiquetas (separadas por espacios)', messages: 'Mensaje de traspaso para el cliente', messageIn: 'Mensaje en {language}', noConditions: 'Sin condiciones',
  problems: { nameRequired: 'Ponle un nombre a la regla.', needValue: 'Introduce un valor.', notNumber: 'Introduce un número.', badPattern: 'Este patrón no es válido: {detail}', needCondition: 'Añade al menos una condición.', badTag: 'Las etiquetas solo admiten minúsculas, dígitos y _ : -.', badGroup: 'Un ID de grupo es un número entero positivo.', operatorMismatch: 'Este operador no sirve para este campo.', attributeRequired: 'Indica el nombre del atributo.', other: 'Revisa este valor: {detail}' },
  result: { met: 'se cumple', notMet: 'no se cumple', skipped: 'no comprobada (una condición anterior no se cumplió)', actual: 'el mensaje tiene: {actual}', nothing: 'nada', disabled: 'inactiva: omitida', error: 'no se pudo comprobar: {detail}' },
  decisionHandoff: 'Traspasa con «{rule}» ({reason}).', decisionSuggest: 'Sugiere un traspaso con «{rule}» ({reason}).', handoffOff: 'El traspaso está desactivado para este agente de IA.',
  fields: {
    text: 'Mensaje del cliente', language: 'Idioma', confidence: 'Confianza de la IA (0–1)', sentiment: 'Sentimiento del cliente (−1 a 1)', intent: 'Tema (intención)', consecutive_fallbacks: 'Fallos seguidos de la IA', turn_count: 'Número de turnos', waiting_seconds: 'Tiempo de espera (segundos)', business_hours: 'En horario laboral', trigger: 'Disparador personalizado',
    'detected.human_request': 'Pide una persona', 'detected.repeated_fallback': 'La IA falla una y otra vez', 'detected.low_confidence': 'Baja confianza de la IA', 'detected.negative_sentiment': 'Cliente molesto',
    'customer.': 'Atributo del cliente', 'metadata.': 'Metadatos de la conversación', 'trigger.payload.': 'Valor del disparador',
  },
  operators: { is: 'Es', is_not: 'No es', contains: 'Contiene', not_contains: 'No contiene', matches: 'Coincide con el patrón', less_than: 'Menor que', greater_than: 'Mayor que', includes: 'Es uno de', present: 'Existe', not_present: 'No existe' },
};
export default es;
