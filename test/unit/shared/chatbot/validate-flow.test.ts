import { describe, expect, it } from "vitest";
import { DEMO_BOT_FLOW } from "../../../../infra/local/demo-bot-flow.js";
import { BotFlow, type BotFlowInput } from "../../../../shared/chatbot/flow.js";
import {
  assertPublishable,
  flowProblems,
  InvalidFlowError,
} from "../../../../shared/chatbot/validate-flow.js";

const flowOf = (nodes: BotFlowInput["nodes"], start = "menu") =>
  BotFlow.parse({ botName: "Asistente", start, nodes });

const menu = (next: string[]) => ({
  kind: "menu" as const,
  id: "menu",
  prompt: "¿Qué necesitas?",
  options: next.map((target, i) => ({ label: `Opción ${i + 1}`, next: target })),
});

describe("validating a chatbot flow before it is published", () => {
  it("accepts the demo flow", () => {
    expect(flowProblems(BotFlow.parse(DEMO_BOT_FLOW))).toEqual([]);
  });

  it("names an option that leads to a node that does not exist", () => {
    const flow = flowOf([menu(["bye", "nowhere"]), { kind: "end", id: "bye", text: "Adiós" }]);
    expect(flowProblems(flow)).toEqual([{ code: "unknown_target", node: "menu", target: "nowhere" }]);
  });

  it("names a start that does not exist, and a node twice", () => {
    const flow = flowOf(
      [
        { kind: "end", id: "bye", text: "Adiós" },
        { kind: "end", id: "bye", text: "Chau" },
      ],
      "hello",
    );
    expect(flowProblems(flow)).toEqual([
      { code: "duplicate_node", node: "bye" },
      { code: "unknown_start", node: "hello" },
    ]);
  });

  it("names a node no path reaches", () => {
    const flow = flowOf([
      menu(["bye"]),
      { kind: "end", id: "bye", text: "Adiós" },
      { kind: "handoff", id: "orphan", text: "…" },
    ]);
    expect(flowProblems(flow)).toEqual([{ code: "unreachable", node: "orphan" }]);
  });

  it("names the dead ends: nodes from which no path reaches a hand-off or an end", () => {
    const flow = flowOf([
      menu(["bye", "ask"]),
      { kind: "end", id: "bye", text: "Adiós" },
      { kind: "question", id: "ask", prompt: "¿Nombre?", field: "name", next: "again" },
      { kind: "question", id: "again", prompt: "¿Ciudad?", field: "city", next: "ask" },
    ]);
    expect(flowProblems(flow)).toEqual([
      { code: "dead_end", node: "ask" },
      { code: "dead_end", node: "again" },
    ]);
  });

  it("names a loop of messages that never waits for the customer, but accepts a menu leading back", () => {
    const looping = flowOf([
      menu(["bye", "a"]),
      { kind: "end", id: "bye", text: "Adiós" },
      { kind: "message", id: "a", text: "Uno", next: "b" },
      { kind: "message", id: "b", text: "Dos", next: "a" },
    ]);
    expect(flowProblems(looping).filter((p) => p.code === "cycle_without_input")).toEqual([
      { code: "cycle_without_input", node: "a" },
      { code: "cycle_without_input", node: "b" },
    ]);
    const back = flowOf([
      menu(["bye", "info"]),
      { kind: "end", id: "bye", text: "Adiós" },
      { kind: "message", id: "info", text: "Abrimos de 9 a 18.", next: "menu" },
    ]);
    expect(flowProblems(back)).toEqual([]);
  });

  it("refuses to publish with invalid_flow listing every problem", () => {
    const flow = flowOf([menu(["nowhere"])]);
    expect(() => assertPublishable(flow)).toThrow(InvalidFlowError);
    try {
      assertPublishable(flow);
    } catch (error) {
      expect(error).toMatchObject({
        code: "invalid_flow",
        status: 400,
        details: { problems: [{ code: "unknown_target", node: "menu", target: "nowhere" }] },
      });
    }
  });
});
