import { createUniqueId, For, Index, Match, Show, Switch } from "solid-js";
import { ACCEPTED_TYPES } from "../data/attachments";
import type { MessageTemplate } from "../data/console-types";
import type { Draft } from "../data/draft-store";
import { formatTime } from "../data/format";
import type { ReplyMode } from "../data/messaging-window";
import {
  BUTTON_TITLE_MAX,
  type ComposeProblem,
  type Extras,
  LIST_LABEL_MAX,
  MAX_BUTTONS,
  MAX_LIST_ROWS,
  ROW_DESCRIPTION_MAX,
  ROW_TITLE_MAX,
  takesInteractive,
} from "../data/outgoing";
import { findTemplate, templateValues } from "../data/templates";
import { useI18n } from "../providers/i18n-provider";
import { EmailAddressFields } from "./email-address-fields";
import { TemplatePicker } from "./template-picker";

type Props = {
  draft: Draft;
  /** What the channel's window lets the agent send now. */
  mode: ReplyMode;
  templates: readonly MessageTemplate[];
  /** The message being answered, in a few words. */
  replyingTo: string | undefined;
  now: number;
  /** Opens the catalog of interactive material, where the agent may send a card (issue 6). */
  onMaterial?: () => void;
};

/** The words of a problem that keeps a message from going. */
export function composeProblemText(
  problem: ComposeProblem,
  t: ReturnType<typeof useI18n>["t"],
): string | undefined {
  switch (problem.problem) {
    case "needs_content":
      return undefined;
    case "email_invalid":
      return t("errors.email_invalid", { addresses: problem.addresses.join(", ") });
    default:
      return t(`composer.${problem.problem}`);
  }
}

