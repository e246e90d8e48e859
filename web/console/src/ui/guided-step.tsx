import { createSignal, createUniqueId, For, Match, Show, Switch } from "solid-js";
import {
  backBlocked,
  type GuidedContactInfo,
  type Step,
  type StepAnswer,
  takenStep,
} from "../data/guided-contact";
import { useI18n } from "../providers/i18n-provider";

type Props = {
  contact: GuidedContactInfo;
  step: Step;
  steps: ReadonlyMap<string, Step>;
  busy: boolean;
  /** The exit tag's name in the console's language, for an exit step. */
  tagName(code: string): string;
  onAnswer(answer: StepAnswer): void;
  onBack(): void;
  onClose(exitTag: string): void;
};

/**
 * The one step of the procedure the contact is on, as the agent acts on it: an instruction
 * done, a question's option, a field's value, an action the system takes, or the exit whose tag
 * closes the contact. "Atrás" and the path taken so far below it.
 */
export function GuidedStep(props: Props) {
  const { t } = useI18n();
  const id = createUniqueId();
  const [value, setValue] = createSignal("");
  const blocked = () => backBlocked(props.contact);
  const heading = () =>
    props.step.kind === "exit" ? t("guided.stage.exit") : t("guided.stepN", { n: props.contact.path.length });

  return (
    <div class="guided-step">
      <h4 data-stage-heading tabIndex={-1}>
        {heading()}
        <Show when={props.contact.escenarioName}>{(name) => <span class="muted"> · {name()}</span>}</Show>
      </h4>
      <Switch>
        <Match when={props.step.kind === "instruction" && props.step}>
          {(step) => (
            <>
              <p class="guided-text">{step().text}</p>
              <button
                type="button"
                class="primary"
                disabled={props.busy}
                onClick={() => props.onAnswer({ step: step().id })}
              >
                {t("guided.done")}
              </button>
            </>
          )}
        </Match>
        <Match when={props.step.kind === "question" && props.step}>
          {(step) => (
            <fieldset class="guided-question">
              <legend class="guided-text">{step().text}</legend>
              <div class="guided-options">
                <For each={step().options}>
                  {(option) => (
                    <button
                      type="button"
                      disabled={props.busy}
                      onClick={() => props.onAnswer({ step: step().id, answer: option.id })}
                    >
                      {option.label}
                    </button>
                  )}
                </For>
              </div>
            </fieldset>
          )}
        </Match>
        <Match when={props.step.kind === "field" && props.step}>
          {(step) => (
            <form
              class="guided-form"
              onSubmit={(event) => {
                event.preventDefault();
                props.onAnswer({ step: step().id, value: value() });
              }}
            >
              <label for={`${id}-value`}>{step().label}</label>
              <input
                id={`${id}-value`}
                type={step().type}
                autocomplete="off"
                value={value()}
                onInput={(event) => setValue(event.currentTarget.value)}
              />
              <button type="submit" class="primary" disabled={props.busy}>
                {t("guided.next")}
              </button>
            </form>
          )}
        </Match>
        <Match when={props.step.kind === "action" && props.step}>
          {(step) => (
            <>
              <p class="guided-text">{step().text}</p>
              <button
                type="button"
                class="primary"
                disabled={props.busy}
                onClick={() => props.onAnswer({ step: step().id })}
              >
                {t(`guided.action.${step().action}`)}
              </button>
            </>
          )}
        </Match>
        <Match when={props.step.kind === "exit" && props.step}>
          {(step) => (
            <>
              <p class="guided-text">{t("guided.exitTag", { tag: props.tagName(step().tag) })}</p>
              <button
                type="button"
                class="primary"
                disabled={props.busy}
                onClick={() => props.onClose(step().tag)}
              >
                {t("guided.close")}
              </button>
            </>
          )}
        </Match>
      </Switch>
      <p class="guided-back">
        <button
          type="button"
          disabled={props.busy || blocked()}
          aria-describedby={blocked() ? `${id}-blocked` : undefined}
          onClick={() => props.onBack()}
        >
          {t("guided.back")}
        </button>
        <Show when={blocked()}>
          <span id={`${id}-blocked`} class="muted">
            {t("guided.backBlocked")}
          </span>
        </Show>
      </p>
      <GuidedPath contact={props.contact} steps={props.steps} tagName={props.tagName} />
    </div>
  );
}

/** The steps taken before the current one, with what was answered: the path the contact keeps. */
export function GuidedPath(props: {
  contact: GuidedContactInfo;
  steps: ReadonlyMap<string, Step>;
  tagName(code: string): string;
}) {
  const { t } = useI18n();
  const id = createUniqueId();
  const taken = () => props.contact.path.slice(0, props.contact.phase === "closed" ? undefined : -1);
  return (
    <Show when={taken().length}>
      <section class="guided-path" aria-labelledby={`${id}-path`}>
        <h5 id={`${id}-path`}>{t("guided.path")}</h5>
        <ol>
          <For each={taken()}>
            {(entry) => {
              const step = props.steps.get(entry.step);
              const { text, answer } = takenStep(step, entry);
              return (
                <li>
                  {step?.kind === "exit" ? props.tagName(step.tag) : text}
                  <Show when={answer}>
                    : <strong>{answer}</strong>
                  </Show>
                  <Show when={entry.matches !== undefined}>
                    {" "}
                    ({entry.matches ? t("guided.fieldMatches") : t("guided.fieldMismatch")})
                  </Show>
                </li>
              );
            }}
          </For>
        </ol>
      </section>
    </Show>
  );
}
