import { createSignal, createUniqueId, For, Match, onMount, Show, Switch } from "solid-js";
import { ApiError } from "../data/api-error";
import { shortId } from "../data/care-columns";
import { describeError } from "../data/describe-error";
import {
  type CustomerField,
  type GuidedContactInfo,
  type GuidedView,
  guidedContactApi,
  type ScriptTree,
  STAGES,
  type Step,
  stageOf,
  whereIs,
} from "../data/guided-contact";
import { useI18n } from "../providers/i18n-provider";
import { useSession } from "../providers/session-provider";
import { GuidedPath, GuidedStep } from "./guided-step";
import "./guided-contact-panel.css";

type Props = {
  /** The care record's id of a call, chat or query, or a conversation's id. */
  contactId: string;
  /** After each move the server accepted: the host refreshes what the contact changed (a service, its record closed). */
  onChange?: (contact: GuidedContactInfo) => void;
  /** Opened by a button that then goes away: the panel's title takes the focus in its place. */
  focusOnOpen?: boolean;
};

type ExitTag = ScriptTree["exitTags"][number];

/**
 * The agent's guided contact (seed 001): the reason, pre-filled when the IVR or the chatbot
 * knows it → the contract's validation → the escenario and its procedure, one step at a time
 * with back and forward → the exit tag that closes it. After every move the new stage's heading
 * takes the focus, so keyboard and screen-reader users follow; problems are said in words in an
 * alert region. Loaded in its own chunk, only where an agent opens it.
 */
