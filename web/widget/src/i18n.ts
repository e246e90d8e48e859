/**
 * Every text of the chat page, Spanish first. English must name the same keys: the type
 * below refuses a missing or extra one, and a unit test checks it again at run time.
 */
const es = {
  pageTitle: "Chat con {tenant}",
  loading: "Cargando…",
  otherLanguage: "English",
  closeChat: "Cerrar chat",
  conversationsHeading: "Tus conversaciones",
  newConversation: "Nueva conversación",
  noConversations: "Aún no nos has escrito. Empieza una conversación cuando quieras.",
  statusQueued: "En espera",
  statusAssigned: "Te atiende {name}",
  statusAssignedAnonymous: "En curso",
  statusClosed: "Cerrada",
  unread: "{n} sin leer",
  you: "Tú",
  agent: "Agente",
  system: "Aviso",
  lastMessageYou: "Tú: {text}",
  searchLabel: "Buscar en tus mensajes",
  searchButton: "Buscar",
  closeSearch: "Cerrar búsqueda",
  searchResultsHeading: "Resultados de «{q}»",
  searching: "Buscando…",
  searchNoResults: "Ningún mensaje contiene «{q}».",
  searchCountOne: "1 mensaje encontrado",
  searchCountOther: "{n} mensajes encontrados",
  searchFailed: "No se ha podido buscar. Inténtalo de nuevo.",
  backToList: "Volver a tus conversaciones",
  messages: "Mensajes",
  loadEarlier: "Cargar mensajes anteriores",
  loadingEarlier: "Cargando mensajes anteriores…",
  newMessages: "Mensajes nuevos",
  composerLabel: "Escribe tu mensaje",
  composerHint: "Intro envía; Mayús + Intro añade una línea.",
  send: "Enviar",
  attach: "Adjuntar archivo",
  removeFile: "Quitar {name}",
  filesSelected: "Archivos para enviar",
  fileTooLarge: "«{name}» ocupa {size}: el máximo es {max}.",
  fileWrongType: "«{name}» no se puede enviar: solo imágenes (JPG, PNG, GIF, WebP) y PDF.",
  fileEmpty: "«{name}» está vacío.",
  tooManyFiles: "Puedes adjuntar hasta {n} archivos por mensaje.",
  textTooLong: "El mensaje es demasiado largo: el máximo son {n} caracteres.",
  sending: "Enviando…",
  uploading: "Subiendo archivos…",
  notSent: "No se ha enviado.",
  retry: "Reintentar",
  discard: "Descartar",
  sendInNewConversation: "Enviar en una conversación nueva",
  closedBeforeSent: "La conversación se cerró antes de enviarlo.",
  conversationClosed: "Esta conversación está cerrada.",
  startAnotherConversation: "Empezar otra conversación",
  newConversationIntro:
    "Escríbenos lo que necesites. Puedes cerrar la página cuando quieras: la respuesta te esperará aquí.",
  chooseConversation: "Elige una conversación o empieza una nueva.",
  announceReply: "Nueva respuesta de {name}: {text}",
  announceAssigned: "{name} está atendiendo tu conversación.",
  announceClosed: "Se ha cerrado la conversación «{subject}».",
  download: "Descargar {name}",
  attachmentUnavailable: "No se puede mostrar «{name}».",
  offline: "Sin conexión. Volviendo a conectar…",
  failedToLoad: "No se han podido cargar los mensajes.",
  tryAgain: "Volver a intentarlo",
  errorGeneric: "Algo ha fallado. Inténtalo de nuevo en un momento.",
  errorTenant: "Este chat no está disponible.",
  errorIdentity: "No hemos podido comprobar tu identidad. Vuelve a entrar en la web e inténtalo otra vez.",
  errorRateLimited: "Demasiados intentos seguidos. Espera un momento y vuelve a intentarlo.",
  errorFileRejected: "El archivo no se ha aceptado: solo imágenes y PDF de hasta {max}.",
} as const;

export type MessageKey = keyof typeof es;

