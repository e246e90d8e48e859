import { z } from "zod";

/** What a question collects: the contact data the back office answers by, and the motivo. */
export const BotField = z.enum(["name", "documentNumber", "phone", "email", "city", "motivo"]);
export type BotField = z.infer<typeof BotField>;

/** What the bot learned from the customer, by field. */
export const Collected = z.partialRecord(BotField, z.string());
export type Collected = z.infer<typeof Collected>;

export const NodeId = z
  .string()
  .regex(/^[a-z0-9_-]{1,40}$/, "node ids are 1-40 lowercase letters, digits, '-' or '_'");

const Text = z.string().trim().min(1).max(1000);

export const MenuOption = z.object({ label: z.string().trim().min(1).max(80), next: NodeId });

/** A prompt with numbered options; the customer answers with the number or the option's text. */
export const MenuNode = z.object({
  kind: z.literal("menu"),
  id: NodeId,
  prompt: Text,
  options: z.array(MenuOption).min(1).max(9),
});

/** Asks for one field and checks the answer; a bad one gets the hint and the question again. */
export const QuestionNode = z.object({
  kind: z.literal("question"),
  id: NodeId,
  prompt: Text,
  field: BotField,
  /** What to say when the answer does not look right; each field has a default. */
  hint: Text.optional(),
  next: NodeId,
});

export const MessageNode = z.object({ kind: z.literal("message"), id: NodeId, text: Text, next: NodeId });

/** The conversation joins the agents' queue with what was collected. */
export const HandoffNode = z.object({ kind: z.literal("handoff"), id: NodeId, text: Text });

/** The bot says goodbye; the chat stays in the back office for an agent to answer by the data left. */
export const EndNode = z.object({ kind: z.literal("end"), id: NodeId, text: Text });

export const BotNode = z.discriminatedUnion("kind", [
  MenuNode,
  QuestionNode,
  MessageNode,
  HandoffNode,
  EndNode,
]);
export type BotNode = z.infer<typeof BotNode>;

/** A tenant's web chatbot as its admin defines it (see validate-flow.ts for what publishing demands). */
export const BotFlow = z.object({
  /** Shown as the author of the bot's messages. */
  botName: z.string().trim().min(1).max(60),
  start: NodeId,
  /** How many times a bad answer repeats a menu or question; the next one hands the chat to a person. */
  maxRetries: z.number().int().min(0).max(5).default(2),
  /** Said when the bot gives up on an answer. */
  giveUpText: Text.default("No logré entenderte. Te comunico con una persona de nuestro equipo."),
  nodes: z.array(BotNode).min(1).max(200),
});
export type BotFlow = z.output<typeof BotFlow>;
export type BotFlowInput = z.input<typeof BotFlow>;

/** Where a conversation is in its flow; kept on the conversation, with the version it started with. */
export const BotState = z.object({
  flowVersion: z.number().int().positive(),
  /** The menu or question waiting for the customer's answer. */
  nodeId: z.string(),
  /** Bad answers to that node so far. */
  attempts: z.number().int().nonnegative(),
  collected: Collected,
  /** The labels of the menu options chosen, in order: the most specific is the motivo. */
  choices: z.array(z.string()),
  /** The sequence number of the last customer message the bot answered: a redelivery of it is recognised. */
  answeredSeq: z.number().int().nonnegative(),
  outcome: z.enum(["handoff", "end"]).optional(),
});
export type BotState = z.infer<typeof BotState>;
