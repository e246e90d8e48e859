import { createSignal, For, type JSX, Show } from "solid-js";
import {
  branchPath,
  branchProblems,
  CUSTOMER_FIELDS,
  firstProcedure,
  type Motivo,
  type MoveBranch,
  type ScriptTree,
  slugOf,
  type Tipo,
  type TreeProblem,
  uniqueId,
} from "../data/scripts";
import { useI18n } from "../providers/i18n-provider";
import { ScriptProblems } from "./script-problems";

/** The escenario whose procedure is being edited. */
export type Selection = { tipo: string; motivo: string; escenario: string };

type Props = {
  tree: ScriptTree;
  problems: readonly TreeProblem[];
  selected?: Selection;
  busy: boolean;
  onSelect(selection: Selection): void;
  update(change: (tree: ScriptTree) => void): void;
  /** A branch moved (drag and drop, Alt+arrows, "Mover a…"); `focus` is the grip to focus afterwards. */
  onMove(move: MoveBranch, focus: string): void;
};

type Dragged =
  | { kind: "tipo"; tipo: string }
  | { kind: "motivo"; tipo: string; motivo: string }
  | { kind: "escenario"; tipo: string; motivo: string; escenario: string };

const lines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

/** Where a branch lands among siblings once taken out of its place: the index `moveBranch` expects. */
const indexAmong = (ids: readonly string[], moved: string, before: string) =>
  ids.filter((id) => id !== moved).indexOf(before);

/** A name field and a button that add a branch under a parent. */
function AddBranch(props: { label: string; button: string; onAdd(name: string): void }) {
  const [name, setName] = createSignal("");
  const add = (event: SubmitEvent) => {
    event.preventDefault();
    if (!name().trim()) return;
    props.onAdd(name().trim());
    setName("");
  };
  return (
    <form class="script-add" onSubmit={add}>
      <label>
        {props.label}
        <input value={name()} maxLength={120} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <button type="submit">{props.button}</button>
    </form>
  );
}

/**
 * The tree as an outline (tipos → motivos → escenarios), each branch renamed, removed or moved
 * in place: dragged by its grip onto another parent or before a sibling, or with the keyboard
 * (Alt+↑/↓ among siblings, "Mover a…" to another parent).
 */
