import type { BotState } from "../chatbot/flow.js";
import { unlessConditionFails } from "../data/condition-failed.js";
import { NotFoundError } from "../errors.js";
import type { Ports } from "../ports.js";
import { prefillReason } from "./prefill-reason.js";
import { Slug } from "./script-tree.js";
import { currentScriptTree } from "./script-versions.js";

/**
 * Names the tipo a conversation is about (the guided contact's reason), which routes it to the
 * agents whose Kardex profile lists it. Setting the same tipo again changes nothing.
 */
export async function setConversationTipo(
  ports: Pick<Ports, "db">,
  tenantId: string,
  conversationId: string,
  tipo: string,
) {
  const parsed = Slug.parse(tipo);
  const set = await unlessConditionFails(
    ports.db.conversation.patch({ tenantId, conversationId }).set({ tipo: parsed }).go(),
  );
  if (!set) throw new NotFoundError("conversation");
}

/**
 * The tipo of a chat the chatbot hands over: the reason it collected, else the path of the
 * menu options the customer chose ("Soporte técnico › Internet"), as the published tree knows
 * them. Nothing when no tree is published or it knows neither.
 */
export async function handoffTipo(
  ports: Pick<Ports, "db">,
  tenantId: string,
  bot: Pick<BotState, "collected" | "choices">,
) {
  const { collected, choices } = bot;
  if (!collected.motivo && choices.length === 0) return undefined;
  const current = await currentScriptTree(ports, tenantId);
  if (!current) return undefined;
  const reason =
    prefillReason(current.tree, collected.motivo) ?? prefillReason(current.tree, choices.join(" › "));
  return reason?.tipo;
}
