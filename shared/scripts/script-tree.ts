import { z } from "zod";

/**
 * The tree every contact follows (seed 001): tipo (the service: Datos, Cable, Saldos…) →
 * motivo (why the customer calls) → escenarios (what the agent finds) → one procedure per
 * escenario, a sequence of steps that ends in an exit tag. Admins edit it as a whole; contacts
 * keep the version they started with.
 */
export const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,59}$/, "ids are 1-60 lowercase letters, digits, '-' or '_'");

const Name = z.string().trim().min(1).max(120);
const Text = z.string().trim().min(1).max(2000);

/** What a field step checks the answer against: the customer's record, when the contract is validated. */
export const CustomerField = z.enum(["name", "documentNumber", "phone", "email"]);
export type CustomerField = z.infer<typeof CustomerField>;

/** An instruction to read to the customer or to do, then the next step. */
export const InstructionStep = z.object({ kind: z.literal("instruction"), id: Slug, text: Text, next: Slug });

/** A question whose answers lead to different next steps. */
export const QuestionStep = z.object({
  kind: z.literal("question"),
  id: Slug,
  text: Text,
  options: z
    .array(z.object({ id: Slug, label: Name, next: Slug }))
    .min(2)
    .max(12),
});

/** A value to capture (a modem's serial number, a date), checked against the customer's record when it names a field. */
export const FieldStep = z.object({
  kind: z.literal("field"),
  id: Slug,
  label: Name,
  type: z.enum(["text", "number", "date"]),
  checks: CustomerField.optional(),
  next: Slug,
});

/** Something the system does for the agent: "levantar queja técnica" opens a technical service. */
export const ActionStep = z.object({
  kind: z.literal("action"),
  id: Slug,
  action: z.enum(["technical_complaint", "new_connection"]),
  text: Text,
  next: Slug,
});

/** The end of a procedure: the exit tag the contact closes with. */
export const ExitStep = z.object({ kind: z.literal("exit"), id: Slug, tag: Slug });

export const Step = z.discriminatedUnion("kind", [
  InstructionStep,
  QuestionStep,
  FieldStep,
  ActionStep,
  ExitStep,
]);
export type Step = z.infer<typeof Step>;

export const Procedure = z.object({ start: Slug, steps: z.array(Step).min(1).max(200) });
export type Procedure = z.infer<typeof Procedure>;

/**
 * What the IVR or the chatbot calls a tipo or motivo ("Soporte técnico › Internet"), so a
 * contact they already classified starts with it filled in.
 */
const Aliases = z.array(z.string().trim().min(1).max(200)).max(20).default([]);

export const Escenario = z.object({ id: Slug, name: Name, procedure: Procedure });
export const Motivo = z.object({
  id: Slug,
  name: Name,
  aliases: Aliases,
  /** The contract data the agent validates before solving (seed 001: reason → validation → solution). */
  validates: z.array(CustomerField).max(4).default([]),
  escenarios: z.array(Escenario).max(100),
});
export const Tipo = z.object({ id: Slug, name: Name, aliases: Aliases, motivos: z.array(Motivo).max(200) });
export const ExitTag = z.object({ code: Slug, es: Name, en: Name });

export const ScriptTree = z.object({
  tipos: z.array(Tipo).max(50),
  exitTags: z.array(ExitTag).max(200),
});
export type ScriptTree = z.infer<typeof ScriptTree>;
export type Tipo = z.infer<typeof Tipo>;
export type Motivo = z.infer<typeof Motivo>;
export type Escenario = z.infer<typeof Escenario>;

/** The steps a step leads to. */
export function nextSteps(step: Step): string[] {
  switch (step.kind) {
    case "question":
      return step.options.map((option) => option.next);
    case "instruction":
    case "field":
    case "action":
      return [step.next];
    case "exit":
      return [];
  }
}
