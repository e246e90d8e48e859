import { z } from "zod";

const SlotValue = z.object({
  originalValue: z.string().optional(),
  interpretedValue: z.string().optional(),
});
/** A slot as Lex logs it; a slot not filled yet is `null`. */
const Slots = z.record(z.string(), z.object({ value: SlotValue.optional() }).nullable()).optional();

const Intent = z.object({ name: z.string().optional(), slots: Slots });

/**
 * One entry of a Lex V2 bot's conversation log (`message-version` 2.0): one turn, the caller's
 * input and what the bot said back. Behind Amazon Connect the session id is the contact id.
 */
export const LexConversationTurn = z
  .object({
    bot: z.object({ id: z.string().min(1) }),
    sessionId: z.string().min(1),
    requestId: z.string().min(1),
    timestamp: z.iso.datetime({ offset: true }),
    inputTranscript: z.string().optional(),
    inputMode: z.enum(["DTMF", "Speech", "Text"]).optional(),
    messages: z.array(z.object({ content: z.string().optional() })).nullish(),
    interpretations: z.array(z.object({ intent: Intent.optional() })).nullish(),
    sessionState: z.object({ sessionAttributes: z.record(z.string(), z.string()).nullish() }).nullish(),
  })
  .transform((entry) => {
    const input = entry.inputTranscript?.trim() || undefined;
    // The slot the caller's words filled, by what he said: "2" is read as the option it picks.
    const slots = Object.values(entry.interpretations?.[0]?.intent?.slots ?? {});
    const meaning = slots.find((slot) => input && slot?.value?.originalValue === input)?.value
      ?.interpretedValue;
    return {
      botId: entry.bot.id,
      contactId: entry.sessionId,
      requestId: entry.requestId,
      at: new Date(entry.timestamp).toISOString(),
      answer: input && meaning && meaning !== input ? `${input} (${meaning})` : input,
      inputMode: entry.inputMode && INPUT_MODES[entry.inputMode],
      botMessages: (entry.messages ?? []).flatMap((message) => (message.content ? [message.content] : [])),
      /** What the contact flow played before handing the caller to the bot, when it tells the bot. */
      flowPrompt: entry.sessionState?.sessionAttributes?.prompt,
    };
  });
export type LexConversationTurn = z.output<typeof LexConversationTurn>;

const INPUT_MODES = { DTMF: "dtmf", Speech: "speech", Text: "text" } as const;