export default function GuidedContactPanel(props: Props) {
  const { api } = useSession();
  const { t, lang } = useI18n();
  const id = createUniqueId();
  const calls = guidedContactApi(api, props.contactId);
  const [view, setView] = createSignal<GuidedView>();
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal("");
  const [said, setSaid] = createSignal("");
  let root!: HTMLElement;

  const contact = () => view()?.contact;
  const tree = () => view()?.tree;
  const place = () => {
    const c = contact();
    const tr = tree();
    return c && tr ? whereIs(tr, c) : undefined;
  };
  const tagName = (code: string) => tree()?.exitTags.find((tag) => tag.code === code)?.[lang()] ?? code;
  const focus = (selector: string) => root.querySelector<HTMLElement>(selector)?.focus();

  async function load() {
    try {
      setView(await calls.view());
    } catch (error) {
      setProblem(describeError(error, t));
    }
  }
  onMount(() => {
    if (props.focusOnOpen) focus(`#${id}-title`);
    void load();
  });

  /** One move: the contact as the server answers it, then the focus on where the agent is now. */
  async function move(request: () => Promise<GuidedContactInfo>) {
    if (busy()) return;
    setBusy(true);
    setProblem("");
    setSaid("");
    try {
      const before = contact();
      const next = await request();
      if (!before || next.version !== view()?.version) await load();
      else setView({ ...view(), contact: next });
      announce(before, next);
      props.onChange?.(next);
      if (next.phase === "validation" && next.validation?.outcome === "failed")
        focus('[aria-invalid="true"]');
      else focus("[data-stage-heading]");
    } catch (error) {
      setProblem(describeError(error, t));
      // The contact moved elsewhere (another window, a double click): show where it is.
      if (error instanceof ApiError && error.status === 409) await load();
    } finally {
      setBusy(false);
    }
  }

  function announce(before: GuidedContactInfo | undefined, next: GuidedContactInfo) {
    const lines: string[] = [];
    if (next.validation && next.validation !== before?.validation && before?.phase === "validation")
      lines.push(
        ...next.validation.checks.map((check) =>
          t("guided.checkResult", {
            field: t(`guided.field.${check.field}`),
            result: check.matches ? t("guided.matches") : t("guided.mismatch"),
          }),
        ),
      );
    const answered = next.path.at(-2);
    if (answered?.matches !== undefined && next.path.length > (before?.path.length ?? 0))
      lines.push(answered.matches ? t("guided.fieldMatches") : t("guided.fieldMismatch"));
    if (next.serviceId && !before?.serviceId)
      lines.push(t("guided.serviceGenerated", { id: shortId(next.serviceId) }));
    if (next.phase === "closed" && next.exitTag)
      lines.push(t("guided.closed", { tag: tagName(next.exitTag) }));
    setSaid(lines.join(". "));
  }

  const current = () => stageOf(contact());
  const stageIndex = () => (contact()?.phase === "closed" ? STAGES.length : STAGES.indexOf(current()));
  const open = () => {
    const phase = contact()?.phase;
    return phase !== undefined && phase !== "closing" && phase !== "closed";
  };

  return (
    <section class="guided" ref={root} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} tabIndex={-1}>
        {t("guided.heading")}
      </h3>
      <Show when={view()} fallback={<p class="muted">{t("guided.loading")}</p>}>
        <Show when={tree()} fallback={<p>{t("guided.noTree")}</p>}>
          {(shown) => (
            <>
              <ol class="guided-stages" aria-label={t("guided.stages")}>
                <For each={STAGES}>
                  {(stage, index) => (
                    <li
                      aria-current={current() === stage && contact()?.phase !== "closed" ? "step" : undefined}
                      classList={{ done: index() < stageIndex() }}
                    >
                      {t(`guided.stage.${stage}`)}
                    </li>
                  )}
                </For>
              </ol>
              <Show when={contact()?.phase !== "closed" && contact()?.serviceId}>
                {(serviceId) => (
                  <p class="guided-service">{t("guided.serviceGenerated", { id: shortId(serviceId()) })}</p>
                )}
              </Show>
              <Switch>
                <Match when={!contact()}>
                  <ReasonStage
                    view={view()!}
                    tree={shown()}
                    busy={busy()}
                    onProblem={setProblem}
                    onStart={(reason) => void move(() => calls.start(reason))}
                  />
                </Match>
                <Match when={contact()?.phase === "validation" && contact()}>
                  {(c) => (
                    <ValidationStage
                      contact={c()}
                      fields={place()?.motivo?.validates ?? []}
                      busy={busy()}
                      onValidate={(values) => void move(() => calls.validate(values))}
                    />
                  )}
                </Match>
                <Match when={contact()?.phase === "escenario" && contact()}>
                  {(c) => (
                    <div class="guided-escenario">
                      <Show when={c().validation}>
                        {(validation) => (
                          <p class="guided-note">
                            {validation().outcome === "skipped"
                              ? t("guided.validationSkipped")
                              : t("guided.validated")}
                          </p>
                        )}
                      </Show>
                      <h4 data-stage-heading tabIndex={-1} id={`${id}-escenario`}>
                        {t("guided.escenario")}
                      </h4>
                      <ul class="guided-options" aria-labelledby={`${id}-escenario`}>
                        <For each={place()?.motivo?.escenarios ?? []}>
                          {(escenario) => (
                            <li>
                              <button
                                type="button"
                                disabled={busy()}
                                onClick={() => void move(() => calls.chooseEscenario(escenario.id))}
                              >
                                {escenario.name}
                              </button>
                            </li>
                          )}
                        </For>
                      </ul>
                    </div>
                  )}
                </Match>
                {/* Keyed: each step starts with its own empty input. */}
                <Match when={contact()?.phase !== "closed" && place()?.step} keyed>
                  {(step) => (
                    <GuidedStep
                      contact={contact()!}
                      step={step}
                      steps={place()!.steps}
                      busy={busy()}
                      tagName={tagName}
                      onAnswer={(answer) => void move(() => calls.answer(answer))}
                      onBack={() => void move(() => calls.back(contact()!.path.at(-1)!.step))}
                      onClose={(tag) => void move(() => calls.close(tag))}
                    />
                  )}
                </Match>
                <Match when={contact()?.phase === "closed" && contact()}>
                  {(c) => (
                    <ClosedSummary contact={c()} steps={place()?.steps ?? new Map()} tagName={tagName} />
                  )}
                </Match>
              </Switch>
              <Show when={open()}>
                <CloseEarly
                  tags={shown().exitTags}
                  busy={busy()}
                  onProblem={setProblem}
                  onClose={(tag) => void move(() => calls.close(tag))}
                />
              </Show>
            </>
          )}
        </Show>
      </Show>
      <p class="guided-problem" role="alert">
        {problem()}
      </p>
      <p class="visually-hidden" role="status">
        {said()}
      </p>
    </section>
  );
}

