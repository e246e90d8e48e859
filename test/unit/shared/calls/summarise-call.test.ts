import { describe, expect, it } from "vitest";
import { queueArn } from "../../../../infra/local/sim/connect-events.js";
import { QUEUES } from "../../../../infra/local/sim/ivr-flow.js";
import { ContactEvent } from "../../../../shared/calls/connect-contact-event.js";
import { LexConversationTurn } from "../../../../shared/calls/lex-conversation-turn.js";
import { summariseCall } from "../../../../shared/calls/summarise-call.js";
import { callThrough } from "../../../support/calls.js";

const instance = { account: "111122223333", region: "us-east-1", instanceId: "inst-1", botId: "BOT1" };

/** A call through the simulated IVR as the facts it leaves. */
function callFacts(keys: string[]) {
  const call = callThrough(instance, keys, {
    contactId: "c-1",
    start: Date.parse("2026-11-24T02:00:00.000Z"),
  });
  return {
    events: call.events.map((event) => ContactEvent.parse(event)),
    turns: call.turns.map((turn) => LexConversationTurn.parse(turn)),
  };
}

/** A fixed shuffle: every other fact, then the rest backwards. */
const reordered = <T>(items: T[]) => [
  ...items.filter((_, i) => i % 2 === 0),
  ...items.filter((_, i) => i % 2 === 1).reverse(),
];

describe("a call summarised from its facts", () => {
  const facts = callFacts(["2", "20123456#", "2", "1", "1"]);
  const summary = summariseCall(facts, [queueArn(instance, QUEUES.sales)]);

  it("takes the most specific motivo, the city, document and phone the flow tagged, and Connect's furthest state", () => {
    expect(summary).toMatchObject({
      tab: "calls",
      motivo: "Soporte técnico › Internet › Sin conexión",
      city: "Córdoba",
      documentNumber: "20123456",
      phone: "+5491155550199",
      createdAt: "2026-11-24T02:00:01.000Z",
    });
    expect(summary.detail).toMatchObject({
      state: "DISCONNECTED",
      queueArn: queueArn(instance, QUEUES.care),
    });
  });

  it("shows each answer beside the question it answers, then the bot's last words", () => {
    expect(summary.detail.steps.map(({ prompt, answer }) => [prompt.slice(0, 24), answer])).toEqual([
      ["Bienvenido a Banco Demo.", "2 (Córdoba)"],
      ["Si es cliente, marque su", "20123456"],
      ["Marque 1 para Contratar ", "2 (Soporte técnico)"],
      ["Marque 1 para Internet, ", "1 (Internet)"],
      ["Marque 1 para Sin conexi", "1 (Sin conexión)"],
      ["Le comunicamos con un ag", undefined],
    ]);
  });

  it("is the same whatever order the facts come in", () => {
    const shuffled = { events: reordered(facts.events), turns: reordered(facts.turns) };
    expect(summariseCall(shuffled, [queueArn(instance, QUEUES.sales)])).toEqual(summary);
  });

  it("is a sales call when the flow tagged the sales line, or the call waited in a sales queue", () => {
    const sales = callFacts(["1", "#", "1"]);
    expect(summariseCall(sales, [])).toMatchObject({ tab: "sales_calls", motivo: "Contratar un servicio" });
    const untagged = {
      events: sales.events.map((event) => ({ ...event, tags: { motivo: "Contratar un servicio" } })),
      turns: [],
    };
    expect(summariseCall(untagged, []).tab).toBe("calls");
    expect(summariseCall(untagged, [queueArn(instance, QUEUES.sales)]).tab).toBe("sales_calls");
  });

  it("never goes back to an earlier state or a vaguer motivo for an event that comes late", () => {
    const early = facts.events.slice(0, 5);
    const partial = summariseCall({ events: [...facts.events, ...early], turns: facts.turns }, []);
    expect(partial.motivo).toBe(summary.motivo);
    expect(partial.detail.state).toBe("DISCONNECTED");
  });
});
