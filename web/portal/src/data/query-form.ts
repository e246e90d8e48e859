import type { Params } from "../../../customer/src/i18n.js";
import type { MessageKey } from "../i18n.js";
import type { SubmitQueryInput } from "./portal-api.js";

/** The form as typed: every field a string; `preferredContact` empty until the customer picks one. */
export type QueryForm = {
  kind: "consulta" | "reclamo";
  subject: string;
  message: string;
  name: string;
  documentNumber: string;
  phone: string;
  email: string;
  preferredContact: "" | "phone" | "email";
  city: string;
};
export type Field = keyof QueryForm;
export type Problem = { key: MessageKey; params?: Params };
export type Problems = Partial<Record<Field, Problem>>;

/** The server's limits (shared/query/query-info.ts), checked here first so the customer hears why at once. */
export const LIMITS = { subject: 120, message: 4000, name: 120, city: 80 } as const;
const PHONE = /^\+?[\d\s().-]{8,20}$/;
const DOCUMENT = /^[A-Za-z0-9.-]{4,20}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const emptyForm = (name = "", email = ""): QueryForm => ({
  kind: "consulta",
  subject: "",
  message: "",
  name,
  documentNumber: "",
  phone: "",
  email,
  preferredContact: "",
  city: "",
});

/** What is wrong with the form, by field, in the order the form shows them. */
export function validateQueryForm(form: QueryForm): Problems {
  const problems: Problems = {};
  const text = (field: "subject" | "message" | "name" | "city", required: boolean) => {
    const value = form[field].trim();
    if (required && !value) problems[field] = { key: "required" };
    else if (value.length > LIMITS[field]) problems[field] = { key: "tooLong", params: { n: LIMITS[field] } };
  };
  text("subject", true);
  text("message", true);
  text("name", true);
  const documentNumber = form.documentNumber.trim();
  if (!documentNumber) problems.documentNumber = { key: "required" };
  else if (!DOCUMENT.test(documentNumber)) problems.documentNumber = { key: "badDocument" };
  const phone = form.phone.trim();
  const email = form.email.trim();
  if (phone && !PHONE.test(phone)) problems.phone = { key: "badPhone" };
  if (email && !EMAIL.test(email)) problems.email = { key: "badEmail" };
  if (!phone && !email) problems.phone = { key: "contactRequired" };
  if (form.preferredContact && !form[form.preferredContact].trim())
    problems.preferredContact = { key: "preferredMissing" };
  text("city", false);
  return problems;
}

/** The request body: blank optional fields left out rather than sent empty. */
export function toSubmitInput(form: QueryForm, clientRequestId: string): SubmitQueryInput {
  const optional = (value: string) => value.trim() || undefined;
  return {
    clientRequestId,
    kind: form.kind,
    subject: form.subject.trim(),
    message: form.message.trim(),
    name: form.name.trim(),
    documentNumber: form.documentNumber.trim(),
    phone: optional(form.phone),
    email: optional(form.email),
    preferredContact: form.preferredContact || undefined,
    city: optional(form.city),
  };
}

/** Every field, in the order the form shows them. */
export const FIELDS: readonly Field[] = [
  "kind",
  "subject",
  "message",
  "name",
  "documentNumber",
  "phone",
  "email",
  "preferredContact",
  "city",
];

/** The fields the server refused (a 400's `issues`), for what the checks here let through. */
export function problemsFromServer(details: Record<string, unknown> | undefined): Problems {
  const issues = Array.isArray(details?.issues) ? (details.issues as { path?: unknown }[]) : [];
  const problems: Problems = {};
  for (const { path } of issues)
    if (FIELDS.includes(path as Field)) problems[path as Field] = { key: "invalid" };
  return problems;
}
