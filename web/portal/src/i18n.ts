/**
 * Every text of "Mi cuenta", Spanish first. English must name the same keys: the type below
 * refuses a missing or extra one.
 */
const es = {
  pageTitle: "Mi cuenta · {tenant}",
  heading: "Mi cuenta",
  loading: "Cargando…",
  otherLanguage: "English",
  queriesHeading: "Tus consultas y reclamos",
  noQueries: "Aún no has enviado ninguna consulta ni reclamo.",
  queriesFailed: "No se han podido cargar tus consultas.",
  tryAgain: "Volver a intentarlo",
  sentOn: "Envío: {date}",
  answerBy: "Te responderemos por {means}.",
  statusOpen: "Abierta",
  statusClosed: "Cerrada",
  statusServiceGenerated: "Generó servicio técnico",
  kindConsulta: "Consulta",
  kindReclamo: "Reclamo",
  formHeading: "Nueva consulta o reclamo",
  formIntro:
    "Los campos marcados con * son obligatorios. Danos al menos un teléfono o un correo para responderte.",
  kind: "Tipo",
  subject: "Asunto",
  message: "Mensaje",
  name: "Nombre y apellido",
  documentNumber: "Número de documento",
  phone: "Teléfono",
  email: "Correo electrónico",
  preferredContact: "Medio de contacto preferido",
  meansPhone: "Teléfono",
  meansEmail: "Correo electrónico",
  city: "Ciudad",
  optional: "(opcional)",
  send: "Enviar",
  sending: "Enviando…",
  sent: "Hemos recibido «{subject}». Te responderemos por {means}.",
  required: "Completa este campo.",
  tooLong: "Como máximo {n} caracteres.",
  badEmail: "Escribe un correo como nombre@ejemplo.com.",
  badPhone: "Escribe un teléfono con su prefijo, por ejemplo +54 11 5555 0101.",
  badDocument: "Entre 4 y 20 letras, números, puntos o guiones.",
  contactRequired: "Danos un teléfono o un correo para responderte.",
  preferredMissing: "Completa el medio que prefieres o elige el otro.",
  invalid: "Revisa este campo.",
  fixErrors: "Revisa los campos marcados: {n} con errores.",
  notSent: "No se ha podido enviar. Tus datos siguen aquí: vuelve a intentarlo.",
  errorGeneric: "Algo ha fallado. Inténtalo de nuevo en un momento.",
  errorTenant: "Esta página no está disponible.",
  errorIdentity: "No hemos podido comprobar tu identidad. Vuelve a entrar en la web e inténtalo otra vez.",
  errorRateLimited: "Demasiados intentos seguidos. Espera un momento y vuelve a intentarlo.",
} as const;

export type MessageKey = keyof typeof es;

const en: Record<MessageKey, string> = {
  pageTitle: "My account · {tenant}",
  heading: "My account",
  loading: "Loading…",
  otherLanguage: "Español",
  queriesHeading: "Your queries and complaints",
  noQueries: "You have not sent any query or complaint yet.",
  queriesFailed: "Your queries could not be loaded.",
  tryAgain: "Try again",
  sentOn: "Sent: {date}",
  answerBy: "We will answer by {means}.",
  statusOpen: "Open",
  statusClosed: "Closed",
  statusServiceGenerated: "Technical service generated",
  kindConsulta: "Query",
  kindReclamo: "Complaint",
  formHeading: "New query or complaint",
  formIntro: "Fields marked * are required. Give us at least a phone or an e-mail to answer you.",
  kind: "Type",
  subject: "Subject",
  message: "Message",
  name: "Full name",
  documentNumber: "Document number",
  phone: "Phone",
  email: "E-mail",
  preferredContact: "Preferred contact means",
  meansPhone: "Phone",
  meansEmail: "E-mail",
  city: "City",
  optional: "(optional)",
  send: "Send",
  sending: "Sending…",
  sent: "We received “{subject}”. We will answer by {means}.",
  required: "Fill in this field.",
  tooLong: "At most {n} characters.",
  badEmail: "Write an address like name@example.com.",
  badPhone: "Write a phone number with its country code, e.g. +54 11 5555 0101.",
  badDocument: "4 to 20 letters, digits, dots or dashes.",
  contactRequired: "Give us a phone or an e-mail to answer you.",
  preferredMissing: "Fill in the means you prefer, or choose the other one.",
  invalid: "Check this field.",
  fixErrors: "Check the marked fields: {n} with errors.",
  notSent: "It could not be sent. Your text is still here: try again.",
  errorGeneric: "Something went wrong. Please try again in a moment.",
  errorTenant: "This page is not available.",
  errorIdentity: "We could not verify who you are. Sign in to the website again and retry.",
  errorRateLimited: "Too many attempts in a row. Wait a moment and try again.",
};

export const MESSAGES = { es, en } satisfies Record<string, Record<MessageKey, string>>;
export type Lang = keyof typeof MESSAGES;
export type Params = Record<string, string | number>;

/** Fills `{name}` placeholders; a placeholder without a value stays visible rather than vanish. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const template: string = MESSAGES[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

const isLang = (value: unknown): value is Lang => value === "es" || value === "en";

/** The URL wins, then the customer's last choice, then the browser; Spanish when none says. */
export function pickLanguage(fromUrl: string | null, saved: string | null, browser: readonly string[]): Lang {
  if (isLang(fromUrl)) return fromUrl;
  if (isLang(saved)) return saved;
  const base = browser.map((tag) => tag.toLowerCase().split("-")[0]).find(isLang);
  return base ?? "es";
}
