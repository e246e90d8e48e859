import { z } from "zod";
import type { BotField, BotFlow, BotNode, BotState, Collected } from "./flow.js";

export type BotOutcome = "continue" | "handoff" | "end";

export type BotTurn = {
  /** What the bot says, in order. */
  replies: string[];
  nextState: BotState;
  collected: Collected;
  outcome: BotOutcome;
};

/** Plain messages in a row before the bot must wait for the customer; validation forbids loops of them. */
const MAX_STEPS = 50;

/** Text as compared: lower case, accents gone, punctuation a space. */
export const comparable = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

const DEFAULT_HINTS: Record<BotField, string> = {
  name: "Escribe tu nombre y apellido, solo con letras.",
  documentNumber: "Escribe tu número de documento, solo números y letras (por ejemplo 20123456).",
  phone: "Escribe un teléfono de 7 a 15 dígitos, con código de área.",
  email: "Escribe un correo electrónico como nombre@ejemplo.com.",
  city: "Escribe el nombre de tu ciudad.",
  motivo: "Cuéntanos en pocas palabras el motivo de tu consulta.",
};
const MENU_HINT = "Responde con el número de una opción o con su texto.";

const Email = z.email();

/** The answer as stored, or undefined when it is not a plausible value of the field. */
export function parseAnswer(field: BotField, answer: string): string | undefined {
  const text = answer.trim().replace(/\s+/g, " ");
  switch (field) {
    case "name":
    case "city":
      return /^[\p{L}][\p{L}\p{M} .'-]{1,79}$/u.test(text) ? text : undefined;
    case "documentNumber": {
      const compact = text.replace(/[\s.-]/g, "");
      return /^[A-Za-z0-9]{5,15}$/.test(compact) && /\d{5}/.test(compact) ? text : undefined;
    }
    case "phone": {
      if (!/^\+?[\d\s().-]+$/.test(text)) return undefined;
      const digits = text.replace(/\D/g, "");
      return digits.length >= 7 && digits.length <= 15
        ? `${text.startsWith("+") ? "+" : ""}${digits}`
        : undefined;
    }
    case "email":
      return Email.safeParse(text.toLowerCase()).success ? text.toLowerCase() : undefined;
    case "motivo":
      return text.length >= 3 && text.length <= 500 ? text : undefined;
  }
}

/** The option the customer chose, by its number ("2", "2.", "opción 2") or by its text, whatever the case and accents. */
export function chooseOption(node: Extract<BotNode, { kind: "menu" }>, answer: string) {
  const said = comparable(answer);
  const number = said.match(/^(?:opcion )?(\d+)$/)?.[1];
  if (number) return node.options[Number(number) - 1];
  return node.options.find((option) => comparable(option.label) === said);
}

const menuText = (node: Extract<BotNode, { kind: "menu" }>) =>
  [node.prompt, ...node.options.map((option, i) => `${i + 1}. ${option.label}`)].join("\n");

const promptOf = (node: BotNode) =>
  node.kind === "menu" ? menuText(node) : node.kind === "question" ? node.prompt : node.text;

function nodeOf(flow: BotFlow, id: string): BotNode {
  const node = flow.nodes.find((candidate) => candidate.id === id);
  if (!node) throw new Error(`The flow has no node "${id}"`);
  return node;
}

/**
 * Says each node from `id` on until one waits for the customer (a menu or question) or the
 * flow finishes (a hand-off or an end).
 */
function advance(flow: BotFlow, state: BotState, id: string, replies: string[]): BotTurn {
  let node = nodeOf(flow, id);
  for (let step = 0; node.kind === "message"; step++) {
    if (step >= MAX_STEPS)
      throw new Error("The flow loops through messages without waiting for the customer");
    replies.push(node.text);
    node = nodeOf(flow, node.next);
  }
  replies.push(promptOf(node));
  const outcome = node.kind === "handoff" || node.kind === "end" ? node.kind : "continue";
  const nextState: BotState = {
    ...state,
    nodeId: node.id,
    attempts: 0,
    ...(outcome !== "continue" && { outcome }),
  };
  return { replies, nextState, collected: nextState.collected, outcome };
}

/** The bot's opening: from the flow's start to the first menu or question. */
export function startBot(flow: BotFlow, flowVersion: number): BotTurn {
  const state: BotState = {
    flowVersion,
    nodeId: flow.start,
    attempts: 0,
    collected: {},
    choices: [],
    answeredSeq: 0,
  };
  return advance(flow, state, flow.start, []);
}

/**
 * One turn of the conversation: the customer's answer to the menu or question the bot waits
 * on, and what the bot says next. A bad answer repeats the node with a hint, at most the flow's
 * `maxRetries` times; the next bad one makes the bot hand the chat to a person with what it has. Pure: the
 * same flow, state and text always give the same turn.
 */
export function runBot(flow: BotFlow, state: BotState, customerText: string): BotTurn {
  if (state.outcome)
    return { replies: [], nextState: state, collected: state.collected, outcome: state.outcome };
  const node = nodeOf(flow, state.nodeId);
  if (node.kind === "menu") {
    const option = chooseOption(node, customerText);
    if (option)
      return advance(flow, { ...state, choices: [...state.choices, option.label] }, option.next, []);
    return retry(flow, state, node, MENU_HINT);
  }
  if (node.kind === "question") {
    const value = parseAnswer(node.field, customerText);
    if (value !== undefined)
      return advance(
        flow,
        { ...state, collected: { ...state.collected, [node.field]: value } },
        node.next,
        [],
      );
    return retry(flow, state, node, node.hint ?? DEFAULT_HINTS[node.field]);
  }
  throw new Error(`A bot state rests on a menu or a question, not on "${node.id}"`);
}

function retry(flow: BotFlow, state: BotState, node: BotNode, hint: string): BotTurn {
  const attempts = state.attempts + 1;
  if (attempts > flow.maxRetries) {
    const nextState: BotState = { ...state, attempts, outcome: "handoff" };
    return { replies: [flow.giveUpText], nextState, collected: state.collected, outcome: "handoff" };
  }
  const nextState: BotState = { ...state, attempts };
  return {
    replies: [`${hint}\n\n${promptOf(node)}`],
    nextState,
    collected: state.collected,
    outcome: "continue",
  };
}
