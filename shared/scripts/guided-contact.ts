import type { EntityItem } from "electrodb";
import { z } from "zod";
import { unlessConditionFails } from "../data/condition-failed.js";
import type { Db } from "../data/db.js";
import { AppError, ConflictError, ForbiddenError, NotFoundError } from "../errors.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { CustomerField, type ScriptTree } from "./script-tree.js";

/** One step the agent took, with the time spent on it (time on a step he went back to adds up). */
export const PathEntry = z.object({
  step: z.string(),
  kind: z.enum(["instruction", "question", "field", "action", "exit"]),
  enteredAt: z.string(),
  ms: z.number().int().nonnegative(),
  /** A question's option chosen. */
  answer: z.string().optional(),
  /** A field's value as captured, and whether it matched the customer's record. */
  value: z.string().optional(),
  matches: z.boolean().optional(),
});
export type PathEntry = z.infer<typeof PathEntry>;

/** Time spent on a step the agent then went back from: it is not on the path, but it was spent. */
export const Detour = z.object({ step: z.string(), ms: z.number().int().nonnegative() });

/** Each contract field the motivo validates: whether what the customer said matched his record. */
export const FieldCheck = z.object({ field: CustomerField, matches: z.boolean() });

export const GuidedPhase = z.enum(["validation", "escenario", "solution", "closing", "closed"]);
export type GuidedPhase = z.infer<typeof GuidedPhase>;

/** A guided contact as the console and the reports read it. */
export const GuidedContactInfo = z.object({
  contactId: z.string(),
  channel: z.enum(["call", "chat"]),
  recordId: z.string().optional(),
  conversationId: z.string().optional(),
  customerId: z.string().optional(),
  agentId: z.string(),
  agentName: z.string(),
  version: z.number(),
  phase: GuidedPhase,
  tipo: z.string(),
  tipoName: z.string(),
  motivo: z.string(),
  motivoName: z.string(),
  prefilledBy: z.enum(["ivr", "chatbot"]).optional(),
  escenario: z.string().optional(),
  escenarioName: z.string().optional(),
  validation: z
    .object({ outcome: z.enum(["passed", "failed", "skipped"]), checks: z.array(FieldCheck) })
    .optional(),
  path: z.array(PathEntry),
  detours: z.array(Detour),
  serviceId: z.string().optional(),
  /** What solved it: the text of the last action taken ("Levantar queja técnica…"), if any. */
  solution: z.string().optional(),
  exitTag: z.string().optional(),
  /** The step the agent was on when he closed without reaching an exit: where he left the procedure. */
  leftAt: z.string().optional(),
  revision: z.number(),
  startedAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().optional(),
});
export type GuidedContactInfo = z.infer<typeof GuidedContactInfo>;

export type GuidedContactItem = EntityItem<Db["guidedContact"]>;

export function toGuidedContactInfo(item: GuidedContactItem): GuidedContactInfo {
  const { tenantId: _tenant, ...info } = item;
  return GuidedContactInfo.parse(info);
}

/** The contact as stored, read consistently: each step is a write conditional on what was read. */
export async function readGuidedContact(ports: Pick<Ports, "db">, tenantId: string, contactId: string) {
  const { data } = await ports.db.guidedContact.get({ tenantId, contactId }).go({ consistent: true });
  return data ?? undefined;
}

/**
 * The contact as the agent following it moves it on: only he does. A chat handed to another
 * agent (transferred, or given back and taken) hands its procedure on with it, where it was:
 * the agent who has the conversation now follows it, and his next move records him.
 */
export async function ownGuidedContact(ports: Pick<Ports, "db">, staff: StaffIdentity, contactId: string) {
  const item = await readGuidedContact(ports, staff.tenantId, contactId);
  if (!item) throw new NotFoundError("guided_contact");
  const notYours = () =>
    new ForbiddenError(`${item.agentName} is attending this contact`, "not_your_contact");
  if (!item.conversationId || item.phase === "closed") {
    if (item.agentId !== staff.staffId) throw notYours();
    return item;
  }
  const { data: conversation } = await ports.db.conversation
    .get({ tenantId: staff.tenantId, conversationId: item.conversationId })
    .go();
  if (conversation?.assigneeId !== staff.staffId) throw notYours();
  return { ...item, agentId: staff.staffId, agentName: staff.name };
}

export class WrongPhaseError extends ConflictError {
  constructor(phase: GuidedPhase) {
    super("wrong_phase", `The contact is at ${phase}`, { phase });
  }
}

/**
 * Saves the contact's next state over the revision it was read at, so two windows or a double
 * click cannot both move it; the loser is told to load it again.
 */
export async function saveGuidedContact(
  ports: Pick<Ports, "db" | "clock">,
  item: GuidedContactItem,
  changes: Partial<Omit<GuidedContactItem, "tenantId" | "contactId" | "revision">>,
  remove: ("escenario" | "escenarioName")[] = [],
) {
  const saved = await unlessConditionFails(
    ports.db.guidedContact
      .patch({ tenantId: item.tenantId, contactId: item.contactId })
      .set({
        ...changes,
        // Who moves it now: the same agent, or the one a chat was handed to.
        agentId: item.agentId,
        agentName: item.agentName,
        revision: item.revision + 1,
        updatedAt: ports.clock.now().toISOString(),
      })
      .remove(remove)
      .where(({ revision }, { eq }) => eq(revision, item.revision))
      .go({ response: "all_new" }),
  );
  if (!saved)
    throw new ConflictError("contact_changed", "The contact moved on in another window; load it again");
  return toGuidedContactInfo(saved.data);
}

/** The path as stored, the step being followed last. */
export const pathOf = (item: GuidedContactItem) => z.array(PathEntry).parse(item.path);
export const detoursOf = (item: GuidedContactItem) => z.array(Detour).parse(item.detours);

/** The step's entry with the time since it was entered added: what it is when the agent leaves it. */
export const leaving = (entry: PathEntry, now: Date): PathEntry => ({
  ...entry,
  ms: entry.ms + Math.max(0, now.getTime() - new Date(entry.enteredAt).getTime()),
});

/** The contact's tipo, motivo and escenario in the tree version it follows. */
export function branchesOf(tree: ScriptTree, item: Pick<GuidedContactItem, "tipo" | "motivo" | "escenario">) {
  const tipo = tree.tipos.find((t) => t.id === item.tipo);
  const motivo = tipo?.motivos.find((m) => m.id === item.motivo);
  const escenario = motivo?.escenarios.find((e) => e.id === item.escenario);
  return { tipo, motivo, escenario };
}

export class ExitTagRequiredError extends AppError {
  constructor() {
    super("exit_tag_required", 400, "A contact closes with its exit tag");
  }
}
