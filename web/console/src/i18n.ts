/**
 * Every text of the console, Spanish first. English must name exactly the same keys and the
 * same `{placeholders}` (a unit test holds them to it).
 */
const es = {
  "app.title": "Atiende · Consola",
  "lang.label": "Idioma",
  "lang.es": "Español",
  "lang.en": "English",

  "login.heading": "Consola de agentes",
  "login.intro": "Entra con tu correo de trabajo.",
  "login.email": "Correo electrónico",
  "login.password": "Contraseña",
  "login.submit": "Entrar",
  "login.submitting": "Entrando…",

  "header.signedInAs": "Sesión de {name}, {role}",
  "header.signOut": "Cerrar sesión",
  "role.agent": "agente",
  "role.supervisor": "supervisor",
  "role.admin": "administrador",
  "connection.connecting": "Conectando…",
  "connection.live": "En vivo",
  "connection.reconnecting": "Reconectando…",
  "console.loading": "Cargando la consola…",
  "console.retry": "Reintentar",

  "inbox.heading": "Bandeja de entrada",
  "inbox.views": "Vistas de la bandeja",
  "inbox.queue": "Cola",
  "inbox.mine": "Mis conversaciones",
  "inbox.closed": "Cerradas",
  "inbox.loading": "Cargando…",
  "inbox.empty.queue": "No hay nadie esperando.",
  "inbox.empty.mine": "No tienes conversaciones abiertas.",
  "inbox.empty.closed": "Aún no hay conversaciones cerradas.",
  "inbox.unread": "{count} sin leer",
  "inbox.waiting": "espera {time}",
  "inbox.closedAt": "cerrada {time}",
  "inbox.loadMore": "Cargar más conversaciones",
  "inbox.loadingMore": "Cargando más…",

  "customer.unnamed": "Cliente sin nombre",
  "customer.heading": "Cliente",
  "customer.earlier": "Conversaciones anteriores",
  "customer.noEarlier": "No hay otras conversaciones.",
  "customer.search": "Buscar en el historial del cliente",
  "customer.searchButton": "Buscar",
  "customer.results": "Resultados: {count}",
  "customer.noResults": "Nada coincide con «{query}».",

  "conversation.none": "Elige una conversación de la bandeja.",
  "conversation.loading": "Cargando la conversación…",
  "conversation.queued": "En cola",
  "conversation.assignedToYou": "Atendida por ti",
  "conversation.assignedTo": "Atendida por {name}",
  "conversation.closed": "Cerrada: {disposition}",
  "conversation.take": "Tomar",
  "conversation.release": "Devolver",
  "conversation.finalize": "Finalizar",
  "conversation.messages": "Mensajes",
  "conversation.loadOlder": "Cargar mensajes anteriores",
  "conversation.readOnly": "Conversación anterior del cliente, solo lectura.",
  "conversation.back": "Volver a la conversación",
  "conversation.takeToReply": "Toma la conversación para responder.",
  "conversation.takenBy": "{name} tiene esta conversación.",
  "conversation.isClosed": "Esta conversación está cerrada.",

  "message.customer": "Cliente",
  "message.agent": "Agente",
  "message.system": "Sistema",
  "message.download": "Descargar {name}",

  "composer.label": "Escribe una respuesta",
  "composer.hint": "Intro envía; Mayús+Intro añade una línea.",
  "composer.send": "Enviar",
  "composer.attach": "Adjuntar archivo",
  "composer.uploading": "Subiendo {name}…",
  "composer.remove": "Quitar {name}",
  "composer.attachments": "Archivos adjuntos",

  "finalize.title": "Finalizar conversación",
  "finalize.legend": "Código de cierre",
  "finalize.confirm": "Confirmar",
  "finalize.cancel": "Cancelar",
  "finalize.changed": "Ha llegado un mensaje mientras tanto: «{preview}». Revísalo y confirma otra vez.",

  "notices.label": "Avisos",
  "notices.dismiss": "Cerrar aviso",

  "errors.invalid_credentials": "Correo o contraseña incorrectos.",
  "errors.rate_limited": "Demasiados intentos. Espera un momento y vuelve a probar.",
  "errors.session_expired": "Tu sesión ha caducado. Vuelve a entrar.",
  "errors.conversation_taken": "{name} ya tiene esta conversación.",
  "errors.conversation_taken_anonymous": "Otra persona ya tiene esta conversación.",
  "errors.conversation_not_taken": "Toma la conversación antes de escribir en ella.",
  "errors.conversation_closed": "Esta conversación ya está cerrada.",
  "errors.conversation_not_found": "Esa conversación no existe.",
  "errors.conversation_changed": "La conversación ha cambiado mientras tanto; ya está actualizada.",
  "errors.conversation_not_assigned": "Solo se puede devolver una conversación tomada.",
  "errors.unknown_disposition": "Ese código de cierre ya no existe.",
  "errors.unsupported_type": "Solo se pueden adjuntar imágenes (JPEG, PNG, GIF, WebP) y PDF.",
  "errors.too_large": "{name} supera los 10 MB.",
  "errors.too_many": "Como mucho {max} archivos por mensaje.",
  "errors.upload_failed": "No se pudo subir {name}.",
  "errors.network": "No hay conexión con el servidor. Inténtalo de nuevo.",
  "errors.generic": "Algo ha fallado. Inténtalo de nuevo.",
  "errors.unavailable": "El servicio no responde en este momento. Vuelve a probar en unos segundos.",
};

