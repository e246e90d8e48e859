import { describe, expect, it } from "vitest";
import { chooseOption, parseAnswer, runBot, startBot } from "../../../../shared/chatbot/engine.js";
import { BotFlow, type BotFlowInput } from "../../../../shared/chatbot/flow.js";

const FLOW: BotFlowInput = {
  botName: "Asistente",
  start: "hello",
  maxRetries: 1,
  nodes: [
    { kind: "message", id: "hello", text: "¡Hola!", next: "menu" },
    {
      kind: "menu",
      id: "menu",
      prompt: "¿En qué te ayudo?",
      options: [
        { label: "Soporte técnico", next: "name" },
        { label: "Facturación", next: "bye" },
      ],
    },
    { kind: "question", id: "name", prompt: "¿Tu nombre?", field: "name", next: "document" },
    { kind: "question", id: "document", prompt: "¿Tu documento?", field: "documentNumber", next: "human" },
    { kind: "handoff", id: "human", text: "Te paso con una persona." },
    { kind: "end", id: "bye", text: "Te contactaremos." },
  ],
};
const flow = BotFlow.parse(FLOW);

/** Plays the customer's answers from the opening on; the last turn. */
function play(...answers: string[]) {
  let turn = startBot(flow, 3);
  for (const answer of answers) turn = runBot(flow, turn.nextState, answer);
  return turn;
}

describe("the chatbot engine", () => {
  it("opens with the messages up to the first menu, numbering its options", () => {
    const turn = startBot(flow, 3);
    expect(turn.replies).toEqual(["¡Hola!", "¿En qué te ayudo?\n1. Soporte técnico\n2. Facturación"]);
    expect(turn.outcome).toBe("continue");
    expect(turn.nextState).toMatchObject({ flowVersion: 3, nodeId: "menu", attempts: 0, collected: {} });
  });

  it("takes an option by its number", () => {
    const turn = play("1");
    expect(turn.replies).toEqual(["¿Tu nombre?"]);
    expect(turn.nextState).toMatchObject({ nodeId: "name", choices: ["Soporte técnico"] });
  });

  it("takes an option by its text whatever the case and the accents", () => {
    expect(play("SOPORTE TECNICO").nextState.nodeId).toBe("name");
    expect(play("  facturación. ").outcome).toBe("end");
    expect(play("facturacion").replies).toEqual(["Te contactaremos."]);
  });

  it("collects the answers and hands off with them", () => {
    const turn = play("1", "Lucía Pérez", "20.123.456");
    expect(turn.outcome).toBe("handoff");
    expect(turn.replies).toEqual(["Te paso con una persona."]);
    expect(turn.collected).toEqual({ name: "Lucía Pérez", documentNumber: "20.123.456" });
    expect(turn.nextState.outcome).toBe("handoff");
  });

  it("repeats a question with a hint after a bad answer, keeping what it had", () => {
    const turn = play("1", "Lucía Pérez", "no sé");
    expect(turn.outcome).toBe("continue");
    expect(turn.replies).toHaveLength(1);
    expect(turn.replies[0]).toMatch(/documento.*\n\n¿Tu documento\?$/s);
    expect(turn.nextState).toMatchObject({
      nodeId: "document",
      attempts: 1,
      collected: { name: "Lucía Pérez" },
    });
    expect(play("1", "Lucía Pérez", "no sé", "20123456").outcome).toBe("handoff");
  });

  it("repeats a menu with a hint for an option it does not know", () => {
    const turn = play("7");
    expect(turn.replies[0]).toContain("Responde con el número");
    expect(turn.replies[0]).toContain("1. Soporte técnico");
    expect(turn.nextState.attempts).toBe(1);
  });

  it("gives up after the flow's retries and hands the chat to a person with what it has", () => {
    const turn = play("1", "12345", "???");
    expect(turn.outcome).toBe("handoff");
    expect(turn.replies).toEqual([flow.giveUpText]);
    expect(turn.nextState).toMatchObject({ attempts: 2, outcome: "handoff" });
  });

  it("says nothing more once it finished", () => {
    const done = play("2");
    const after = runBot(flow, done.nextState, "¿hola?");
    expect(after).toMatchObject({ replies: [], outcome: "end" });
  });
});

describe("answers the bot accepts", () => {
  it.each([
    ["name", "María José O'Neill", "María José O'Neill"],
    ["name", "4321", undefined],
    ["documentNumber", "20.123.456-7", "20.123.456-7"],
    ["documentNumber", "abc", undefined],
    ["phone", "+54 (11) 4321-5678", "+541143215678"],
    ["phone", "123", undefined],
    ["email", "Ana@Example.com", "ana@example.com"],
    ["email", "ana@", undefined],
    ["city", "San Miguel de Tucumán", "San Miguel de Tucumán"],
    ["motivo", "No tengo internet desde ayer", "No tengo internet desde ayer"],
    ["motivo", "no", undefined],
  ] as const)("%s: %j → %j", (field, answer, stored) => {
    expect(parseAnswer(field, answer)).toBe(stored);
  });

  it("reads 'opción 2' and '2.' as the second option", () => {
    const menu = flow.nodes.find((node) => node.kind === "menu")!;
    if (menu.kind !== "menu") throw new Error("no menu");
    expect(chooseOption(menu, "Opción 2")?.label).toBe("Facturación");
    expect(chooseOption(menu, "2.")?.label).toBe("Facturación");
    expect(chooseOption(menu, "0")).toBeUndefined();
  });
});