function ReasonStage(props: {
  view: GuidedView;
  tree: ScriptTree;
  busy: boolean;
  onProblem(text: string): void;
  onStart(reason: { tipo: string; motivo: string }): void;
}) {
  const { t } = useI18n();
  const id = createUniqueId();
  const tipos = () =>
    props.tree.tipos.filter((tipo) => !props.view.tipos || props.view.tipos.includes(tipo.id));
  const prefill =
    props.view.prefill && tipos().some((tipo) => tipo.id === props.view.prefill?.tipo)
      ? props.view.prefill
      : undefined;
  const [tipo, setTipo] = createSignal(prefill?.tipo ?? (tipos().length === 1 ? tipos()[0]!.id : ""));
  const [motivo, setMotivo] = createSignal(prefill?.motivo ?? "");
  const motivos = () => tipos().find((each) => each.id === tipo())?.motivos ?? [];
  const prefilled = () =>
    prefill && tipo() === prefill.tipo && (!prefill.motivo || motivo() === prefill.motivo)
      ? prefill
      : undefined;

  return (
    <form
      class="guided-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!tipo() || !motivo()) return props.onProblem(t("guided.reasonRequired"));
        props.onStart({ tipo: tipo(), motivo: motivo() });
      }}
    >
      <h4 data-stage-heading tabIndex={-1}>
        {t("guided.stage.reason")}
      </h4>
      <Show when={prefilled()}>
        {(known) => <p class="guided-note">{t(`guided.prefilled.${known().by}`)}</p>}
      </Show>
      <label for={`${id}-tipo`}>{t("guided.tipo")}</label>
      <select
        id={`${id}-tipo`}
        onChange={(event) => {
          setTipo(event.currentTarget.value);
          setMotivo("");
        }}
      >
        <option value="">{t("guided.choose")}</option>
        <For each={tipos()}>
          {(each) => (
            <option value={each.id} selected={each.id === tipo()}>
              {each.name}
            </option>
          )}
        </For>
      </select>
      <label for={`${id}-motivo`}>{t("guided.motivo")}</label>
      <select id={`${id}-motivo`} onChange={(event) => setMotivo(event.currentTarget.value)}>
        <option value="" selected={!motivo()}>
          {t("guided.choose")}
        </option>
        <For each={motivos()}>
          {(each) => (
            <option value={each.id} selected={each.id === motivo()}>
              {each.name}
            </option>
          )}
        </For>
      </select>
      <button type="submit" class="primary" disabled={props.busy}>
        {t("guided.start")}
      </button>
    </form>
  );
}

const INPUT_TYPES: Record<CustomerField, string> = {
  name: "text",
  documentNumber: "text",
  phone: "tel",
  email: "email",
};

