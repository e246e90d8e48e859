import { createSignal, createUniqueId, For, onMount, Show } from "solid-js";
import { ACCEPTED_TYPES, checkFile, MAX_ATTACHMENTS_PER_MESSAGE } from "../data/attachments";
import type {
  AttachmentClaim,
  CustomerProfile,
  MessageTemplate,
  StartAgentConversationInput,
} from "../data/console-types";
import type { TemplateDraft } from "../data/draft-store";
import type { EmailFields } from "../data/outgoing";
import { emailOutreach, type OutreachProblem, whatsAppOutreach } from "../data/outreach";
import { findTemplate } from "../data/templates";
import { useI18n } from "../providers/i18n-provider";
import { EmailAddressFields } from "./email-address-fields";
import { TemplatePicker } from "./template-picker";

export type OutreachKind = "whatsapp" | "email";

type Props = {
  kind: OutreachKind;
  profile: CustomerProfile | undefined;
  templates: readonly MessageTemplate[];
  upload(file: File): Promise<AttachmentClaim>;
  /** Starts the conversation; the problem to show when the server refused, null when it started. */
  onSubmit(input: StartAgentConversationInput): Promise<string | null>;
  onClose(): void;
};

type PendingFile = { key: number; name: string; claim?: AttachmentClaim };

/**
 * Writing to the customer on another channel without leaving the conversation at hand: a
 * WhatsApp (text, or a template when the customer has not written in 24 h) or a new e-mail
 * with copies. Loaded only when first opened. A native modal dialog, so the browser traps focus
 * in it, closes it on Escape and gives focus back.
 */
