import { z } from "zod";
import { CardContent, type CardFormField } from "../channels/card-content.js";
import type { MessageContent } from "../channels/inbound.js";
import { appendMessage } from "../conversation/append-message.js";
import { ClientMessageId } from "../conversation/info.js";
import { assertCustomerMayWrite, loadConversation } from "../conversation/load-conversation.js";
import { AppError, NotFoundError } from "../errors.js";
import type { CustomerIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";

export const CardAnswerInput = z
  .object({
    clientMessageId: ClientMessageId,
    /** The id of the button pressed. */
    choice: z.string().min(1).max(200).optional(),
    /** The form, filled in. */
    fields: z
      .array(z.object({ name: z.string().max(40), value: z.string().trim().max(500) }))
      .max(20)
      .optional(),
  })
  .refine((input) => (input.choice === undefined) !== (input.fields === undefined), {
    message: "Answer with a button or with the form, one of them",
    path: ["choice"],
  });
export type CardAnswerInput = z.input<typeof CardAnswerInput>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a value fits its field; the reason when it does not. */
function fieldProblem(field: CardFormField, value: string): string | undefined {
  if (value === "") return field.required ? "required" : undefined;
  if (field.type === "number" && !Number.isFinite(Number(value.replace(",", ".")))) return "not_a_number";
  if (field.type === "date" && !(DATE.test(value) && !Number.isNaN(Date.parse(value)))) return "not_a_date";
  if (field.type === "select" && !field.options?.includes(value)) return "not_an_option";
  return undefined;
}

/** The form's answer in the order of the card's fields; every field checked, unknown ones refused. */
function checkForm(form: readonly CardFormField[], answers: readonly { name: string; value: string }[]) {
  const given = new Map(answers.map((answer) => [answer.name, answer.value]));
  const unknown = [...given.keys()].filter((name) => !form.some((field) => field.name === name));
  const problems = Object.fromEntries(
    form.flatMap((field) => {
      const problem = fieldProblem(field, given.get(field.name) ?? "");
      return problem ? [[field.name, problem]] : [];
    }),
  );
  if (form.length === 0 || unknown.length > 0 || Object.keys(problems).length > 0) {
    throw new AppError("invalid_form", 400, "The form's answers do not fit the card", {
      ...(unknown.length > 0 && { unknown }),
      problems,
    });
  }
  return form
    .map((field) => ({ field, value: given.get(field.name) ?? "" }))
    .filter(({ value }) => value !== "");
}

/**
 * The customer answers a card he was sent in this conversation: presses one of its buttons
 * (stored as a `choice`) or submits its form (a `form`), as a reply to the card's message.
 */
export async function answerCard(
  ports: Ports,
  customer: CustomerIdentity,
  conversationId: string,
  seq: number,
  input: CardAnswerInput,
) {
  const parsed = CardAnswerInput.parse(input);
  const conversation = await loadConversation(ports, customer, conversationId);
  const { data: message } = await ports.db.message
    .get({ tenantId: customer.tenantId, conversationId: conversation.conversationId, seq })
    .go();
  const sent = CardContent.safeParse(message?.content);
  if (!message || message.author === "customer" || !sent.success) throw new NotFoundError("card");
  const card = sent.data;
  let text: string;
  let content: MessageContent;
  if (parsed.choice !== undefined) {
    const button = card.buttons?.find((candidate) => candidate.id === parsed.choice);
    if (!button) {
      throw new AppError("invalid_choice", 400, "The card has no such button", { choice: parsed.choice });
    }
    text = button.title;
    content = { kind: "choice", choice: { id: button.id, title: button.title } };
  } else {
    const answers = checkForm(card.form ?? [], parsed.fields ?? []);
    text = answers.map(({ field, value }) => `${field.label}: ${value}`).join("\n");
    content = { kind: "form", fields: answers.map(({ field, value }) => ({ name: field.name, value })) };
  }
  return appendMessage(ports, {
    author: {
      tenantId: customer.tenantId,
      kind: "customer",
      authorId: customer.customerId,
      actor: { type: "customer", id: customer.customerId },
    },
    viewer: customer,
    conversationId,
    check: (current) => assertCustomerMayWrite(customer, current),
    clientMessageId: parsed.clientMessageId,
    text,
    attachments: [],
    details: { content, replyToSeq: seq },
  });
}
