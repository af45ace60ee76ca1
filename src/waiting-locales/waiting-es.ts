import type { WaitingStrings } from './waiting-en.js';

/** "While the customer waits" in Spanish. */
const strings: WaitingStrings = {
  title: "Mientras el cliente espera",
  appliesLater: "Los cambios se aplican a las derivaciones creadas después de guardar. Las que ya esperan conservan la configuración con la que empezaron.",
  useHours: "Usar el horario comercial de la cuenta de Zendesk (horarios y festivos)",
  noAgent: "Ningún agente ha respondido",
  minutes: "Minutos (vacío: desactivado)",
  minutesInvalid: "Introduzca un número entero de minutos de 1 a 10080, o déjelo vacío para desactivar.",
  businessMinutes: "Contar solo los minutos dentro del horario comercial",
  action: "Entonces",
  keepWaiting: "Seguir esperando y avisar al cliente",
  raisePriority: "Subir la prioridad del ticket y añadir una etiqueta",
  returnToAi: "Devolver la conversación a la IA",
  priority: "Prioridad",
  high: "Alta",
  urgent: "Urgente",
  tag: "Etiqueta",
  tagInvalid: "Una etiqueta de Zendesk: minúsculas, dígitos, _ - : (80 como máximo).",
  agentSilent: "El cliente escribió y ningún agente respondió",
  silentTag: "Etiqueta (vacío: ninguna)",
  note: "Añadir una nota interna al ticket",
  groups: "Horario por grupo",
  groupsHint: "Un ticket de un grupo de esta lista cuenta el horario según su horario; cualquier otro usa el primer horario ({name}).",
  noSchedules: "No se encontró ningún horario de Zendesk: conecte Zendesk o cree un horario en el Centro de administración.",
  groupId: "ID del grupo",
  groupInvalid: "Un ID de grupo de Zendesk es un número.",
  groupDuplicate: "Este grupo ya figura más arriba.",
  schedule: "Horario",
  addGroup: "Añadir un grupo",
  remove: "Quitar",
  samples: "Mínimo de primeras respuestas para estimar la espera",
  samplesInvalid: "Introduzca un número entero de 1 a 1000.",
  save: "Guardar la configuración de espera",
  saved: "Guardado. Las derivaciones creadas a partir de ahora usan esta configuración.",
};

export default strings;
