import { describe, expect, it } from "vitest";
import { z } from "zod";
import { LexConversationTurn } from "../../../../shared/calls/lex-conversation-turn.js";
import fixtureFile from "../../../fixtures/connect/connect.json" with { type: "json" };

const Fixture = z.object({
  items: z.array(z.object({ id: z.string(), kind: z.string(), payload: z.record(z.string(), z.unknown()) })),
});
const [schema] = Fixture.parse(fixtureFile).items.filter((item) => item.kind === "lex_v2_conversation_log");

/** The documented entry, its "A | B" choices and type names replaced by values of those types. */
const entry = {
  ...schema!.payload,
  timestamp: "2026-11-24T02:00:05.123Z",
  inputMode: "DTMF",
  missedUtterance: false,
  developerOverride: false,
};

describe("the Lex V2 conversation-log normaliser", () => {
  it("reads the documented entry as a turn of its session's contact", () => {
    expect(LexConversationTurn.parse(entry)).toEqual({
      botId: "string",
      contactId: "string",
      requestId: "string",
      at: "2026-11-24T02:00:05.123Z",
      answer: "string",
      inputMode: "dtmf",
      botMessages: ["string"],
      flowPrompt: undefined,
    });
  });

  it("names the option the keys picked, from the slot they filled", () => {
    const turn = LexConversationTurn.parse({
      ...entry,
      inputTranscript: "2",
      interpretations: [
        {
          intent: {
            name: "Menu",
            slots: {
              opcion: { value: { originalValue: "2", interpretedValue: "Soporte técnico" } },
              otro: null,
            },
          },
        },
      ],
    });
    expect(turn.answer).toBe("2 (Soporte técnico)");
  });

  it("refuses an entry without a session or with a timestamp that is no time", () => {
    const { sessionId: _dropped, ...withoutSession } = entry as Record<string, unknown>;
    expect(LexConversationTurn.safeParse(withoutSession).success).toBe(false);
    expect(LexConversationTurn.safeParse({ ...entry, timestamp: "string" }).success).toBe(false);
  });
});
