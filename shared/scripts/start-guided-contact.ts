import { z } from "zod";
import { isConditionFailure } from "../data/condition-failed.js";
import { AppError, ConflictError, NotFoundError } from "../errors.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { assertAttends, attendedTipos } from "./agent-profiles.js";
import { setConversationTipo } from "./conversation-tipo.js";
import { readGuidedContact, toGuidedContactInfo } from "./guided-contact.js";
import { treeOf } from "./guided-tree.js";
import { prefillReason } from "./prefill-reason.js";
import { type ScriptTree, Slug } from "./script-tree.js";
import { currentScriptTree } from "./script-versions.js";

export const StartGuidedInput = z.object({ tipo: Slug, motivo: Slug });
export type StartGuidedInput = z.input<typeof StartGuidedInput>;

const CALL_TABS = new Set(["calls", "sales_calls"]);

/**
 * What a guided contact follows: a call, chat or query of the back office (keyed by the
 * contact's own id, as its care record is), or a conversation that has no record. What the IVR
 * or the chatbot recorded as the reason comes along, to fill the reason in.
 */
async function contactSource(ports: Pick<Ports, "db">, tenantId: string, contactId: string) {
  const [{ data: record }, { data: conversation }] = await Promise.all([
    ports.db.careRecord.get({ tenantId, recordId: contactId }).go(),
    ports.db.conversation.get({ tenantId, conversationId: contactId }).go(),
  ]);
  if (record && record.tab !== "services") {
    const call = CALL_TABS.has(record.tab);
    return {
      channel: call ? ("call" as const) : ("chat" as const),
      recordId: record.recordId,
      conversationId: conversation?.conversationId,
      assigneeId: conversation?.assigneeId,
      customerId: record.customerId ?? conversation?.customerId,
      recorded: record.motivo,
      recordedBy: call ? ("ivr" as const) : ("chatbot" as const),
      tipo: conversation?.tipo,
      open: record.status === "open",
    };
  }
  if (conversation)
    return {
      channel: "chat" as const,
      conversationId: conversation.conversationId,
      assigneeId: conversation.assigneeId,
      customerId: conversation.customerId,
      recorded: undefined,
      recordedBy: "chatbot" as const,
      tipo: conversation.tipo,
      open: conversation.status !== "closed",
    };
  throw new NotFoundError("contact");
}

/**
 * The reason the IVR or the chatbot recorded, as the tree knows it; else the tipo the chat was
 * routed by when the chatbot handed it over (from the menu options the customer chose).
 */
function reasonOf(tree: ScriptTree, source: { recorded?: string; tipo?: string }) {
  const known = prefillReason(tree, source.recorded);
  if (known) return known;
  return tree.tipos.some((tipo) => tipo.id === source.tipo) ? { tipo: source.tipo! } : undefined;
}

/**
 * What the agent's guided panel opens with: the contact when it is being followed (with the tree
 * version it follows), else the tree published now, the tipos the agent attends, and the tipo
 * and motivo the IVR or the chatbot already know.
 */
export async function guidedContactView(ports: Pick<Ports, "db">, staff: StaffIdentity, contactId: string) {
  const item = await readGuidedContact(ports, staff.tenantId, contactId);
  if (item) return { contact: toGuidedContactInfo(item), tree: await treeOf(ports, item) };
  const [source, current, tipos] = await Promise.all([
    contactSource(ports, staff.tenantId, contactId),
    currentScriptTree(ports, staff.tenantId),
    attendedTipos(ports, staff),
  ]);
  if (!current) return {};
  const prefill = reasonOf(current.tree, source);
  return {
    tree: current.tree,
    version: current.version,
    ...(tipos && { tipos }),
    ...(prefill && { prefill: { ...prefill, by: source.recordedBy } }),
  };
}

/**
 * The agent starts following a contact under the reason he confirmed (seed 001: the reason,
 * then the contract's validation, then the solution, then the exit tag), in the version of the
 * tree published now, which the contact keeps to its end. Starting it again is a no-op for him;
 * another agent is refused while he has it.
 */
export async function startGuidedContact(
  ports: Pick<Ports, "db" | "clock">,
  staff: StaffIdentity,
  contactId: string,
  input: StartGuidedInput,
) {
  const { tipo: tipoId, motivo: motivoId } = StartGuidedInput.parse(input);
  const existing = await readGuidedContact(ports, staff.tenantId, contactId);
  if (existing) return sameAgent(staff, existing);
  const [source, current] = await Promise.all([
    contactSource(ports, staff.tenantId, contactId),
    currentScriptTree(ports, staff.tenantId),
  ]);
  if (!current) throw new ConflictError("no_published_tree", "No script tree is published yet");
  if (!source.open)
    throw new ConflictError("record_not_open", "A contact that was closed is not followed any more");
  // A chat's procedure is followed by whoever has the conversation (it moves on with it).
  if (source.conversationId && source.assigneeId !== staff.staffId)
    throw source.assigneeId
      ? new ConflictError("contact_taken", "Another agent has this conversation")
      : new ConflictError("conversation_not_taken", "Take the conversation before following it");
  const tipo = current.tree.tipos.find((t) => t.id === tipoId);
  const motivo = tipo?.motivos.find((m) => m.id === motivoId);
  if (!tipo || !motivo)
    throw new AppError("unknown_reason", 400, "The tree has no such tipo and motivo", {
      tipo: tipoId,
      motivo: motivoId,
    });
  await assertAttends(ports, staff, tipo.id);

  const prefill = reasonOf(current.tree, source);
  const prefilled = prefill?.tipo === tipo.id && (!prefill.motivo || prefill.motivo === motivo.id);
  // Nothing to validate against when the caller is not a known customer: the record says so.
  const validates = motivo.validates.length > 0;
  const now = ports.clock.now().toISOString();
  const item = {
    tenantId: staff.tenantId,
    contactId,
    channel: source.channel,
    ...(source.recordId && { recordId: source.recordId }),
    ...(source.conversationId && { conversationId: source.conversationId }),
    ...(source.customerId && { customerId: source.customerId }),
    agentId: staff.staffId,
    agentName: staff.name,
    version: current.version,
    phase: validates && source.customerId ? ("validation" as const) : ("escenario" as const),
    tipo: tipo.id,
    tipoName: tipo.name,
    motivo: motivo.id,
    motivoName: motivo.name,
    ...(prefilled && { prefilledBy: source.recordedBy }),
    ...(validates && !source.customerId && { validation: { outcome: "skipped", checks: [] } }),
    path: [],
    detours: [],
    revision: 1,
    startedAt: now,
    updatedAt: now,
  };
  try {
    await ports.db.guidedContact.create(item).go();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const winner = await readGuidedContact(ports, staff.tenantId, contactId);
    if (winner) return sameAgent(staff, winner);
  }
  if (source.conversationId) await setConversationTipo(ports, staff.tenantId, source.conversationId, tipo.id);
  return toGuidedContactInfo(item);
}

function sameAgent(staff: StaffIdentity, item: Parameters<typeof toGuidedContactInfo>[0]) {
  if (item.agentId !== staff.staffId)
    throw new ConflictError("contact_taken", `${item.agentName} is attending this contact`, {
      agentName: item.agentName,
    });
  return toGuidedContactInfo(item);
}