export type MessageKey = keyof typeof es;

const en: Record<MessageKey, string> = {
  "app.title": "Atiende · Console",
  "lang.label": "Language",
  "lang.es": "Español",
  "lang.en": "English",

  "login.heading": "Agent console",
  "login.intro": "Sign in with your work email.",
  "login.email": "Email",
  "login.password": "Password",
  "login.submit": "Sign in",
  "login.submitting": "Signing in…",

  "header.signedInAs": "Signed in as {name}, {role}",
  "header.signOut": "Sign out",
  "role.agent": "agent",
  "role.supervisor": "supervisor",
  "role.admin": "admin",
  "connection.connecting": "Connecting…",
  "connection.live": "Live",
  "connection.reconnecting": "Reconnecting…",
  "console.loading": "Loading the console…",
  "console.retry": "Try again",

  "inbox.heading": "Inbox",
  "inbox.views": "Inbox views",
  "inbox.queue": "Queue",
  "inbox.mine": "My conversations",
  "inbox.closed": "Closed",
  "inbox.loading": "Loading…",
  "inbox.empty.queue": "Nobody is waiting.",
  "inbox.empty.mine": "You have no open conversations.",
  "inbox.empty.closed": "No closed conversations yet.",
  "inbox.unread": "{count} unread",
  "inbox.waiting": "waiting {time}",
  "inbox.closedAt": "closed {time}",
  "inbox.loadMore": "Load more conversations",
  "inbox.loadingMore": "Loading more…",

  "customer.unnamed": "Unnamed customer",
  "customer.heading": "Customer",
  "customer.earlier": "Earlier conversations",
  "customer.noEarlier": "No other conversations.",
  "customer.search": "Search the customer's history",
  "customer.searchButton": "Search",
  "customer.results": "Results: {count}",
  "customer.noResults": "Nothing matches “{query}”.",

  "conversation.none": "Pick a conversation from the inbox.",
  "conversation.loading": "Loading the conversation…",
  "conversation.queued": "In the queue",
  "conversation.assignedToYou": "Handled by you",
  "conversation.assignedTo": "Handled by {name}",
  "conversation.closed": "Closed: {disposition}",
  "conversation.take": "Take",
  "conversation.release": "Release",
  "conversation.finalize": "Finalize",
  "conversation.messages": "Messages",
  "conversation.loadOlder": "Load earlier messages",
  "conversation.readOnly": "The customer's earlier conversation, read only.",
  "conversation.back": "Back to the conversation",
  "conversation.takeToReply": "Take the conversation to reply.",
  "conversation.takenBy": "{name} has this conversation.",
  "conversation.isClosed": "This conversation is closed.",

  "message.customer": "Customer",
  "message.agent": "Agent",
  "message.system": "System",
  "message.download": "Download {name}",

  "composer.label": "Write a reply",
  "composer.hint": "Enter sends; Shift+Enter adds a line.",
  "composer.send": "Send",
  "composer.attach": "Attach a file",
  "composer.uploading": "Uploading {name}…",
  "composer.remove": "Remove {name}",
  "composer.attachments": "Attachments",

  "finalize.title": "Finalize conversation",
  "finalize.legend": "Disposition",
  "finalize.confirm": "Confirm",
  "finalize.cancel": "Cancel",
  "finalize.changed": "A message arrived meanwhile: “{preview}”. Read it and confirm again.",

  "notices.label": "Notices",
  "notices.dismiss": "Dismiss notice",

  "errors.invalid_credentials": "Wrong email or password.",
  "errors.rate_limited": "Too many attempts. Wait a moment and try again.",
  "errors.session_expired": "Your session expired. Sign in again.",
  "errors.conversation_taken": "{name} already has this conversation.",
  "errors.conversation_taken_anonymous": "Someone else already has this conversation.",
  "errors.conversation_not_taken": "Take the conversation before writing in it.",
  "errors.conversation_closed": "This conversation is already closed.",
  "errors.conversation_not_found": "That conversation does not exist.",
  "errors.conversation_changed": "The conversation changed meanwhile; it is up to date now.",
  "errors.conversation_not_assigned": "Only a taken conversation can be released.",
  "errors.unknown_disposition": "That disposition code no longer exists.",
  "errors.unsupported_type": "Only images (JPEG, PNG, GIF, WebP) and PDF can be attached.",
  "errors.too_large": "{name} is larger than 10 MB.",
  "errors.too_many": "At most {max} files per message.",
  "errors.upload_failed": "Could not upload {name}.",
  "errors.network": "The server cannot be reached. Try again.",
  "errors.generic": "Something went wrong. Try again.",
  "errors.unavailable": "The service is not answering right now. Try again in a few seconds.",
};

export const catalog = { es, en };
export type Lang = keyof typeof catalog;
export const LANGS = Object.keys(catalog) as Lang[];
export type Params = Record<string, string | number>;

export function isMessageKey(key: string): key is MessageKey {
  return key in es;
}

/** The text for `key` in `lang` with its `{placeholders}` filled in. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text = catalog[lang][key];
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole)) : text;
}