const en: Record<MessageKey, string> = {
  pageTitle: "Chat with {tenant}",
  loading: "Loading…",
  otherLanguage: "Español",
  closeChat: "Close chat",
  conversationsHeading: "Your conversations",
  newConversation: "New conversation",
  noConversations: "You have not written to us yet. Start a conversation whenever you like.",
  statusQueued: "Waiting",
  statusAssigned: "{name} is helping you",
  statusAssignedAnonymous: "In progress",
  statusClosed: "Closed",
  unread: "{n} unread",
  you: "You",
  agent: "Agent",
  system: "Notice",
  lastMessageYou: "You: {text}",
  searchLabel: "Search your messages",
  searchButton: "Search",
  closeSearch: "Close search",
  searchResultsHeading: "Results for “{q}”",
  searching: "Searching…",
  searchNoResults: "No message contains “{q}”.",
  searchCountOne: "1 message found",
  searchCountOther: "{n} messages found",
  searchFailed: "The search failed. Please try again.",
  backToList: "Back to your conversations",
  messages: "Messages",
  loadEarlier: "Load earlier messages",
  loadingEarlier: "Loading earlier messages…",
  newMessages: "New messages",
  composerLabel: "Write your message",
  composerHint: "Enter sends; Shift + Enter adds a line.",
  send: "Send",
  attach: "Attach a file",
  removeFile: "Remove {name}",
  filesSelected: "Files to send",
  fileTooLarge: "“{name}” is {size}: the limit is {max}.",
  fileWrongType: "“{name}” cannot be sent: only images (JPG, PNG, GIF, WebP) and PDF.",
  fileEmpty: "“{name}” is empty.",
  tooManyFiles: "You can attach up to {n} files per message.",
  textTooLong: "The message is too long: the limit is {n} characters.",
  sending: "Sending…",
  uploading: "Uploading files…",
  notSent: "Not sent.",
  retry: "Retry",
  discard: "Discard",
  sendInNewConversation: "Send in a new conversation",
  closedBeforeSent: "The conversation was closed before it was sent.",
  conversationClosed: "This conversation is closed.",
  startAnotherConversation: "Start another conversation",
  newConversationIntro:
    "Tell us what you need. You can close the page at any time: the reply will be waiting here.",
  chooseConversation: "Choose a conversation or start a new one.",
  announceReply: "New reply from {name}: {text}",
  announceAssigned: "{name} is taking care of your conversation.",
  announceClosed: "The conversation “{subject}” was closed.",
  download: "Download {name}",
  attachmentUnavailable: "“{name}” cannot be shown.",
  offline: "Offline. Reconnecting…",
  failedToLoad: "The messages could not be loaded.",
  tryAgain: "Try again",
  errorGeneric: "Something went wrong. Please try again in a moment.",
  errorTenant: "This chat is not available.",
  errorIdentity: "We could not verify who you are. Sign in to the website again and retry.",
  errorRateLimited: "Too many attempts in a row. Wait a moment and try again.",
  errorFileRejected: "The file was not accepted: only images and PDF up to {max}.",
};

export const MESSAGES = { es, en } satisfies Record<string, Record<MessageKey, string>>;
export type Lang = keyof typeof MESSAGES;
export const LANGS = Object.keys(MESSAGES) as Lang[];
export const DEFAULT_LANG: Lang = "es";

export type Params = Record<string, string | number>;

/** Fills `{name}` placeholders; a placeholder without a value stays visible rather than vanish. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const template: string = MESSAGES[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGS as string[]).includes(value);
}

/** The URL wins (the host site knows its page's language), then the customer's last choice, then the browser. */
export function pickLanguage(fromUrl: string | null, saved: string | null, browser: readonly string[]): Lang {
  if (isLang(fromUrl)) return fromUrl;
  if (isLang(saved)) return saved;
  for (const tag of browser) {
    const base = tag.toLowerCase().split("-")[0];
    if (isLang(base)) return base;
  }
  return DEFAULT_LANG;
}