export function OutreachDialog(props: Props) {
  const { t } = useI18n();
  const id = createUniqueId();
  let dialog!: HTMLDialogElement;
  let fileInput!: HTMLInputElement;

  // Until the agent types his own, the phone and To are the customer's recorded ones, whenever
  // the profile arrives or is saved: copying them once at opening would miss a late one.
  const [typedPhone, setPhone] = createSignal<string>();
  const phone = () => typedPhone() ?? props.profile?.phone ?? "";
  const [whatsAppKind, setWhatsAppKind] = createSignal<"text" | "template">(
    props.templates.length ? "template" : "text",
  );
  const [template, setTemplate] = createSignal<TemplateDraft>({ key: "", values: [] });
  const [typedTo, setTypedTo] = createSignal<string>();
  const [copies, setCopies] = createSignal({ cc: "", subject: "" });
  const email = (): EmailFields => ({ to: typedTo() ?? props.profile?.email ?? "", ...copies() });
  const setEmail = ({ to, ...rest }: EmailFields) => {
    if (to !== email().to) setTypedTo(to);
    setCopies(rest);
  };
  const [text, setText] = createSignal("");
  const [files, setFiles] = createSignal<PendingFile[]>([]);
  const [problem, setProblem] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  // Kept while nothing changes, so a retried send starts one conversation, not two.
  let clientMessageId: string | undefined;
  let nextKey = 1;
  const changed = () => {
    clientMessageId = undefined;
    setProblem(null);
  };
  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      changed();
    };

  onMount(() => dialog.showModal());

  const problemText = (found: OutreachProblem) => {
    switch (found.problem) {
      case "email_invalid":
        return t("errors.email_invalid", { addresses: found.addresses.join(", ") });
      case "needs_content":
        return t("outreach.needs_content");
      default:
        return t(`composer.${found.problem}`);
    }
  };

  async function attach(list: readonly File[]) {
    for (const file of list) {
      const refused =
        files().length >= MAX_ATTACHMENTS_PER_MESSAGE ? "too_many" : (checkFile(file) ?? undefined);
      if (refused) {
        setProblem(t(`errors.${refused}`, { name: file.name, max: MAX_ATTACHMENTS_PER_MESSAGE }));
        continue;
      }
      const key = nextKey++;
      setFiles((current) => [...current, { key, name: file.name }]);
      changed();
      try {
        const claim = await props.upload(file);
        setFiles((current) => current.map((f) => (f.key === key ? { ...f, claim } : f)));
      } catch {
        setFiles((current) => current.filter((f) => f.key !== key));
        setProblem(t("errors.upload_failed", { name: file.name }));
      }
    }
  }

  async function submit() {
    if (busy() || files().some((f) => !f.claim)) return;
    clientMessageId ??= crypto.randomUUID();
    const result =
      props.kind === "whatsapp"
        ? whatsAppOutreach(
            {
              phone: phone(),
              kind: whatsAppKind(),
              text: text(),
              template: findTemplate(props.templates, template().key),
              values: template().values,
            },
            clientMessageId,
          )
        : emailOutreach(
            {
              fields: email(),
              text: text(),
              attachments: files().flatMap((f) => (f.claim ? [f.claim] : [])),
            },
            clientMessageId,
          );
    if ("problem" in result) {
      setProblem(problemText(result));
      return;
    }
    setBusy(true);
    try {
      const refused = await props.onSubmit(result.input);
      if (refused) setProblem(refused);
      else dialog.close();
    } finally {
      setBusy(false);
    }
  }

  const title = () => (props.kind === "whatsapp" ? t("outreach.whatsappTitle") : t("outreach.emailTitle"));

  return (
    <dialog
      ref={dialog}
      class="dialog outreach"
      aria-labelledby={`${id}-title`}
      onClose={() => props.onClose()}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h2 id={`${id}-title`}>{title()}</h2>
        <Show
          when={props.kind === "whatsapp"}
          fallback={
            <div class="dialog-fields">
              <EmailAddressFields value={email()} onChange={edit(setEmail)} />
              <label for={`${id}-body`}>{t("composer.emailBody")}</label>
              <textarea
                id={`${id}-body`}
                rows={6}
                maxLength={4000}
                value={text()}
                onInput={(event) => edit(setText)(event.currentTarget.value)}
              />
              <Show when={files().length}>
                <ul class="draft-attachments" aria-label={t("composer.attachments")}>
                  <For each={files()}>
                    {(file) => (
                      <li>
                        <span>{file.claim ? file.name : t("composer.uploading", { name: file.name })}</span>
                        <button
                          type="button"
                          class="link-button"
                          onClick={() => {
                            setFiles((current) => current.filter((f) => f.key !== file.key));
                            changed();
                          }}
                        >
                          {t("composer.remove", { name: file.name })}
                        </button>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
              <div>
                <button type="button" onClick={() => fileInput.click()}>
                  {t("composer.attach")}
                </button>
                <input
                  ref={fileInput}
                  type="file"
                  hidden
                  multiple
                  accept={ACCEPTED_TYPES.join(",")}
                  onChange={(event) => {
                    void attach([...(event.currentTarget.files ?? [])]);
                    event.currentTarget.value = "";
                  }}
                />
              </div>
            </div>
          }
        >
          <div class="dialog-fields">
            <label for={`${id}-phone`}>{t("outreach.phone")}</label>
            <input
              id={`${id}-phone`}
              type="tel"
              autocomplete="off"
              aria-describedby={`${id}-phone-hint`}
              value={phone()}
              onInput={(event) => edit(setPhone)(event.currentTarget.value)}
            />
            <p id={`${id}-phone-hint`} class="hint">
              {t("outreach.phoneHint")}
            </p>
            <fieldset>
              <legend>{t("outreach.kind")}</legend>
              <label class="radio">
                <input
                  type="radio"
                  name={`${id}-kind`}
                  checked={whatsAppKind() === "template"}
                  onChange={() => edit(setWhatsAppKind)("template")}
                />
                {t("outreach.kindTemplate")}
              </label>
              <label class="radio">
                <input
                  type="radio"
                  name={`${id}-kind`}
                  checked={whatsAppKind() === "text"}
                  onChange={() => edit(setWhatsAppKind)("text")}
                />
                {t("outreach.kindText")}
              </label>
            </fieldset>
            <p class="hint">{t("outreach.windowHint")}</p>
            <Show
              when={whatsAppKind() === "template"}
              fallback={
                <>
                  <label for={`${id}-text`}>{t("outreach.text")}</label>
                  <textarea
                    id={`${id}-text`}
                    rows={4}
                    maxLength={4000}
                    value={text()}
                    onInput={(event) => edit(setText)(event.currentTarget.value)}
                  />
                </>
              }
            >
              <TemplatePicker templates={props.templates} value={template()} onChange={edit(setTemplate)} />
            </Show>
          </div>
        </Show>
        <p class="form-error" role="alert">
          {problem() ?? ""}
        </p>
        <div class="dialog-actions">
          <button type="button" onClick={() => dialog.close()}>
            {t("outreach.cancel")}
          </button>
          <button type="submit" class="primary" disabled={busy()} aria-busy={busy()}>
            {props.kind === "whatsapp" ? t("outreach.sendWhatsApp") : t("outreach.sendEmail")}
          </button>
        </div>
      </form>
    </dialog>
  );
}

export default OutreachDialog;
