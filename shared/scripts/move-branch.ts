import { z } from "zod";
import { AppError } from "../errors.js";
import { type ScriptTree, Slug } from "./script-tree.js";

/**
 * Moving a branch of the tree (seed 001: the admin "moves the distribution of the tree"): a
 * tipo to another place among the tipos, a motivo to another tipo, or an escenario to another
 * motivo, at a position among its new siblings. The same operation serves drag and drop and the keyboard's move up/down/to.
 */
export const MoveBranch = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("tipo"),
    from: z.object({ tipo: Slug }),
    to: z.object({ index: z.number().int().nonnegative() }),
  }),
  z.object({
    kind: z.literal("motivo"),
    from: z.object({ tipo: Slug, motivo: Slug }),
    to: z.object({ tipo: Slug, index: z.number().int().nonnegative() }),
  }),
  z.object({
    kind: z.literal("escenario"),
    from: z.object({ tipo: Slug, motivo: Slug, escenario: Slug }),
    to: z.object({ tipo: Slug, motivo: Slug, index: z.number().int().nonnegative() }),
  }),
]);
export type MoveBranch = z.input<typeof MoveBranch>;

export class BranchNotFoundError extends AppError {
  constructor(path: string) {
    super("branch_not_found", 400, `No branch at ${path}`, { path });
  }
}

/** The new parent already has a child with the moved branch's id: ids are unique among siblings. */
export class BranchIdTakenError extends AppError {
  constructor(path: string) {
    super("branch_id_taken", 409, `${path} already exists`, { path });
  }
}

/** Places `item` at `index` (clamped to the end) of a copy of `list`. */
function insertAt<T>(list: readonly T[], index: number, item: T) {
  const copy = [...list];
  copy.splice(Math.min(index, copy.length), 0, item);
  return copy;
}

/** The tree with the branch moved; the tree given is not changed. Moving a branch onto its own place keeps it there. */
export function moveBranch(tree: ScriptTree, input: MoveBranch): ScriptTree {
  const move = MoveBranch.parse(input);
  const tipo = (id: string) => {
    const found = tree.tipos.find((t) => t.id === id);
    if (!found) throw new BranchNotFoundError(id);
    return found;
  };
  if (move.kind === "tipo") {
    const moved = tipo(move.from.tipo);
    return {
      ...tree,
      tipos: insertAt(
        tree.tipos.filter((t) => t !== moved),
        move.to.index,
        moved,
      ),
    };
  }
  if (move.kind === "motivo") {
    const source = tipo(move.from.tipo);
    const motivo = source.motivos.find((m) => m.id === move.from.motivo);
    if (!motivo) throw new BranchNotFoundError(`${move.from.tipo}/${move.from.motivo}`);
    const target = tipo(move.to.tipo);
    if (target !== source && target.motivos.some((m) => m.id === motivo.id))
      throw new BranchIdTakenError(`${target.id}/${motivo.id}`);
    return {
      ...tree,
      tipos: tree.tipos.map((t) => {
        const without = t.motivos.filter((m) => !(t === source && m === motivo));
        return t === target
          ? { ...t, motivos: insertAt(without, move.to.index, motivo) }
          : { ...t, motivos: without };
      }),
    };
  }
  const motivoOf = (tipoId: string, motivoId: string) => {
    const found = tipo(tipoId).motivos.find((m) => m.id === motivoId);
    if (!found) throw new BranchNotFoundError(`${tipoId}/${motivoId}`);
    return found;
  };
  const source = motivoOf(move.from.tipo, move.from.motivo);
  const escenario = source.escenarios.find((e) => e.id === move.from.escenario);
  if (!escenario)
    throw new BranchNotFoundError(`${move.from.tipo}/${move.from.motivo}/${move.from.escenario}`);
  const target = motivoOf(move.to.tipo, move.to.motivo);
  if (target !== source && target.escenarios.some((e) => e.id === escenario.id))
    throw new BranchIdTakenError(`${move.to.tipo}/${move.to.motivo}/${escenario.id}`);
  return {
    ...tree,
    tipos: tree.tipos.map((t) => ({
      ...t,
      motivos: t.motivos.map((m) => {
        const without = m.escenarios.filter((e) => !(m === source && e === escenario));
        return m === target
          ? { ...m, escenarios: insertAt(without, move.to.index, escenario) }
          : { ...m, escenarios: without };
      }),
    })),
  };
}