function ValidationStage(props: {
  contact: GuidedContactInfo;
  fields: readonly CustomerField[];
  busy: boolean;
  onValidate(values: Partial<Record<CustomerField, string>>): void;
}) {
  const { t } = useI18n();
  const id = createUniqueId();
  const [values, setValues] = createSignal<Partial<Record<CustomerField, string>>>({});
  const check = (field: CustomerField) =>
    props.contact.validation?.checks.find((each) => each.field === field)?.matches;
  const failed = () => props.contact.validation?.outcome === "failed";

  return (
    <form
      class="guided-form"
      onSubmit={(event) => {
        event.preventDefault();
        props.onValidate(values());
      }}
    >
      <h4 data-stage-heading tabIndex={-1}>
        {t("guided.stage.validation")}
      </h4>
      <p>{t("guided.validationIntro")}</p>
      <For each={props.fields}>
        {(field) => (
          <div class="guided-check">
            <label for={`${id}-${field}`}>{t(`guided.field.${field}`)}</label>
            <input
              id={`${id}-${field}`}
              type={INPUT_TYPES[field]}
              autocomplete="off"
              aria-invalid={check(field) === false ? "true" : undefined}
              aria-describedby={check(field) === undefined ? undefined : `${id}-${field}-check`}
              value={values()[field] ?? ""}
              onInput={(event) => setValues({ ...values(), [field]: event.currentTarget.value })}
            />
            <Show when={check(field) !== undefined}>
              <span id={`${id}-${field}-check`} classList={{ match: check(field), mismatch: !check(field) }}>
                {check(field) ? t("guided.matches") : t("guided.mismatch")}
              </span>
            </Show>
          </div>
        )}
      </For>
      <Show when={failed()}>
        <p class="guided-note">{t("guided.validationFailed")}</p>
      </Show>
      <button type="submit" class="primary" disabled={props.busy}>
        {t("guided.validate")}
      </button>
    </form>
  );
}

/** Before the procedure's end the agent may still close (the customer hung up): with one of the tree's tags. */
function CloseEarly(props: {
  tags: readonly ExitTag[];
  busy: boolean;
  onProblem(text: string): void;
  onClose(exitTag: string): void;
}) {
  const { t, lang } = useI18n();
  const id = createUniqueId();
  const [tag, setTag] = createSignal("");
  const [missing, setMissing] = createSignal(false);
  let select!: HTMLSelectElement;

  return (
    <form
      class="guided-form guided-close-early"
      onSubmit={(event) => {
        event.preventDefault();
        setMissing(!tag());
        if (!tag()) {
          props.onProblem(t("guided.tagRequired"));
          select.focus();
          return;
        }
        props.onClose(tag());
      }}
    >
      <label for={`${id}-tag`}>{t("guided.closeTag")}</label>
      <select
        ref={select}
        id={`${id}-tag`}
        aria-invalid={missing() ? "true" : undefined}
        onChange={(event) => {
          setTag(event.currentTarget.value);
          setMissing(false);
        }}
      >
        <option value="">{t("guided.choose")}</option>
        <For each={props.tags}>{(each) => <option value={each.code}>{each[lang()]}</option>}</For>
      </select>
      <button type="submit" disabled={props.busy}>
        {t("guided.closeEarly")}
      </button>
    </form>
  );
}

function ClosedSummary(props: {
  contact: GuidedContactInfo;
  steps: ReadonlyMap<string, Step>;
  tagName(code: string): string;
}) {
  const { t } = useI18n();
  const none = () => t("guided.summary.none");
  return (
    <div class="guided-summary">
      <h4 data-stage-heading tabIndex={-1}>
        {t("guided.summary")}
      </h4>
      <p>{t("guided.closed", { tag: props.tagName(props.contact.exitTag ?? "") })}</p>
      <dl>
        <dt>{t("guided.tipo")}</dt>
        <dd>{props.contact.tipoName}</dd>
        <dt>{t("guided.motivo")}</dt>
        <dd>{props.contact.motivoName}</dd>
        <dt>{t("guided.summary.escenario")}</dt>
        <dd>{props.contact.escenarioName ?? none()}</dd>
        <dt>{t("guided.summary.solution")}</dt>
        <dd>{props.contact.solution ?? none()}</dd>
        <Show when={props.contact.serviceId}>
          {(serviceId) => (
            <>
              <dt>{t("guided.summary.service")}</dt>
              <dd>{shortId(serviceId())}</dd>
            </>
          )}
        </Show>
        <dt>{t("guided.stage.exit")}</dt>
        <dd>{props.tagName(props.contact.exitTag ?? "")}</dd>
      </dl>
      <GuidedPath contact={props.contact} steps={props.steps} tagName={props.tagName} />
    </div>
  );
}
