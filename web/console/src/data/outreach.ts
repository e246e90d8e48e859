import type { AttachmentClaim, MessageTemplate, StartAgentConversationInput } from "./console-types";
import { type ComposeProblem, type EmailFields, emailInput } from "./outgoing";
import { templateValues } from "./templates";

/** Why a new conversation cannot start yet. */
export type OutreachProblem =
  | ComposeProblem
  | { problem: "phone_invalid" }
  | { problem: "template_missing" }
  | { problem: "template_incomplete" };

/** What the API takes as a WhatsApp number: international, 8 to 20 digits and separators. */
const PHONE = /^\+?[\d\s().-]{8,20}$/;

export type WhatsAppOutreach = {
  phone: string;
  kind: "text" | "template";
  text: string;
  template: MessageTemplate | undefined;
  values: readonly string[];
};

/**
 * A WhatsApp to the customer: free text, or an approved template with its parameters (the only
 * thing WhatsApp takes when he has not written in 24 h). Without a number, his profile's is used.
 */
export function whatsAppOutreach(
  state: WhatsAppOutreach,
  clientMessageId: string,
): { input: StartAgentConversationInput } | OutreachProblem {
  const phone = state.phone.trim();
  if (phone && !PHONE.test(phone)) return { problem: "phone_invalid" };
  const to = phone ? { to: phone } : {};
  if (state.kind === "template") {
    if (!state.template) return { problem: "template_missing" };
    const parameters = templateValues(state.template.body, state.values);
    if (!parameters) return { problem: "template_incomplete" };
    const { name, language } = state.template;
    return {
      input: {
        channel: "whatsapp",
        ...to,
        message: { clientMessageId, text: "", content: { kind: "template", name, language, parameters } },
      },
    };
  }
  const text = state.text.trim();
  if (!text) return { problem: "needs_content" };
  return { input: { channel: "whatsapp", ...to, message: { clientMessageId, text } } };
}

/** A new e-mail to the customer, with copies: a recipient, a subject and a body or a file. */
export function emailOutreach(
  state: { fields: EmailFields; text: string; attachments: AttachmentClaim[] },
  clientMessageId: string,
): { input: StartAgentConversationInput } | OutreachProblem {
  const email = emailInput(state.fields);
  if ("problem" in email) return email;
  const text = state.text.trim();
  if (!text && !state.attachments.length) return { problem: "needs_content" };
  return {
    input: {
      channel: "email",
      message: { clientMessageId, text, attachments: state.attachments, email: email.email },
    },
  };
}