export function ScriptTreeOutline(props: Props) {
  const { t } = useI18n();
  const [dragging, setDragging] = createSignal<Dragged>();

  const allow = (kind: Dragged["kind"]) => (event: DragEvent) => {
    if (dragging()?.kind !== kind) return;
    event.preventDefault();
    event.stopPropagation();
  };
  const dropped = (kind: Dragged["kind"], place: (dragged: Dragged) => void) => (event: DragEvent) => {
    const dragged = dragging();
    if (dragged?.kind !== kind) return;
    event.preventDefault();
    event.stopPropagation();
    setDragging(undefined);
    place(dragged);
  };
  const startDrag = (dragged: Dragged) => (event: DragEvent) => {
    event.dataTransfer?.setData("text/plain", Object.values(dragged).slice(1).join("/"));
    if (event.dataTransfer) event.dataTransfer.effectAllowed = "move";
    setDragging(dragged);
  };

  const moveTipo = (tipo: string, index: number) =>
    props.onMove({ kind: "tipo", from: { tipo }, to: { index } }, branchPath(tipo));
  const moveMotivo = (tipo: string, motivo: string, to: { tipo: string; index: number }) =>
    props.onMove({ kind: "motivo", from: { tipo, motivo }, to }, branchPath(to.tipo, motivo));
  const moveEscenario = (
    from: { tipo: string; motivo: string; escenario: string },
    to: { tipo: string; motivo: string; index: number },
  ) => props.onMove({ kind: "escenario", from, to }, branchPath(to.tipo, to.motivo, from.escenario));

  /** Alt+↑/↓ on a grip: one place up or down among its siblings. */
  const onGripKey =
    (siblings: () => readonly { id: string }[], id: string, move: (index: number) => void) =>
    (event: KeyboardEvent) => {
      if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
      event.preventDefault();
      const index = siblings().findIndex((s) => s.id === id);
      const to = event.key === "ArrowUp" ? index - 1 : index + 1;
      if (to >= 0 && to < siblings().length) move(to);
    };

  const grip = (
    label: string,
    path: string,
    onKey: (event: KeyboardEvent) => void,
    dragged: () => Dragged,
  ): JSX.Element => (
    // Enter or Space hands the keyboard on to the branch's "Mover a…" list.
    <button
      type="button"
      class="script-grip"
      draggable={!props.busy}
      data-grip={path}
      aria-label={label}
      aria-describedby="script-move-help"
      aria-disabled={props.busy}
      onKeyDown={(event) => {
        if (props.busy) return;
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          event.currentTarget.closest(".script-branch-head")?.querySelector("select")?.focus();
        } else onKey(event);
      }}
      onDragStart={(e) => startDrag(dragged())(e)}
      onDragEnd={() => setDragging(undefined)}
    >
      <span aria-hidden="true">⠿</span>
    </button>
  );

  /** A branch's name, edited in place; read through an accessor, so a reload shows the new one. */
  const nameField = (label: () => string, name: () => string, rename: (name: string) => void) => (
    <label>
      {label()}
      <input value={name()} maxLength={120} onInput={(e) => rename(e.currentTarget.value)} />
    </label>
  );

  const removeButton = (name: string, remove: () => void) => (
    <button
      type="button"
      class="script-remove"
      aria-label={t("scripts.removeNamed", { name })}
      onClick={remove}
    >
      {t("scripts.remove")}
    </button>
  );

  const aliases = (branch: Tipo | Motivo, set: (aliases: string[]) => void) => (
    <label class="script-aliases">
      {t("scripts.aliases")}
      <textarea
        rows={2}
        value={branch.aliases.join("\n")}
        onChange={(e) => set(lines(e.currentTarget.value))}
      />
    </label>
  );

  const motivoItem = (tipo: Tipo, motivo: Motivo) => {
    const path = () => branchPath(tipo.id, motivo.id);
    const edit = (change: (m: Motivo) => void) =>
      props.update((tree) => {
        const found = tree.tipos.find((x) => x.id === tipo.id)?.motivos.find((x) => x.id === motivo.id);
        if (found) change(found);
      });
    return (
      <li
        class="script-branch motivo"
        data-branch={path()}
        onDragOver={(e) => {
          allow("motivo")(e);
          allow("escenario")(e);
        }}
        onDrop={(e) => {
          dropped(
            "motivo",
            (d) =>
              d.kind === "motivo" &&
              moveMotivo(d.tipo, d.motivo, {
                tipo: tipo.id,
                index: indexAmong(
                  tipo.motivos.map((m) => m.id),
                  d.tipo === tipo.id ? d.motivo : "",
                  motivo.id,
                ),
              }),
          )(e);
          dropped(
            "escenario",
            (d) =>
              d.kind === "escenario" &&
              moveEscenario(d, { tipo: tipo.id, motivo: motivo.id, index: motivo.escenarios.length }),
          )(e);
        }}
      >
        <div class="script-branch-head">
          {grip(
            t("scripts.moveNamed", { name: motivo.name }),
            path(),
            onGripKey(
              () => tipo.motivos,
              motivo.id,
              (index) => moveMotivo(tipo.id, motivo.id, { tipo: tipo.id, index }),
            ),
            () => ({ kind: "motivo", tipo: tipo.id, motivo: motivo.id }),
          )}
          {nameField(
            () => t("scripts.motivo"),
            () => motivo.name,
            (name) =>
              edit((m) => {
                m.name = name;
              }),
          )}
          <label>
            {t("scripts.moveTo")}
            <select
              disabled={props.busy}
              onChange={(e) => {
                const to = e.currentTarget.value;
                if (to)
                  moveMotivo(tipo.id, motivo.id, {
                    tipo: to,
                    index: props.tree.tipos.find((x) => x.id === to)?.motivos.length ?? 0,
                  });
              }}
            >
              <option value="">—</option>
              <For each={props.tree.tipos.filter((x) => x.id !== tipo.id)}>
                {(other) => <option value={other.id}>{other.name}</option>}
              </For>
            </select>
          </label>
          {removeButton(motivo.name, () =>
            props.update((tree) => {
              const parent = tree.tipos.find((x) => x.id === tipo.id);
              if (parent) parent.motivos = parent.motivos.filter((x) => x.id !== motivo.id);
            }),
          )}
        </div>
        {aliases(motivo, (list) =>
          edit((m) => {
            m.aliases = list;
          }),
        )}
        <fieldset class="script-validates">
          <legend>{t("scripts.validates")}</legend>
          <For each={CUSTOMER_FIELDS}>
            {(field) => (
              <label>
                <input
                  type="checkbox"
                  checked={motivo.validates.includes(field)}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    edit((m) => {
                      m.validates = CUSTOMER_FIELDS.filter((f) =>
                        f === field ? on : m.validates.includes(f),
                      );
                    });
                  }}
                />
                {t(`scripts.field.${field}`)}
              </label>
            )}
          </For>
        </fieldset>
        <ScriptProblems problems={branchProblems(props.problems, path())} />
        <ul class="script-children">
          <For each={motivo.escenarios}>
            {(escenario) => {
              const at = { tipo: tipo.id, motivo: motivo.id, escenario: escenario.id };
              const escenarioPath = () => branchPath(tipo.id, motivo.id, escenario.id);
              const count = () => props.problems.filter((p) => p.path === escenarioPath()).length;
              const isSelected = () =>
                props.selected?.tipo === tipo.id &&
                props.selected.motivo === motivo.id &&
                props.selected.escenario === escenario.id;
              return (
                <li
                  class="script-branch escenario"
                  classList={{ selected: isSelected() }}
                  data-branch={escenarioPath()}
                  onDragOver={allow("escenario")}
                  onDrop={dropped("escenario", (d) => {
                    if (d.kind !== "escenario") return;
                    const same = d.tipo === tipo.id && d.motivo === motivo.id;
                    moveEscenario(d, {
                      tipo: tipo.id,
                      motivo: motivo.id,
                      index: indexAmong(
                        motivo.escenarios.map((e) => e.id),
                        same ? d.escenario : "",
                        escenario.id,
                      ),
                    });
                  })}
                >
                  <div class="script-branch-head">
                    {grip(
                      t("scripts.moveNamed", { name: escenario.name }),
                      escenarioPath(),
                      onGripKey(
                        () => motivo.escenarios,
                        escenario.id,
                        (index) => moveEscenario(at, { tipo: tipo.id, motivo: motivo.id, index }),
                      ),
                      () => ({ kind: "escenario", ...at }),
                    )}
                    {nameField(
                      () => t("scripts.escenario"),
                      () => escenario.name,
                      (name) =>
                        edit((m) => {
                          const found = m.escenarios.find((x) => x.id === escenario.id);
                          if (found) found.name = name;
                        }),
                    )}
                    <button
                      type="button"
                      aria-pressed={isSelected()}
                      aria-label={t("scripts.editProcedureOf", { name: escenario.name })}
                      onClick={() => props.onSelect(at)}
                    >
                      {t("scripts.editProcedure")}
                    </button>
                    <Show when={count() > 0}>
                      <span class="script-problem-count">
                        {t("scripts.problemCount", { count: count() })}
                      </span>
                    </Show>
                    <label>
                      {t("scripts.moveTo")}
                      <select
                        disabled={props.busy}
                        onChange={(e) => {
                          const [toTipo, toMotivo] = e.currentTarget.value.split("/");
                          const target = props.tree.tipos
                            .find((x) => x.id === toTipo)
                            ?.motivos.find((x) => x.id === toMotivo);
                          if (toTipo && toMotivo && target)
                            moveEscenario(at, {
                              tipo: toTipo,
                              motivo: toMotivo,
                              index: target.escenarios.length,
                            });
                        }}
                      >
                        <option value="">—</option>
                        <For each={props.tree.tipos}>
                          {(other) => (
                            <For
                              each={other.motivos.filter(
                                (m) => !(other.id === tipo.id && m.id === motivo.id),
                              )}
                            >
                              {(m) => (
                                <option
                                  value={branchPath(other.id, m.id)}
                                >{`${other.name} › ${m.name}`}</option>
                              )}
                            </For>
                          )}
                        </For>
                      </select>
                    </label>
                    {removeButton(escenario.name, () =>
                      edit((m) => {
                        m.escenarios = m.escenarios.filter((x) => x.id !== escenario.id);
                      }),
                    )}
                  </div>
                </li>
              );
            }}
          </For>
        </ul>
        <AddBranch
          label={t("scripts.newEscenario")}
          button={t("scripts.addEscenario")}
          onAdd={(name) =>
            edit((m) => {
              m.escenarios.push({
                id: uniqueId(
                  slugOf(name),
                  m.escenarios.map((x) => x.id),
                ),
                name,
                procedure: firstProcedure(props.tree.exitTags[0]?.code ?? "fin"),
              });
            })
          }
        />
      </li>
    );
  };

  return (
    <section class="script-outline" aria-labelledby="script-outline-heading">
      <h3 id="script-outline-heading">{t("scripts.outline")}</h3>
      <p id="script-move-help" class="muted">
        {t("scripts.moveHelp")}
      </p>
      <ul class="script-children">
        <For each={props.tree.tipos}>
          {(tipo) => {
            const edit = (change: (x: Tipo) => void) =>
              props.update((tree) => {
                const found = tree.tipos.find((x) => x.id === tipo.id);
                if (found) change(found);
              });
            return (
              <li
                class="script-branch tipo"
                data-branch={tipo.id}
                onDragOver={(e) => {
                  allow("tipo")(e);
                  allow("motivo")(e);
                }}
                onDrop={(e) => {
                  dropped(
                    "tipo",
                    (d) =>
                      d.kind === "tipo" &&
                      moveTipo(
                        d.tipo,
                        indexAmong(
                          props.tree.tipos.map((x) => x.id),
                          d.tipo,
                          tipo.id,
                        ),
                      ),
                  )(e);
                  dropped(
                    "motivo",
                    (d) =>
                      d.kind === "motivo" &&
                      moveMotivo(d.tipo, d.motivo, {
                        tipo: tipo.id,
                        index: tipo.motivos.filter((m) => !(d.tipo === tipo.id && m.id === d.motivo)).length,
                      }),
                  )(e);
                }}
              >
                <div class="script-branch-head">
                  {grip(
                    t("scripts.moveNamed", { name: tipo.name }),
                    branchPath(tipo.id),
                    onGripKey(
                      () => props.tree.tipos,
                      tipo.id,
                      (index) => moveTipo(tipo.id, index),
                    ),
                    () => ({ kind: "tipo", tipo: tipo.id }),
                  )}
                  {nameField(
                    () => t("scripts.tipo"),
                    () => tipo.name,
                    (name) =>
                      edit((x) => {
                        x.name = name;
                      }),
                  )}
                  {removeButton(tipo.name, () =>
                    props.update((tree) => {
                      tree.tipos = tree.tipos.filter((x) => x.id !== tipo.id);
                    }),
                  )}
                </div>
                {aliases(tipo, (list) =>
                  edit((x) => {
                    x.aliases = list;
                  }),
                )}
                <ScriptProblems problems={branchProblems(props.problems, tipo.id)} />
                <ul class="script-children">
                  <For each={tipo.motivos}>{(motivo) => motivoItem(tipo, motivo)}</For>
                </ul>
                <AddBranch
                  label={t("scripts.newMotivo")}
                  button={t("scripts.addMotivo")}
                  onAdd={(name) =>
                    edit((x) => {
                      x.motivos.push({
                        id: uniqueId(
                          slugOf(name),
                          x.motivos.map((m) => m.id),
                        ),
                        name,
                        aliases: [],
                        validates: [],
                        escenarios: [],
                      });
                    })
                  }
                />
              </li>
            );
          }}
        </For>
      </ul>
      <AddBranch
        label={t("scripts.newTipo")}
        button={t("scripts.addTipo")}
        onAdd={(name) =>
          props.update((tree) => {
            tree.tipos.push({
              id: uniqueId(
                slugOf(name),
                tree.tipos.map((x) => x.id),
              ),
              name,
              aliases: [],
              motivos: [],
            });
          })
        }
      />
    </section>
  );
}
