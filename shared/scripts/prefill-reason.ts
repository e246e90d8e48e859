import { nameKeyOf } from "../care/record.js";
import type { ScriptTree } from "./script-tree.js";

/** The IVR's and the chatbot's menus name a reason by its path: "Soporte técnico › Internet › Sin conexión". */
const prefixesOf = (text: string) => {
  const parts = text.split(/\s*[›>/]\s*/).filter(Boolean);
  return parts.map((_, i) => nameKeyOf(parts.slice(0, parts.length - i).join(" ")));
};

/**
 * The tipo and motivo a contact starts with when the IVR or the chatbot already classified it:
 * the motivo whose name or alias is what they recorded, else the tipo whose name or alias is
 * the longest start of it. Nothing when the tree knows no such reason.
 */
export function prefillReason(tree: ScriptTree, recorded: string | undefined) {
  if (!recorded?.trim()) return undefined;
  const prefixes = prefixesOf(recorded);
  const names = (branch: { name: string; aliases: string[] }) =>
    [branch.name, ...branch.aliases].map(nameKeyOf);
  for (const tipo of tree.tipos) {
    const motivo = tipo.motivos.find((m) => names(m).includes(prefixes[0]!));
    if (motivo) return { tipo: tipo.id, motivo: motivo.id };
  }
  for (const prefix of prefixes) {
    const tipo = tree.tipos.find((t) => names(t).includes(prefix));
    if (tipo) return { tipo: tipo.id };
  }
  return undefined;
}
