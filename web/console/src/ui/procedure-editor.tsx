import { createSignal, For, Match, Show, Switch } from "solid-js";
import {
  ACTIONS,
  CUSTOMER_FIELDS,
  changeKind,
  FIELD_TYPES,
  type Procedure,
  type ScriptTree,
  STEP_KINDS,
  type Step,
  type StepKind,
  stepProblems,
  type TreeProblem,
  uniqueId,
} from "../data/scripts";
import { useI18n } from "../providers/i18n-provider";
import { ScriptProblems } from "./script-problems";

type Props = {
  procedure: Procedure;
  /** `tipo/motivo/escenario`, as problems name it. */
  path: string;
  name: string;
  exitTags: ScriptTree["exitTags"];
  problems: readonly TreeProblem[];
  update(change: (procedure: Procedure) => void): void;
};

/** The words a step shows in a "next step" list: its id and the start of what it says. */
function stepLabel(step: Step) {
  const words = step.kind === "exit" ? step.tag : "text" in step ? step.text : step.label;
  return words ? `${step.id} · ${words.slice(0, 40)}` : step.id;
}

/**
 * An escenario's procedure: its steps (instruction, question with answers leading on, field to
 * capture, action, exit with its tag), where each leads, and where it starts.
 */
export function ProcedureEditor(props: Props) {
  const { t } = useI18n();
  const [newKind, setNewKind] = createSignal<StepKind>("instruction");
  const firstTag = () => props.exitTags[0]?.code ?? "fin";

  /** A new step leads to the first exit, or to itself until the admin says where. */
  const fallbackNext = (id: string) =>
    props.procedure.steps.find((s) => s.kind === "exit" && s.id !== id)?.id ?? id;

  const editStep = (id: string, change: (step: Step) => void) =>
    props.update((procedure) => {
      const found = procedure.steps.find((s) => s.id === id);
      if (found) change(found);
    });
  const replaceStep = (id: string, step: Step) =>
    props.update((procedure) => {
      procedure.steps = procedure.steps.map((s) => (s.id === id ? step : s));
    });

  // Accessors, not values: a select made again when its value changes would show its first option.
  const nextSelect = (label: () => string, value: () => string, set: (next: string) => void) => (
    <label>
      {label()}
      <select value={value()} onChange={(e) => set(e.currentTarget.value)}>
        <For each={props.procedure.steps}>
          {(s) => (
            <option value={s.id} selected={s.id === value()}>
              {stepLabel(s)}
            </option>
          )}
        </For>
      </select>
    </label>
  );

  /** The words of an instruction, a question or an action, edited in place. */
  const stepText = (label: () => string, step: () => Step & { text: string }) => (
    <label>
      {label()}
      <textarea
        rows={2}
        value={step().text}
        onInput={(e) => {
          const text = e.currentTarget.value;
          editStep(step().id, (x) => {
            if ("text" in x) x.text = text;
          });
        }}
      />
    </label>
  );
  /** Where a step with one way on leads. */
  const stepNext = (step: () => Step & { next: string }) =>
    nextSelect(
      () => t("scripts.next"),
      () => step().next,
      (next) =>
        editStep(step().id, (x) => {
          if ("next" in x) x.next = next;
        }),
    );

  const addStep = () => {
    const id = uniqueId(
      `paso-${props.procedure.steps.length + 1}`,
      props.procedure.steps.map((s) => s.id),
    );
    const step = changeKind(
      { kind: "instruction", id, text: "", next: fallbackNext(id) },
      newKind(),
      fallbackNext(id),
      firstTag(),
    );
    props.update((procedure) => {
      procedure.steps.push(step);
    });
  };

  return (
    <section class="procedure-editor" aria-labelledby="procedure-heading">
      <h3 id="procedure-heading">{t("scripts.procedureOf", { name: props.name })}</h3>
      <label>
        {t("scripts.start")}
        <select
          value={props.procedure.start}
          onChange={(e) => {
            const start = e.currentTarget.value;
            props.update((procedure) => {
              procedure.start = start;
            });
          }}
        >
          <For each={props.procedure.steps}>{(s) => <option value={s.id}>{stepLabel(s)}</option>}</For>
        </select>
      </label>
      <ScriptProblems
        problems={props.problems.filter((p) => p.path === props.path && p.code === "unknown_start")}
      />
      <ol class="procedure-steps">
        <For each={props.procedure.steps}>
          {(step, index) => (
            <li data-step={step.id}>
              <fieldset>
                <legend>{t("scripts.stepN", { n: index() + 1, id: step.id })}</legend>
                <label>
                  {t("scripts.stepKind")}
                  <select
                    value={step.kind}
                    onChange={(e) =>
                      replaceStep(
                        step.id,
                        changeKind(
                          step,
                          e.currentTarget.value as StepKind,
                          fallbackNext(step.id),
                          firstTag(),
                        ),
                      )
                    }
                  >
                    <For each={STEP_KINDS}>
                      {(kind) => <option value={kind}>{t(`scripts.kind.${kind}`)}</option>}
                    </For>
                  </select>
                </label>
                <Switch>
                  <Match when={step.kind === "instruction" && step}>
                    {(s) => (
                      <>
                        {stepText(() => t("scripts.instructionText"), s)}
                        {stepNext(s)}
                      </>
                    )}
                  </Match>
                  <Match when={step.kind === "question" && step}>
                    {(s) => (
                      <>
                        {stepText(() => t("scripts.questionText"), s)}
                        <ol class="question-options">
                          <For each={s().options}>
                            {(option, i) => (
                              <li>
                                <label>
                                  {t("scripts.optionN", { n: i() + 1 })}
                                  <input
                                    value={option.label}
                                    maxLength={120}
                                    onInput={(e) => {
                                      const label = e.currentTarget.value;
                                      editStep(s().id, (x) => {
                                        if (x.kind === "question") x.options[i()]!.label = label;
                                      });
                                    }}
                                  />
                                </label>
                                {nextSelect(
                                  () => t("scripts.optionNext", { n: i() + 1 }),
                                  () => option.next,
                                  (next) =>
                                    editStep(s().id, (x) => {
                                      if (x.kind === "question") x.options[i()]!.next = next;
                                    }),
                                )}
                                <button
                                  type="button"
                                  disabled={s().options.length <= 2}
                                  aria-label={t("scripts.removeOption", { n: i() + 1 })}
                                  onClick={() =>
                                    editStep(s().id, (x) => {
                                      if (x.kind === "question")
                                        x.options = x.options.filter((_, j) => j !== i());
                                    })
                                  }
                                >
                                  {t("scripts.remove")}
                                </button>
                              </li>
                            )}
                          </For>
                        </ol>
                        <button
                          type="button"
                          onClick={() =>
                            editStep(s().id, (x) => {
                              if (x.kind !== "question") return;
                              const id = uniqueId(
                                `respuesta-${x.options.length + 1}`,
                                x.options.map((o) => o.id),
                              );
                              x.options.push({ id, label: "", next: fallbackNext(x.id) });
                            })
                          }
                        >
                          {t("scripts.addOption")}
                        </button>
                      </>
                    )}
                  </Match>
                  <Match when={step.kind === "field" && step}>
                    {(s) => (
                      <>
                        <label>
                          {t("scripts.fieldLabel")}
                          <input
                            value={s().label}
                            maxLength={120}
                            onInput={(e) => {
                              const label = e.currentTarget.value;
                              editStep(s().id, (x) => {
                                if (x.kind === "field") x.label = label;
                              });
                            }}
                          />
                        </label>
                        <label>
                          {t("scripts.fieldType")}
                          <select
                            value={s().type}
                            onChange={(e) => {
                              const type = e.currentTarget.value as (typeof FIELD_TYPES)[number];
                              editStep(s().id, (x) => {
                                if (x.kind === "field") x.type = type;
                              });
                            }}
                          >
                            <For each={FIELD_TYPES}>
                              {(type) => <option value={type}>{t(`scripts.fieldType.${type}`)}</option>}
                            </For>
                          </select>
                        </label>
                        <label>
                          {t("scripts.fieldChecks")}
                          <select
                            value={s().checks ?? ""}
                            onChange={(e) => {
                              const checks = e.currentTarget.value as (typeof CUSTOMER_FIELDS)[number] | "";
                              editStep(s().id, (x) => {
                                if (x.kind !== "field") return;
                                if (checks) x.checks = checks;
                                else delete x.checks;
                              });
                            }}
                          >
                            <option value="">{t("scripts.fieldChecksNone")}</option>
                            <For each={CUSTOMER_FIELDS}>
                              {(field) => <option value={field}>{t(`scripts.field.${field}`)}</option>}
                            </For>
                          </select>
                        </label>
                        {stepNext(s)}
                      </>
                    )}
                  </Match>
                  <Match when={step.kind === "action" && step}>
                    {(s) => (
                      <>
                        <label>
                          {t("scripts.action")}
                          <select
                            value={s().action}
                            onChange={(e) => {
                              const action = e.currentTarget.value as (typeof ACTIONS)[number];
                              editStep(s().id, (x) => {
                                if (x.kind === "action") x.action = action;
                              });
                            }}
                          >
                            <For each={ACTIONS}>
                              {(action) => <option value={action}>{t(`scripts.action.${action}`)}</option>}
                            </For>
                          </select>
                        </label>
                        {stepText(() => t("scripts.actionText"), s)}
                        {stepNext(s)}
                      </>
                    )}
                  </Match>
                  <Match when={step.kind === "exit" && step}>
                    {(s) => (
                      <label>
                        {t("scripts.exitTag")}
                        <select
                          value={s().tag}
                          onChange={(e) => {
                            const tag = e.currentTarget.value;
                            editStep(s().id, (x) => {
                              if (x.kind === "exit") x.tag = tag;
                            });
                          }}
                        >
                          <Show when={!props.exitTags.some((tag) => tag.code === s().tag)}>
                            <option value={s().tag}>{s().tag}</option>
                          </Show>
                          <For each={props.exitTags}>
                            {(tag) => <option value={tag.code}>{`${tag.code} · ${tag.es}`}</option>}
                          </For>
                        </select>
                      </label>
                    )}
                  </Match>
                </Switch>
                <ScriptProblems problems={stepProblems(props.problems, props.path, step.id)} />
                <button
                  type="button"
                  disabled={props.procedure.steps.length <= 1}
                  aria-label={t("scripts.removeStep", { id: step.id })}
                  onClick={() =>
                    props.update((procedure) => {
                      procedure.steps = procedure.steps.filter((x) => x.id !== step.id);
                      if (procedure.start === step.id) procedure.start = procedure.steps[0]!.id;
                    })
                  }
                >
                  {t("scripts.remove")}
                </button>
              </fieldset>
            </li>
          )}
        </For>
      </ol>
      <div class="procedure-add">
        <label>
          {t("scripts.newStepKind")}
          <select value={newKind()} onChange={(e) => setNewKind(e.currentTarget.value as StepKind)}>
            <For each={STEP_KINDS}>{(kind) => <option value={kind}>{t(`scripts.kind.${kind}`)}</option>}</For>
          </select>
        </label>
        <button type="button" onClick={addStep}>
          {t("scripts.addStep")}
        </button>
      </div>
    </section>
  );
}