export function Composer(props: Props) {
  const { t, lang } = useI18n();
  const id = createUniqueId();
  let fileInput!: HTMLInputElement;
  const draft = () => props.draft;
  const channel = () => props.draft.channel;
  const channelName = () => t(`channel.${channel()}`);

  const onKeyDown = (event: KeyboardEvent) => {
    // Enter sends, Shift+Enter breaks the line; never while an input method is composing a character.
    // An e-mail is a letter: Enter breaks the line there, and the button sends.
    if (channel() === "email" || event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    void draft().send();
  };

  const template = () => findTemplate(props.templates, draft().template().key);
  const templateReady = () => {
    const chosen = template();
    return chosen !== undefined && templateValues(chosen.body, draft().template().values) !== undefined;
  };
  const sendTemplate = () => {
    const chosen = template();
    const parameters = chosen && templateValues(chosen.body, draft().template().values);
    if (chosen && parameters)
      void draft().sendTemplate({ name: chosen.name, language: chosen.language, parameters });
  };
  const until = (iso: string | undefined) => (iso ? formatTime(lang(), iso, props.now) : "");
  const issue = () => {
    const problem = draft().issue();
    return problem && composeProblemText(problem, t);
  };

  return (
    <Switch>
      <Match when={props.mode.mode === "template"}>
        <form
          class="composer composer-template"
          aria-labelledby={`${id}-template-heading`}
          onSubmit={(event) => {
            event.preventDefault();
            sendTemplate();
          }}
        >
          <h3 id={`${id}-template-heading`} class="composer-heading">
            {t("template.heading")}
          </h3>
          <p class="window-note window-closed">{t("window.whatsappClosed")}</p>
          <TemplatePicker
            templates={props.templates}
            value={draft().template()}
            onChange={(value) => draft().setTemplate(value)}
          />
          <div class="composer-actions">
            <button
              type="submit"
              class="primary"
              disabled={!templateReady() || draft().sending()}
              aria-busy={draft().sending()}
            >
              {t("template.send")}
            </button>
          </div>
        </form>
      </Match>
      <Match when={props.mode.mode === "blocked"}>
        <div class="composer composer-blocked">
          <p class="window-note window-closed">{t("window.messengerClosed")}</p>
          <label for="composer-text" class="visually-hidden">
            {t("composer.label")}
          </label>
          <textarea id="composer-text" rows={2} disabled placeholder={t("composer.blocked")} />
        </div>
      </Match>
      <Match when={true}>
        <form
          class="composer"
          onSubmit={(event) => {
            event.preventDefault();
            void draft().send();
          }}
        >
          <Switch>
            <Match when={props.mode.mode === "human_agent" && props.mode}>
              {(mode) => (
                <p class="window-note window-human-agent">
                  {t("window.humanAgent", { time: until((mode() as { closesAt?: string }).closesAt) })}
                </p>
              )}
            </Match>
            <Match when={props.mode.mode === "free" && (props.mode as { closesAt?: string }).closesAt}>
              {(closesAt) => <p class="window-note">{t("window.openUntil", { time: until(closesAt()) })}</p>}
            </Match>
          </Switch>
          <Show when={channel() === "email"}>
            <EmailFieldsEditor draft={draft()} />
          </Show>
          <Show when={props.replyingTo !== undefined}>
            <p class="replying-to">
              <span>{t("composer.replyingTo", { snippet: props.replyingTo ?? "" })}</span>
              <button type="button" class="link-button" onClick={() => draft().setReplyToSeq(undefined)}>
                {t("composer.cancelReply")}
              </button>
            </p>
          </Show>
          <label for="composer-text" class="visually-hidden">
            {channel() === "email" ? t("composer.emailBody") : t("composer.label")}
          </label>
          <textarea
            id="composer-text"
            rows={channel() === "email" ? 6 : 3}
            maxLength={4000}
            placeholder={channel() === "email" ? t("composer.emailBody") : t("composer.label")}
            aria-describedby={`composer-hint ${id}-issue`}
            value={draft().text()}
            onInput={(event) => draft().setText(event.currentTarget.value)}
            onKeyDown={onKeyDown}
          />
          <Show when={takesInteractive(channel()) && draft().extras().kind !== "none"}>
            <ExtrasEditor draft={draft()} />
          </Show>
          <Show when={draft().attachments().length}>
            <ul class="draft-attachments" aria-label={t("composer.attachments")}>
              <For each={draft().attachments()}>
                {(attachment) => (
                  <li>
                    <span>
                      {attachment.claim
                        ? attachment.name
                        : t("composer.uploading", { name: attachment.name })}
                    </span>
                    <button type="button" class="link-button" onClick={() => draft().remove(attachment.key)}>
                      {t("composer.remove", { name: attachment.name })}
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
          <p id={`${id}-issue`} class="composer-issue" role="status">
            {issue()}
          </p>
          <div class="composer-actions">
            <p id="composer-hint" class="hint">
              {channel() === "email" ? t("composer.emailHint") : t("composer.hint")}
              <Show when={draft().maxFiles === 1}> {t("composer.oneFile", { channel: channelName() })}</Show>
            </p>
            <Show when={takesInteractive(channel())}>
              <button
                type="button"
                aria-pressed={draft().extras().kind === "buttons"}
                onClick={() =>
                  draft().setExtras(
                    draft().extras().kind === "buttons"
                      ? { kind: "none" }
                      : { kind: "buttons", buttons: [""] },
                  )
                }
              >
                {t("composer.buttons")}
              </button>
              <button
                type="button"
                aria-pressed={draft().extras().kind === "list"}
                onClick={() =>
                  draft().setExtras(
                    draft().extras().kind === "list"
                      ? { kind: "none" }
                      : { kind: "list", buttonLabel: "", rows: [{ title: "", description: "" }] },
                  )
                }
              >
                {t("composer.list")}
              </button>
            </Show>
            <Show when={props.onMaterial}>
              {(open) => (
                <button type="button" aria-haspopup="dialog" onClick={() => open()()}>
                  {t("catalog.material")}
                </button>
              )}
            </Show>
            <button type="button" onClick={() => fileInput.click()}>
              {t("composer.attach")}
            </button>
            <input
              ref={fileInput}
              type="file"
              name="attachment"
              hidden
              multiple={draft().maxFiles > 1}
              accept={ACCEPTED_TYPES.join(",")}
              onChange={(event) => {
                draft().attach([...(event.currentTarget.files ?? [])]);
                event.currentTarget.value = "";
              }}
            />
            <button type="submit" class="primary" disabled={!draft().canSend()} aria-busy={draft().sending()}>
              {t("composer.send")}
            </button>
          </div>
        </form>
      </Match>
    </Switch>
  );
}

/** To, CC and Subject of an e-mail reply, prefilled with the customer and "Re:" the thread. */
function EmailFieldsEditor(props: { draft: Draft }) {
  return (
    <div class="email-fields">
      <EmailAddressFields value={props.draft.email()} onChange={props.draft.setEmail} />
    </div>
  );
}

/** Up to three reply buttons, or a list the customer opens, under the agent's text. */
function ExtrasEditor(props: { draft: Draft }) {
  const { t } = useI18n();
  const id = createUniqueId();
  const extras = () => props.draft.extras();
  const set = (next: Extras) => props.draft.setExtras(next);

  return (
    <Switch>
      <Match when={extras().kind === "buttons" && (extras() as Extract<Extras, { kind: "buttons" }>)}>
        {(buttons) => (
          <fieldset class="extras">
            <legend>{t("composer.buttons")}</legend>
            <Index each={buttons().buttons}>
              {(title, index) => (
                <div class="extras-row">
                  <label for={`${id}-button-${index}`}>{t("composer.button", { n: index + 1 })}</label>
                  <input
                    id={`${id}-button-${index}`}
                    type="text"
                    maxLength={BUTTON_TITLE_MAX}
                    value={title()}
                    onInput={(event) => {
                      const list = [...buttons().buttons];
                      list[index] = event.currentTarget.value;
                      set({ kind: "buttons", buttons: list });
                    }}
                  />
                  <button
                    type="button"
                    class="link-button"
                    onClick={() => {
                      const list = buttons().buttons.filter((_, i) => i !== index);
                      set(list.length ? { kind: "buttons", buttons: list } : { kind: "none" });
                    }}
                  >
                    {t("composer.removeButton", { n: index + 1 })}
                  </button>
                </div>
              )}
            </Index>
            <Show when={buttons().buttons.length < MAX_BUTTONS}>
              <button
                type="button"
                onClick={() => set({ kind: "buttons", buttons: [...buttons().buttons, ""] })}
              >
                {t("composer.addButton")}
              </button>
            </Show>
          </fieldset>
        )}
      </Match>
      <Match when={extras().kind === "list" && (extras() as Extract<Extras, { kind: "list" }>)}>
        {(list) => (
          <fieldset class="extras">
            <legend>{t("composer.list")}</legend>
            <div class="extras-row">
              <label for={`${id}-list-label`}>{t("composer.listButton")}</label>
              <input
                id={`${id}-list-label`}
                type="text"
                maxLength={LIST_LABEL_MAX}
                value={list().buttonLabel}
                onInput={(event) => set({ ...list(), buttonLabel: event.currentTarget.value })}
              />
            </div>
            <Index each={list().rows}>
              {(row, index) => {
                const change = (field: "title" | "description", value: string) => {
                  const rows = list().rows.map((r, i) => (i === index ? { ...r, [field]: value } : r));
                  set({ ...list(), rows });
                };
                return (
                  <div class="extras-row">
                    <label for={`${id}-row-${index}`}>{t("composer.row", { n: index + 1 })}</label>
                    <input
                      id={`${id}-row-${index}`}
                      type="text"
                      maxLength={ROW_TITLE_MAX}
                      value={row().title}
                      onInput={(event) => change("title", event.currentTarget.value)}
                    />
                    <label for={`${id}-row-${index}-description`} class="visually-hidden">
                      {t("composer.rowDescription", { n: index + 1 })}
                    </label>
                    <input
                      id={`${id}-row-${index}-description`}
                      type="text"
                      maxLength={ROW_DESCRIPTION_MAX}
                      placeholder={t("composer.rowDescriptionPlaceholder")}
                      value={row().description}
                      onInput={(event) => change("description", event.currentTarget.value)}
                    />
                    <button
                      type="button"
                      class="link-button"
                      onClick={() => {
                        const rows = list().rows.filter((_, i) => i !== index);
                        set(rows.length ? { ...list(), rows } : { kind: "none" });
                      }}
                    >
                      {t("composer.removeRow", { n: index + 1 })}
                    </button>
                  </div>
                );
              }}
            </Index>
            <Show when={list().rows.length < MAX_LIST_ROWS}>
              <button
                type="button"
                onClick={() => set({ ...list(), rows: [...list().rows, { title: "", description: "" }] })}
              >
                {t("composer.addRow")}
              </button>
            </Show>
          </fieldset>
        )}
      </Match>
    </Switch>
  );
}
